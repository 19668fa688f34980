/**
 * What a moderator does, independent of Discord: permission checks first (from the interaction's
 * permissions, not only the command's defaults), then one store call. Every action returns what
 * changed, so the caller can bring posted cards in line and write the mod-log line.
 */
import type { Ctx } from '../context.js';
import type { Comment } from './domain.js';
import { normaliseBlockedWord } from './filter.js';
import { commentError } from './messages.js';
import type { Removal } from './model.js';
import type { Member } from './service.js';
import { unknownComment } from './service.js';
import {
  type LinkPolicy,
  MAX_BLOCKED_WORD_LENGTH,
  MAX_BLOCKED_WORDS,
  type ModerationSettings,
  withMute,
} from './settings.js';

export type ModerationEnv = Pick<Ctx, 'comments' | 'now'>;

export function requireModerator(member: Member): void {
  if (!member.moderator) {
    throw commentError('not-moderator');
  }
}

export function requireManager(member: Member): void {
  if (!member.manager) {
    throw commentError('not-manager');
  }
}

async function existing(env: ModerationEnv, member: Member, n: number): Promise<Comment> {
  const c = await env.comments.get(member.guildId, n);
  if (!c) throw unknownComment(n);
  if (c.deleted) throw commentError('deleted-comment', { n, action: 'delete' });
  return c;
}

/** Unhides a flagged comment for good (until its author edits it); refuses when nobody flagged it. */
export async function restoreComment(env: ModerationEnv, member: Member, n: number): Promise<Comment> {
  requireModerator(member);
  const c = await existing(env, member, n);
  if (!c.hidden && (c.flags.length === 0 || c.restored)) {
    throw commentError('nothing-to-restore', { n, restored: c.restored });
  }
  return env.comments.restore(member.guildId, n);
}

export async function moderatorDelete(env: ModerationEnv, member: Member, n: number): Promise<Removal> {
  requireModerator(member);
  await existing(env, member, n);
  return env.comments.remove(member.guildId, n);
}

/** In the moderation queue: flagged and not yet reviewed (hidden, or flagged below the threshold). */
export const inQueue = (c: Comment): boolean => !c.deleted && !c.restored && c.flags.length > 0;

/**
 * The queue, oldest first. It walks the server's comments in batches (exportAll), keeping only
 * flagged ones, so memory follows the queue, not the server.
 */
export async function moderationQueue(env: ModerationEnv, member: Member): Promise<Comment[]> {
  requireModerator(member);
  const queue: Comment[] = [];
  for await (const c of env.comments.exportAll(member.guildId)) if (inQueue(c)) queue.push(c);
  return queue;
}

/** Durations offered by /moderate mute (0 lifts a mute). */
export const MUTE_CHOICES: readonly { minutes: number; label: string }[] = [
  { minutes: 10, label: '10 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 24 * 60, label: '1 day' },
  { minutes: 7 * 24 * 60, label: '1 week' },
  { minutes: 0, label: 'lift the mute' },
];

export const muteLabel = (minutes: number): string =>
  MUTE_CHOICES.find((c) => c.minutes === minutes)?.label ?? `${minutes} minutes`;

export async function muteMember(
  env: ModerationEnv,
  member: Member,
  target: { userId: string; isModerator: boolean },
  minutes: number,
): Promise<number | null> {
  requireModerator(member);
  if (target.userId === member.userId) throw commentError('mute-self');
  if (target.isModerator && minutes > 0) {
    throw commentError('mute-moderator');
  }
  const now = env.now();
  const until = minutes > 0 ? now + minutes * 60_000 : null;
  await env.comments.updateModeration(member.guildId, (s) => withMute(s, target.userId, until, now));
  return until;
}

/** What /moderate settings may change; absent fields stay as they are. */
export interface SettingsChange {
  flagThreshold?: number;
  cooldownSeconds?: number;
  modLogChannelId?: string | null;
  commentsEnabled?: boolean;
  blockWord?: string;
  unblockWord?: string;
  links?: LinkPolicy;
  invites?: LinkPolicy;
}

export async function changeSettings(
  env: ModerationEnv,
  member: Member,
  change: SettingsChange,
): Promise<ModerationSettings> {
  requireModerator(member);
  const block = change.blockWord === undefined ? undefined : normaliseBlockedWord(change.blockWord);
  if (block !== undefined && (block === '' || block.length > MAX_BLOCKED_WORD_LENGTH)) {
    throw commentError('bad-word', { max: MAX_BLOCKED_WORD_LENGTH });
  }
  const unblock = change.unblockWord === undefined ? undefined : normaliseBlockedWord(change.unblockWord);
  const current = await env.comments.moderation(member.guildId);
  if (Object.values(change).every((v) => v === undefined)) return current;
  if (block !== undefined && current.blockedWords.length >= MAX_BLOCKED_WORDS) {
    throw commentError('too-many-words', { max: MAX_BLOCKED_WORDS });
  }
  // The change runs inside the store's atomic update: it must not throw (a racing add past the cap is dropped).
  return env.comments.updateModeration(member.guildId, (s) => {
    let words = s.blockedWords;
    if (unblock !== undefined) words = words.filter((w) => w !== unblock);
    if (block !== undefined && !words.includes(block) && words.length < MAX_BLOCKED_WORDS) {
      words = [...words, block];
    }
    return {
      ...s,
      ...(change.flagThreshold === undefined ? {} : { flagThreshold: change.flagThreshold }),
      ...(change.cooldownSeconds === undefined ? {} : { cooldownSeconds: change.cooldownSeconds }),
      ...(change.modLogChannelId === undefined ? {} : { modLogChannelId: change.modLogChannelId }),
      ...(change.commentsEnabled === undefined ? {} : { commentsEnabled: change.commentsEnabled }),
      ...(change.links === undefined ? {} : { links: change.links }),
      ...(change.invites === undefined ? {} : { invites: change.invites }),
      blockedWords: words,
    };
  });
}

/** How many live comments the member has in the server. */
export async function countMine(env: ModerationEnv, member: Member): Promise<number> {
  let n = 0;
  for await (const c of env.comments.exportAll(member.guildId))
    if (c.authorId === member.userId && !c.deleted) n++;
  return n;
}

/** Deletes all of the member's own live comments in the server; returns each removal, in order. */
export async function deleteMine(env: ModerationEnv, member: Member): Promise<Removal[]> {
  const mine: number[] = [];
  for await (const c of env.comments.exportAll(member.guildId)) {
    if (c.authorId === member.userId && !c.deleted) mine.push(c.number);
  }
  const removed: Removal[] = [];
  for (const n of mine) removed.push(await env.comments.remove(member.guildId, n));
  return removed;
}

export async function purgeServer(env: ModerationEnv, member: Member): Promise<void> {
  requireManager(member);
  await env.comments.purge(member.guildId);
}
