/**
 * 2. End-to-end interaction round trip: the emulator dispatches INTERACTION_CREATE over its gateway,
 * the real discord.js client and router run the command, the reply goes back over REST, and the
 * emulator resolves once the user would see it. Baseline: /ping, registered only here, which replies
 * "ok" through the same client, router and responder.
 */

import { performance } from 'node:perf_hooks';
import { type CommandInput, type EmulatedMessage, startEmulator } from '@parley/discord-emulator';
import { ComponentType } from 'discord.js';
import type { Article } from '../src/article/article.js';
import { createCommentStore } from '../src/comments/factory.js';
import { loadConfig } from '../src/config.js';
import type { Command } from '../src/discord/command.js';
import { articleCommand } from '../src/discord/definitions.js';
import type { Reply } from '../src/discord/payload.js';
import { createLogger } from '../src/logger.js';
import { startBot } from '../src/start.js';
import type { BenchContext } from './context.js';
import { type Figure, fmtMs, type Section } from './report.js';
import { benchAnchor, seedComments, seedThread } from './seed.js';
import { rotate, summarize, timeAsync } from './stats.js';

const RATIO_TARGET = 1.25;

/** Replies captured from real runs, sent back verbatim by /echo (same bytes, no work). */
const echoes = new Map<string, Reply>();

/** Diagnostic: what the transport and the emulator cost for a given payload, without Parley's work. */
export const echoCommand: Command = {
  data: articleCommand('echo', 'Benchmark diagnostic: replies with a captured payload').addStringOption((o) =>
    o.setName('of').setDescription('Which captured reply').setRequired(true),
  ),
  async execute(interaction, ctx) {
    await ctx.respond.send(echoes.get(interaction.options.getString('of', true)) ?? { content: 'ok' });
  },
};

function replyOf(message: EmulatedMessage): Reply {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components.filter((c) => c.type === ComponentType.ActionRow),
    // The picture too (/positions' grid): an embed naming attachment://positions.png needs its file.
    files: message.attachments.map((a) => ({
      name: a.filename,
      data: a.data,
      ...(a.description === null ? {} : { description: a.description }),
    })),
  };
}

/** The no-op baseline: the same path as every command, with nothing to compute. */
export const pingCommand: Command = {
  data: articleCommand('ping', 'Benchmark baseline: replies "ok"'),
  async execute(_interaction, ctx) {
    await ctx.respond.send({ content: 'ok' });
  },
};

interface Case {
  name: string;
  input: (round: number) => CommandInput;
  /** Held to the ratio target (the article commands). */
  target: boolean;
  /** A diagnostic row: the named command's captured reply, echoed. */
  echoOf?: string;
}

const CASES: Case[] = [
  { name: '/ping (baseline)', input: () => ({ name: 'ping' }), target: false },
  { name: '/who name:Chase', input: () => ({ name: 'who', options: { name: 'Chase' } }), target: true },
  { name: '/positions', input: () => ({ name: 'positions' }), target: true },
  {
    name: '  same reply as /who, echoed',
    input: () => ({ name: 'echo', options: { of: 'who' } }),
    target: false,
    echoOf: '/who name:Chase',
  },
  {
    name: '  same reply as /positions, echoed',
    input: () => ({ name: 'echo', options: { of: 'positions' } }),
    target: false,
    echoOf: '/positions',
  },
  {
    name: '/comment add',
    input: (round) => ({
      name: 'comment add',
      options: { text: `Benchmark comment ${round}: is ¶4 right?` },
    }),
    target: false,
  },
];

export async function benchE2e(ctx: BenchContext, article: Article): Promise<Section> {
  const rounds = ctx.quick ? 60 : 400;
  const warmup = ctx.quick ? 15 : 40;
  const emu = await startEmulator();
  const dbFile = `${ctx.tmp}/e2e.sqlite`;
  const comments = await createCommentStore(`sqlite://${dbFile}`);
  const guild = emu.guild('main').id;
  await seedThread(comments, guild, benchAnchor(article));
  await seedComments(comments, article, guild, 500, { concurrency: 50, from: 100 });
  const config = {
    ...loadConfig({}),
    token: emu.token,
    apiUrl: emu.apiUrl,
    logLevel: 'silent' as const,
    commentCooldownSeconds: 0,
  };
  const bot = await startBot(config, {
    comments,
    article,
    logger: createLogger('silent'),
    extraCommands: [pingCommand, echoCommand],
  });
  ctx.onCleanup(async () => {
    await bot.stop(500);
    await comments.close();
    await emu.close();
  });
  emu.registerCommands([...bot.commands.values()].map((c) => c.data.toJSON()));
  ctx.log(`e2e: ${CASES.length} commands × ${rounds} rounds (SQLite store, ${warmup} warm-up rounds)`);

  // How long each handler works before handing its reply to discord.js (the rest is transport).
  let handlerMs = Number.NaN;
  const restore: (() => void)[] = [];
  for (const command of bot.commands.values()) {
    const execute = command.execute;
    command.execute = async (interaction, hctx) => {
      const start = performance.now();
      const send = hctx.respond.send.bind(hctx.respond);
      hctx.respond.send = (reply) => {
        if (Number.isNaN(handlerMs)) handlerMs = performance.now() - start;
        return send(reply);
      };
      await execute.call(command, interaction, hctx);
    };
    restore.push(() => {
      command.execute = execute;
    });
  }
  ctx.onCleanup(() => {
    for (const undo of restore) undo();
  });
  const handler = new Map<string, number[]>(CASES.map((c) => [c.name, []]));

  const run = async (c: Case, round: number): Promise<number> => {
    handlerMs = Number.NaN;
    let failure: string | undefined;
    const ms = await timeAsync(async () => {
      const result = await emu.command({ user: 'ana', guild: 'main', ...c.input(round) });
      if (!result.message || result.errors.length > 0 || result.message.ephemeral)
        failure = JSON.stringify(result.errors);
    });
    if (failure !== undefined) throw new Error(`${c.name} did not answer cleanly: ${failure}`);
    return ms;
  };

  for (const [key, name] of [
    ['who', '/who name:Chase'],
    ['positions', '/positions'],
  ] as const) {
    const c = CASES.find((x) => x.name === name);
    const result = c && (await emu.command({ user: 'ana', guild: 'main', ...c.input(0) }));
    if (result?.message) echoes.set(key, replyOf(result.message));
  }
  for (let round = 0; round < warmup; round++) for (const c of rotate(CASES, round)) await run(c, round);
  const samples = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const c of rotate(CASES, round)) {
      samples.get(c.name)?.push(await run(c, warmup + round));
      handler.get(c.name)?.push(handlerMs);
    }
  }

  /** How the command compares with its own reply echoed: what Parley's work adds on top of the payload. */
  const ownWork = (name: string, echoMedian: number) => {
    const full = summarize(samples.get(name) ?? []).median;
    return `${name} takes ${(full / echoMedian).toFixed(2)}× this (Parley's own work: +${(full - echoMedian).toFixed(2)} ms); this payload alone costs +${(echoMedian - base.median).toFixed(2)} ms over /ping`;
  };
  const base = summarize(samples.get(CASES[0]?.name ?? '') ?? []);
  const figures: Figure[] = CASES.map((c, i) => {
    const s = summarize(samples.get(c.name) ?? []);
    const ratio = s.median / base.median;
    return {
      name: c.name,
      median: s.median,
      p99: s.p99,
      opsPerSec: 1000 / s.mean,
      ...(i === 0 ? {} : { ratio: { value: ratio, of: '× ping' } }),
      ...(c.target
        ? { target: { text: `≤ ${RATIO_TARGET}× ping median`, pass: ratio <= RATIO_TARGET } }
        : {}),
      note: [
        `handler ${fmtMs(summarize(handler.get(c.name) ?? []).median)}`,
        ...(c.echoOf ? [ownWork(c.echoOf, s.median)] : []),
      ].join('; '),
    };
  });
  return {
    id: '2',
    title: 'End-to-end round trip (emulator → discord.js → router → reply → emulator)',
    figures,
    notes: [
      `${rounds} rounds, one interaction at a time, commands in rotating order; SQLite store (WAL, synchronous=FULL) with 521 comments.`,
      '/comment add writes one comment (and its fsync) per round: reported against the baseline, no target.',
      "echoed rows: a benchmark-only /echo sends the command's captured reply verbatim — the same bytes through discord.js, HTTP and the emulator, with none of Parley's work.",
      "handler: time from the router calling the command to its reply being handed to discord.js (Parley's own work, store calls included).",
    ],
  };
}
