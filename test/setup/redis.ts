/**
 * Vitest global setup: gives Redis-backed tests a server. Uses REDIS_URL when set; otherwise starts a
 * throwaway redis-server on a free port. Without one: CI fails loudly, local runs skip those suites
 * (they print why).
 */
import type { TestProject } from 'vitest/node';
import { type RedisServer, redisServerInstalled, startRedisServer } from './redis-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Empty when no Redis is available (suites skip). */
    redisUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const fromEnv = process.env.REDIS_URL;
  if (fromEnv) {
    project.provide('redisUrl', fromEnv);
    return undefined;
  }
  if (!redisServerInstalled()) {
    const message = 'redis-server is not installed and REDIS_URL is not set';
    if (process.env.CI) throw new Error(`${message}: Redis tests cannot run in CI.`);
    console.warn(`\n⚠️  ${message}: skipping the Redis comment-store suites.\n`);
    project.provide('redisUrl', '');
    return undefined;
  }
  const server: RedisServer = await startRedisServer();
  project.provide('redisUrl', server.url);
  return () => server.stop();
}
