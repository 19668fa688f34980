/**
 * A local Discord emulator (REST + gateway, API v10) that the real discord.js Client connects to.
 *
 *   const emu = await startEmulator();
 *   const client = new Client(emu.clientOptions());
 *   await client.login(emu.token);
 *   const reply = await emu.command({ user: 'ana', guild: 'main', name: 'who', options: { name: 'Chase' } });
 */
export { type Clock, type ManualClock, manualClock } from './clock.js';
export { DEFAULT_LIMITS, type EmulatorLimits } from './core.js';
export { DEFAULT_GUILDS, DEFAULT_USERS } from './default-world.js';
export {
  Emulator,
  type EmulatorEvents,
  type EmulatorOptions,
  type InteractionEvent,
  type MessageEvent,
  startEmulator,
} from './emulator.js';
export {
  type DiscordErrorBody,
  DiscordErrors,
  EmulatorTimeoutError,
  EmulatorUsageError,
  type ErrorTree,
  type FieldError,
  FieldErrors,
  flattenErrorTree,
  HttpError,
} from './errors.js';
export type { RestFault, RestFaultRule, RestFaults } from './faults.js';
export type { GatewayEvent, GatewaySession } from './gateway.js';
export type {
  CallbackAttempt,
  EmulatedAttachment,
  EmulatedMessage,
  EmulatedModal,
  InteractionKindName,
} from './interactions.js';
export type { InteractionEnvelope, InteractionPayload } from './payloads.js';
export { errorCode, type RestLogEntry } from './rest-log.js';
export { describeErrors, InteractionResult } from './result.js';
export type {
  AutocompleteInput,
  ClickInput,
  CommandInput,
  ModalInput,
  OptionValue,
  WhoWhere,
} from './scenario.js';
export { shardForGuild, snowflakeAt, snowflakeTimestamp } from './snowflake.js';
export {
  ALL_PERMISSIONS,
  type ChannelConfig,
  type ChannelKind,
  type GuildConfig,
  type MemberConfig,
  type PermissionInput,
  type RoleConfig,
  type UserConfig,
  type WorldConfig,
  type WorldGuild,
  type WorldUser,
} from './world.js';
