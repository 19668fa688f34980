/**
 * A server's moderation settings and mutes: one record per server in the comment store (keys.ts
 * `record(guild, 'moderation')`), changed atomically by the store and read back through zod, so a
 * damaged or older record falls back field by field to the defaults instead of failing.
 */
import { z } from 'zod';
import { FLAG_THRESHOLD } from './policy.js';

export const LINK_POLICIES = ['allow', 'deny'] as const;
export type LinkPolicy = (typeof LINK_POLICIES)[number];

export const FLAG_THRESHOLD_MIN = 1;
export const FLAG_THRESHOLD_MAX = 10;
/** Until a server's moderators choose their own. */
export const DEFAULT_FLAG_THRESHOLD = FLAG_THRESHOLD;
/** Longest cooldown a server may set. */
export const COOLDOWN_MAX_SECONDS = 3_600;
/** Most blocked words per server, and the longest word. */
export const MAX_BLOCKED_WORDS = 200;
export const MAX_BLOCKED_WORD_LENGTH = 50;

const snowflake = z.string().regex(/^\d{1,20}$/);

const SettingsSchema = z.object({
  flagThreshold: z
    .number()
    .int()
    .min(FLAG_THRESHOLD_MIN)
    .max(FLAG_THRESHOLD_MAX)
    .catch(DEFAULT_FLAG_THRESHOLD),
  /** null: the bot's configured cooldown (COMMENT_COOLDOWN_SECONDS). */
  cooldownSeconds: z.number().int().min(0).max(COOLDOWN_MAX_SECONDS).nullable().catch(null),
  modLogChannelId: snowflake.nullable().catch(null),
  commentsEnabled: z.boolean().catch(true),
  blockedWords: z.array(z.string().min(1).max(MAX_BLOCKED_WORD_LENGTH)).max(MAX_BLOCKED_WORDS).catch([]),
  links: z.enum(LINK_POLICIES).catch('allow'),
  invites: z.enum(LINK_POLICIES).catch('deny'),
  /** Member id → muted until (ms since the epoch). Expired entries are ignored and pruned on write. */
  mutes: z.record(z.string().min(1).max(64), z.number()).catch({}),
});

export type ModerationSettings = z.infer<typeof SettingsSchema>;

export const DEFAULT_SETTINGS: ModerationSettings = Object.freeze({
  flagThreshold: DEFAULT_FLAG_THRESHOLD,
  cooldownSeconds: null,
  modLogChannelId: null,
  commentsEnabled: true,
  blockedWords: [],
  links: 'allow',
  invites: 'deny',
  mutes: {},
});

/** The stored JSON (or nothing) as settings; unreadable parts become their defaults. */
export function parseSettings(raw: string | undefined): ModerationSettings {
  if (raw === undefined) return structuredClone(DEFAULT_SETTINGS);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    value = {};
  }
  const parsed = SettingsSchema.safeParse(typeof value === 'object' && value !== null ? value : {});
  return parsed.success ? parsed.data : structuredClone(DEFAULT_SETTINGS);
}

export function serializeSettings(settings: ModerationSettings): string {
  return JSON.stringify(SettingsSchema.parse(settings));
}

/** When the member's mute ends, if they are muted at `now`. */
export function mutedUntil(settings: ModerationSettings, userId: string, now: number): number | undefined {
  const until = settings.mutes[userId];
  return until !== undefined && until > now ? until : undefined;
}

/** Sets (or lifts, with `until` null) a mute, dropping mutes that ended before `now`. */
export function withMute(
  settings: ModerationSettings,
  userId: string,
  until: number | null,
  now: number,
): ModerationSettings {
  const mutes: Record<string, number> = {};
  for (const [id, end] of Object.entries(settings.mutes)) if (end > now && id !== userId) mutes[id] = end;
  if (until !== null && until > now) mutes[userId] = until;
  return { ...settings, mutes };
}
