/**
 * Posted comment cards follow the store. The store records which messages show each comment's card
 * (Comment.cards); after any change the card is rendered again from the stored comment and edited in
 * place over REST, from whichever process made the change. The store change has already happened
 * when this runs: a card that cannot be updated (message deleted by a person, channel out of reach,
 * Discord failing after retries) is skipped or logged, never undoing or failing the change.
 */
import type { Ctx } from '../context.js';
import type { PostedMessage } from '../discord/channel-messages.js';
import type { Comment } from './domain.js';
import type { Removal } from './model.js';
import { commentCard, PUBLIC_VIEW } from './render.js';

export type CardsEnv = Pick<Ctx, 'library' | 'comments' | 'channels' | 'logger'>;

/** Remembers a message that shows the comment's card. Never throws: the card was posted either way. */
export async function recordCard(
  env: CardsEnv,
  guildId: string,
  number: number,
  message: PostedMessage | undefined,
): Promise<void> {
  if (!message) return;
  try {
    await env.comments.addCard(guildId, number, message);
  } catch (error) {
    env.logger.warn(
      { guildId, comment: number, err: error instanceof Error ? error.message : String(error) },
      'could not remember a posted comment card; it will not follow later changes',
    );
  }
}

/**
 * Re-renders every posted card of the comment from the stored value, but `except` (a message the
 * interaction itself already updated). Never throws.
 */
export async function refreshCards(env: CardsEnv, changed: Comment, except?: string): Promise<void> {
  // The newest stored value, not the one this change returned: when two changes race, the card that
  // lands last still shows what the store holds (and cards recorded since are included).
  const comment = (await env.comments.get(changed.guildId, changed.number).catch(() => undefined)) ?? changed;
  const cards = (comment.cards ?? []).filter((c) => c.messageId !== except);
  if (cards.length === 0) return;
  let parent: Comment | undefined;
  if (comment.parent !== null) {
    parent = await env.comments.get(comment.guildId, comment.parent).catch(() => undefined);
  }
  // Cards sit in public channels: hidden comments show as pending review there.
  const card = commentCard(env.library.get(comment.articleId), comment, { parent, viewer: PUBLIC_VIEW });
  await Promise.all(
    cards.map(async (message) => {
      try {
        const outcome = await env.channels.edit(message, card);
        if (outcome === 'gone') {
          env.logger.debug({ guildId: comment.guildId, comment: comment.number, ...message }, 'card gone');
        }
      } catch (error) {
        env.logger.warn(
          {
            guildId: comment.guildId,
            comment: comment.number,
            ...message,
            err: error instanceof Error ? error.message : String(error),
          },
          'could not update a posted comment card (the change itself is saved)',
        );
      }
    }),
  );
}

/**
 * After deletes: the cards of each deleted comment and of each ancestor whose reply count changed
 * (what the store write returned, so nothing is read to find them), each comment once, in order.
 */
export async function refreshRemovals(env: CardsEnv, removals: readonly Removal[]): Promise<void> {
  const changed = new Map<number, Comment>();
  for (const { comment, recounted } of removals) {
    for (const c of [comment, ...recounted]) changed.set(c.number, c);
  }
  for (const c of changed.values()) await refreshCards(env, c);
}
