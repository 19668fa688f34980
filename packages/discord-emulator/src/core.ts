import type { Snowflake } from 'discord.js';
import type { Clock } from './clock.js';
import type { CommandRegistry } from './commands.js';
import type { InteractionStore, MessageJsonContext } from './interactions.js';
import type { SnowflakeGenerator } from './snowflake.js';
import type { World } from './world.js';

/** Discord's lifecycle limits, overridable for tests. */
export interface EmulatorLimits {
  /** The first callback must arrive within this many ms of dispatch (Discord: 3 s). */
  ackWindowMs: number;
  /** Webhook follow-ups/edits work for this long after dispatch (Discord: 15 min). */
  webhookLifetimeMs: number;
}

export const DEFAULT_LIMITS: EmulatorLimits = { ackWindowMs: 3000, webhookLifetimeMs: 15 * 60 * 1000 };

/** What REST routes and the gateway share. */
export interface EmulatorCore {
  readonly world: World;
  readonly token: string;
  readonly applicationId: Snowflake;
  readonly now: Clock;
  readonly ids: SnowflakeGenerator;
  readonly commands: CommandRegistry;
  readonly interactions: InteractionStore;
  readonly limits: EmulatorLimits;
  /** `shards` returned by GET /gateway/bot. */
  readonly recommendedShards: number;
  readonly maxConcurrency: number;
  gatewayUrl(): string;
  messageContext(): MessageJsonContext;
}
