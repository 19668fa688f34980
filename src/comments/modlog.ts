/**
 * The mod-log: one line per moderator action and per auto-hide, posted to the channel a server's
 * moderators chose (/moderate settings modlog). Names, never pings (allowedMentions parse: []).
 * The action is done before the line is written; a channel Parley cannot post in is logged, not
 * reported to the moderator as a failure.
 */
import type { Ctx } from '../context.js';
import type { Comment } from './domain.js';
import { snippet } from './render.js';

export type ModLogEnv = Pick<Ctx, 'comments' | 'channels' | 'logger'>;

/** "#12 by Ana: “opening words…”" */
export const describeComment = (c: Comment, text = c.text): string =>
  `#${c.number} by ${snippet(c.authorName, 64)}${text ? `: “${snippet(text, 80)}”` : ''}`;

export async function modLog(env: ModLogEnv, guildId: string, line: string): Promise<void> {
  let channelId: string | null = null;
  try {
    channelId = (await env.comments.moderation(guildId)).modLogChannelId;
    if (!channelId) return;
    await env.channels.post(channelId, { content: `🛡️ ${line}`, allowedMentions: { parse: [] } });
  } catch (error) {
    env.logger.warn(
      { guildId, channelId, err: error instanceof Error ? error.message : String(error) },
      'could not write to the mod-log channel',
    );
  }
}
