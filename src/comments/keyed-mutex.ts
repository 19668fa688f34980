import { Mutex } from 'async-mutex';

/** One async-mutex per key, dropped again when nobody holds or waits for it. */
export class KeyedMutex {
  private readonly locks = new Map<string, { mutex: Mutex; users: number }>();

  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    let entry = this.locks.get(key);
    if (!entry) {
      entry = { mutex: new Mutex(), users: 0 };
      this.locks.set(key, entry);
    }
    entry.users++;
    try {
      return await entry.mutex.runExclusive(fn);
    } finally {
      entry.users--;
      if (entry.users === 0) this.locks.delete(key);
    }
  }

  /** Keys currently held or awaited (tests check nothing leaks). */
  get size(): number {
    return this.locks.size;
  }
}
