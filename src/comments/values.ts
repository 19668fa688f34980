/** Reading and writing comment values through keyv, identically for every backend. */
import { Keyv, type KeyvStoreAdapter } from 'keyv';
import type { Comment } from './domain.js';
import { FETCH_BATCH, fromStored } from './model.js';

/** Where a store reports what it handles itself (keyv's error events): a pino logger will do. */
export interface StoreLogger {
  debug(details: object, message: string): void;
}

export const errorSummary = (error: unknown) =>
  error instanceof Error ? { name: error.name, message: error.message } : String(error);

/**
 * keyv over `store`, with keys used verbatim (keys.ts already namespaces them) and errors thrown:
 * a failed read must never be mistaken for "no such comment".
 */
export function createCommentKeyv(
  store: KeyvStoreAdapter | Map<string, unknown>,
  logger?: StoreLogger,
): Keyv<Comment> {
  const keyv = new Keyv<Comment>(store, { useKeyPrefix: false, throwOnErrors: true });
  // Also clears the adapter's namespace, so Redis does not prepend its own `keyv::`.
  keyv.namespace = undefined;
  // Every read of a comment, on every backend, goes through here: values in an older shape are
  // read as the current one (model.ts fromStored).
  const parse = keyv.deserialize;
  if (parse) {
    keyv.deserialize = async <Value>(data: string) => {
      const parsed = await parse<Value>(data);
      if (!parsed || typeof parsed.value !== 'object' || parsed.value === null) return parsed;
      return { ...parsed, value: fromStored(parsed.value) as unknown as Value };
    };
  }
  // keyv also emits what it throws (and the caller handles): at debug, so it is there when tracing.
  keyv.on('error', (error: unknown) => logger?.debug({ err: errorSummary(error) }, 'keyv error'));
  return keyv;
}

/**
 * Fetches values in batches, in the order given, skipping any that are absent.
 * keyv's own getMany silently turns per-key errors into `undefined` for stores without a native
 * getMany (e.g. a Map), so those go key by key through get(), which does throw.
 */
export async function readValues(keyv: Keyv<Comment>, keys: string[]): Promise<Comment[]> {
  const out: Comment[] = [];
  const native = typeof (keyv.store as Partial<KeyvStoreAdapter>).getMany === 'function';
  for (let i = 0; i < keys.length; i += FETCH_BATCH) {
    const batch = keys.slice(i, i + FETCH_BATCH);
    const values = native
      ? await keyv.getMany<Comment>(batch)
      : await Promise.all(batch.map((key) => keyv.get<Comment>(key)));
    for (const value of values) {
      if (value !== undefined && value !== null) out.push(value);
    }
  }
  return out;
}
