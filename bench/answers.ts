/**
 * 1. Answer building, in-process: every article command's pure builder and /ask over a fixed mix of
 * questions. Ratio: building the answer vs serialising it (JSON.stringify of the same payload, which
 * discord.js does for every reply anyway), measured in the same interleaved loop.
 */
import { ApplicationCommandOptionType } from 'discord.js';
import { articleOverviewPages, paragraphPages } from '../src/answers/article.js';
import { type HelpEntry, helpPages } from '../src/answers/help.js';
import { positionsPages, topicsPages } from '../src/answers/positions.js';
import { quotesPages } from '../src/answers/quotes.js';
import { summaryPages } from '../src/answers/summary.js';
import { lookupActor, profilePages, rosterPages } from '../src/answers/who.js';
import type { Article } from '../src/article/article.js';
import { findTopics } from '../src/article/queries.js';
import { answerQuestion } from '../src/ask/answer.js';
import { AskEngine } from '../src/ask/engine.js';
import { askReply } from '../src/ask/reply.js';
import { loadCommands } from '../src/discord/loader.js';
import type { BenchContext } from './context.js';
import { allocatedBytes, observeGc } from './gc.js';
import { type Figure, fmtMs, type Section } from './report.js';
import { rotate, summarize, timeSync, timeSyncCpu } from './stats.js';

/** A fixed mix: direct answers, aliases, a typo, reasons, and questions the article cannot answer. */
export const ASK_MIX: readonly string[] = [
  'Who led the Chinese delegation?',
  'Who is Chase?',
  'who is song yanchoa',
  'Why does the US want open communication lines?',
  'What does China say about arming Taiwan?',
  'Did China harass Philippine boats?',
  'What did Washington say about freedom of navigaton?',
  'Why were the military talks restarted?',
  'What role did Biden play?',
  'What is the population of Taiwan?',
  'How many ships does the Chinese navy have?',
  'How long did the talks last?',
];

const P99_TARGET_MS = 1;

interface Case {
  name: string;
  build: (i: number) => unknown;
}

function profileOf(article: Article, name: string) {
  const found = lookupActor(article, name);
  if (found.kind === 'unknown') throw new Error(`No actor "${name}" in the article`);
  return found.actor;
}

async function helpEntries(article: Article): Promise<HelpEntry[]> {
  const commands = await loadCommands();
  return [...commands.values()].map((c) => {
    const json = c.data.toJSON();
    return {
      name: json.name,
      description: json.description,
      subcommands: (json.options ?? [])
        .filter((o) => o.type === ApplicationCommandOptionType.Subcommand)
        .map((o) => ({ name: o.name, description: o.description })),
      examples: c.examples?.(article) ?? [],
    };
  });
}

/** The builders as the commands call them (lookups included, store calls excluded). */
export async function answerCases(article: Article): Promise<Case[]> {
  const taiwan = findTopics(article, 'Taiwan')[0]?.id;
  const entries = await helpEntries(article);
  // Built once, as ctx.ask is at start: the bench measures answering, not indexing.
  const engine = new AskEngine(article.model);
  return [
    { name: '/summary length:brief', build: () => summaryPages(article, 'brief') },
    { name: '/summary', build: () => summaryPages(article, 'standard') },
    { name: '/summary length:full', build: () => summaryPages(article, 'full') },
    { name: '/who', build: () => rosterPages(article) },
    { name: '/who name:Chase', build: () => profilePages(article, profileOf(article, 'Chase')) },
    { name: '/positions', build: () => positionsPages(article, {}) },
    {
      name: '/positions topic:Taiwan',
      build: () => positionsPages(article, taiwan === undefined ? {} : { topic: taiwan }),
    },
    { name: '/topics', build: () => topicsPages(article) },
    { name: '/quotes', build: () => quotesPages(article) },
    { name: '/article', build: () => articleOverviewPages(article) },
    { name: '/article paragraph:4', build: () => paragraphPages(article, 4) },
    { name: '/help', build: () => helpPages(article, entries, new Map()) },
    {
      name: `/ask (mix of ${ASK_MIX.length} questions)`,
      build: (i) => {
        const question = ASK_MIX[i % ASK_MIX.length] ?? '';
        return askReply(article, answerQuestion(engine, question));
      },
    },
  ];
}

export async function benchAnswers(ctx: BenchContext, article: Article): Promise<Section> {
  const cases = await answerCases(article);
  const rounds = ctx.quick ? 400 : 3000;
  const warmup = ctx.quick ? 100 : 500;
  ctx.log(`answers: ${cases.length} builders × ${rounds} rounds`);

  const built = new Map<string, unknown[]>();
  for (const c of cases)
    built.set(
      c.name,
      Array.from({ length: ASK_MIX.length }, (_, i) => c.build(i)),
    );
  for (let i = 0; i < warmup; i++) for (const c of cases) JSON.stringify(c.build(i));

  const buildMs = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const buildCpuMs = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const ownMs = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const serialiseMs = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const c of rotate(cases, round)) {
      const t = timeSyncCpu(() => c.build(round));
      buildMs.get(c.name)?.push(t.wall);
      buildCpuMs.get(c.name)?.push(t.cpu);
      ownMs.get(c.name)?.push(Math.min(t.wall, t.cpu));
      const payload = built.get(c.name)?.[round % ASK_MIX.length];
      serialiseMs.get(c.name)?.push(timeSync(() => JSON.stringify(payload)));
    }
  }

  // Why /ask's tail is what it is: its allocation drives the young-generation collections.
  const askCase = cases.find((c) => c.name.startsWith('/ask'));
  const askRuns = ctx.quick ? 600 : 3000;
  let askNote = '';
  if (askCase) {
    const gc = await observeGc(() => {
      for (let i = 0; i < askRuns; i++) askCase.build(i);
    });
    const bytes = await allocatedBytes(() => {
      for (let i = 0; i < 240; i++) askCase.build(i);
    });
    askNote = `/ask alone, ${askRuns} questions: ~${Math.round(bytes / 240 / 1024)} KB allocated per question; ${gc.scavenges} scavenges (one per ${Math.round(askRuns / Math.max(gc.scavenges, 1))} questions, median pause ${fmtMs(gc.medianScavengeMs)}), ${gc.others} other GC events.`;
  }

  const figures: Figure[] = cases.map((c) => {
    const s = summarize(buildMs.get(c.name) ?? []);
    const ser = summarize(serialiseMs.get(c.name) ?? []);
    const cpu = summarize(buildCpuMs.get(c.name) ?? []);
    const own = summarize(ownMs.get(c.name) ?? []);
    return {
      name: c.name,
      median: s.median,
      p99: s.p99,
      opsPerSec: 1000 / s.mean,
      ratio: { value: s.median / ser.median, of: '× stringify' },
      target: { text: `own p99 < ${P99_TARGET_MS} ms`, pass: own.p99 < P99_TARGET_MS },
      note: `own time p99 ${fmtMs(own.p99)} (CPU time p99 ${fmtMs(cpu.p99)})`,
    };
  });
  return {
    id: '1',
    title: 'Answer building, in-process (builder output; no store, no Discord)',
    figures,
    notes: [
      `${rounds} rounds, builders interleaved in rotating order; median, p99 and ops/s (1 ÷ mean) from wall-clock time.`,
      "The p99 target is judged on each call's own time, min(wall, CPU): wall-clock time also counts moments the OS gave this shared machine's cores to other processes, CPU time (process.cpuUsage) also counts this process's other threads (JIT compiler, GC helpers); a pause of the call itself (GC on this thread) is in both, so it counts.",
      'ratio = median build time ÷ median JSON.stringify of the same payload (the serialisation every reply pays).',
      ...(askNote ? [askNote] : []),
    ],
  };
}
