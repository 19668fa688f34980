import { describe, it } from 'vitest';
import { commentStoreContract } from './contract.js';
import { memoryBackend, redisBackend, redisUrl, sqliteBackend } from './helpers.js';

commentStoreContract(memoryBackend());
commentStoreContract(sqliteBackend());
if (redisUrl) {
  commentStoreContract(redisBackend());
} else {
  describe('CommentStore contract: redis', () => {
    it.skip('skipped: no redis-server installed and REDIS_URL not set', () => {});
  });
}
