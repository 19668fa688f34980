/** Spawning writer processes (fixtures/writer.ts) and collecting what they acknowledged. */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = join(import.meta.dirname, '..', '..');
const WRITER = join(import.meta.dirname, 'fixtures', 'writer.mjs');

export interface Writer {
  child: ChildProcess;
  /** Numbers whose add() resolved in the writer. */
  acked: number[];
  /** Resolves once the process exited and its output was read: exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; done: boolean }>;
  /** Resolves when at least `n` acks arrived (or the process ended). */
  acks(n: number): Promise<void>;
  /** SIGKILL to the whole process group. */
  kill(): void;
}

const running = new Set<Writer>();

/** Kills writers a failed test left behind. */
export function killAllWriters(): void {
  for (const w of running) w.kill();
}

export function startWriter(args: {
  url: string;
  keyPrefix: string;
  guildId: string;
  count: number;
  concurrency: number;
  sharedParent: number;
}): Writer {
  const child = spawn(
    process.execPath,
    [
      WRITER,
      args.url,
      args.keyPrefix,
      args.guildId,
      String(args.count),
      String(args.concurrency),
      String(args.sharedParent),
    ],
    // Its own process group, so kill() reaches anything it started as well.
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const acked: number[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let done = false;
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  lines.on('line', (line) => {
    const match = /^ack (\d+)$/.exec(line);
    if (match) acked.push(Number(match[1]));
    if (line === 'done') done = true;
    for (const w of waiters.filter((w) => acked.length >= w.n)) w.resolve();
  });
  const closed = new Promise<void>((resolve) => lines.once('close', resolve));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  ).then(async (result) => {
    await closed;
    for (const w of waiters) w.resolve();
    return { ...result, stderr, done };
  });
  const writer: Writer = {
    child,
    acked,
    exited,
    kill() {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
    acks: (n) =>
      new Promise<void>((resolve) => {
        if (acked.length >= n || child.exitCode !== null) resolve();
        else waiters.push({ n, resolve });
      }),
  };
  running.add(writer);
  void exited.then(() => running.delete(writer));
  return writer;
}
