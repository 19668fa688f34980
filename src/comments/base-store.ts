import type { Comment, MessageRef } from './domain.js';
import type { CommentKeys } from './keys.js';
import {
  cardMutation,
  editMutation,
  FETCH_BATCH,
  flagMutation,
  type Mutation,
  type Plan,
  planOf,
  type Removal,
  removalPlan,
  restoreMutation,
  voteMutation,
} from './model.js';
import { type ModerationSettings, parseSettings, serializeSettings } from './settings.js';

/**
 * The changes to an existing comment are the same pure mutations (model.ts) on every backend;
 * a backend only says how to apply one atomically. Per-server records (moderation settings) are
 * likewise one read-change-write that each backend makes atomic its own way.
 */
export abstract class MutatingCommentStore {
  protected abstract readonly keys: CommentKeys;

  abstract exportBatch(guildId: string, after: number, limit: number): Promise<Comment[]>;

  async *exportAll(guildId: string): AsyncIterable<Comment> {
    for (let after = 0; ; ) {
      const batch = await this.exportBatch(guildId, after, FETCH_BATCH);
      const last = batch.at(-1);
      if (!last) return;
      yield* batch;
      after = last.number;
    }
  }

  /**
   * Reads the comment (CommentNotFoundError when absent), plans the write from it and writes every
   * changed comment with its index state, all atomically for this backend.
   */
  protected abstract change<R>(guildId: string, number: number, plan: Plan<R>): Promise<R>;

  /** Reads the comment, applies `mutation` and writes the result, atomically for this backend. */
  protected mutate<R>(guildId: string, number: number, mutation: Mutation<R>): Promise<R> {
    return this.change(guildId, number, planOf(mutation));
  }

  /** The raw JSON stored under a record key, if any. */
  protected abstract readRecord(guildId: string, key: string): Promise<string | undefined>;

  /** Reads a record, computes its new JSON and writes it, atomically (across processes too). */
  protected abstract updateRecord(
    guildId: string,
    key: string,
    change: (current: string | undefined) => string,
  ): Promise<string>;

  edit(guildId: string, number: number, text: string, at: number): Promise<Comment> {
    return this.mutate(guildId, number, editMutation(text, at));
  }

  remove(guildId: string, number: number): Promise<Removal> {
    return this.change(guildId, number, removalPlan);
  }

  toggleVote(guildId: string, number: number, userId: string): Promise<{ comment: Comment; voted: boolean }> {
    return this.mutate(guildId, number, voteMutation(userId));
  }

  flag(
    guildId: string,
    number: number,
    userId: string,
    threshold: number,
  ): Promise<{ comment: Comment; added: boolean }> {
    return this.mutate(guildId, number, flagMutation(userId, threshold));
  }

  restore(guildId: string, number: number): Promise<Comment> {
    return this.mutate(guildId, number, restoreMutation);
  }

  addCard(guildId: string, number: number, ref: MessageRef): Promise<void> {
    return this.mutate(guildId, number, cardMutation(ref));
  }

  async moderation(guildId: string): Promise<ModerationSettings> {
    return parseSettings(await this.readRecord(guildId, this.keys.record(guildId, 'moderation')));
  }

  async updateModeration(
    guildId: string,
    change: (current: ModerationSettings) => ModerationSettings,
  ): Promise<ModerationSettings> {
    const key = this.keys.record(guildId, 'moderation');
    const written = await this.updateRecord(guildId, key, (raw) =>
      serializeSettings(change(parseSettings(raw))),
    );
    return parseSettings(written);
  }
}
