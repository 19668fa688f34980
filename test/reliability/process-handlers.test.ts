/** installProcessHandlers (what src/index.ts installs), on a stand-in process: no real signals or exits. */
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installProcessHandlers, type ProcessHandlers } from '../../src/process.js';
import { captureLogs } from './support.js';

let handlers: ProcessHandlers | undefined;
afterEach(() => {
  handlers?.uninstall();
  vi.useRealTimers();
});

function setup(stop: () => Promise<void> = async () => {}) {
  const proc = new EventEmitter();
  const exits: number[] = [];
  const logs = captureLogs();
  const stops = vi.fn(stop);
  handlers = installProcessHandlers(logs.logger, stops, {
    proc,
    exit: (code) => {
      exits.push(code);
    },
    shutdownTimeoutMs: 5_000,
  });
  return { proc, exits, logs, stops };
}

describe('installProcessHandlers', () => {
  it('an unhandled rejection is logged with its reason and the process keeps running', async () => {
    const { proc, exits, logs, stops } = setup();
    proc.emit('unhandledRejection', new TypeError("Cannot read properties of null (reading 'sequence')"));
    proc.emit('unhandledRejection', 'a plain string');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([]);
    expect(stops).not.toHaveBeenCalled();
    const errors = logs.entries.filter((e) => e.msg === 'unhandled rejection (kept running)');
    expect(errors.map((e) => e.err)).toMatchObject([
      { name: 'TypeError', message: "Cannot read properties of null (reading 'sequence')" },
      { message: 'a plain string' },
    ]);
    expect(errors.every((e) => e.level === 50)).toBe(true);
  });

  it('SIGTERM stops the bot (once) and exits 0; a second signal exits 1 at once', async () => {
    let finish = () => {};
    const { proc, exits, stops, logs } = setup(
      () =>
        new Promise<void>((resolve) => {
          finish = resolve;
        }),
    );
    proc.emit('SIGTERM', 'SIGTERM');
    proc.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([1]);
    expect(logs.messages('warn')).toEqual(['second signal during shutdown: exiting at once']);
    finish();
    await vi.waitFor(() => expect(exits).toEqual([1, 0]), { timeout: 5_000 });
    expect(stops).toHaveBeenCalledTimes(1);
  });

  it('a shutdown that hangs is cut off after the timeout with status 1', async () => {
    vi.useFakeTimers();
    const { proc, exits, logs } = setup(() => new Promise<void>(() => {}));
    proc.emit('SIGINT', 'SIGINT');
    await vi.advanceTimersByTimeAsync(4_999);
    expect(exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(exits).toEqual([1]);
    expect(logs.messages('error')).toEqual(['shutdown took too long; exiting anyway']);
  });

  it('a failing stop exits 1 with the reason logged', async () => {
    const { proc, exits, logs } = setup(async () => {
      throw new Error('store close failed');
    });
    proc.emit('SIGTERM', 'SIGTERM');
    await vi.waitFor(() => expect(exits).toEqual([1]), { timeout: 5_000 });
    expect(logs.entries.find((e) => e.msg === 'shutdown failed')?.err).toMatchObject({
      name: 'Error',
      message: 'store close failed',
    });
  });

  it('an uncaught exception shuts down with status 1 (state unknown), after stopping', async () => {
    const { proc, exits, stops, logs } = setup();
    proc.emit('uncaughtException', new RangeError('boom'));
    await vi.waitFor(() => expect(exits).toEqual([1]), { timeout: 5_000 });
    expect(stops).toHaveBeenCalledTimes(1);
    expect(logs.messages('error')).toEqual(['uncaught exception; shutting down']);
  });

  it('shutdown(code) is shared: a fatal exit and a signal stop once and keep the first code', async () => {
    const { proc, exits, stops } = setup();
    const first = handlers?.shutdown(78, 'token reset');
    proc.emit('SIGTERM', 'SIGTERM'); // arrives during the fatal shutdown: exit at once, still 78
    await first;
    expect(stops).toHaveBeenCalledTimes(1);
    expect(exits).toEqual([78, 78]);
  });
});
