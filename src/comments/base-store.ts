import type { Comment } from './domain.js';
import {
  editMutation,
  flagMutation,
  type Mutation,
  removeMutation,
  restoreMutation,
  voteMutation,
} from './model.js';

/**
 * The changes to an existing comment are the same pure mutations (model.ts) on every backend;
 * a backend only says how to apply one atomically.
 */
export abstract class MutatingCommentStore {
  /** Reads the comment, applies `mutation` and writes the result, atomically for this backend. */
  protected abstract mutate<R>(guildId: string, number: number, mutation: Mutation<R>): Promise<R>;

  edit(guildId: string, number: number, text: string, at: number): Promise<Comment> {
    return this.mutate(guildId, number, editMutation(text, at));
  }

  remove(guildId: string, number: number): Promise<Comment> {
    return this.mutate(guildId, number, removeMutation);
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
}
