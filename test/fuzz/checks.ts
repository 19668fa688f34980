import { describeErrors, type InteractionResult, type RestLogEntry } from '@parley/discord-emulator';
import { FieldErrors } from '@parley/discord-emulator/errors';
import { flattenErrorTree, validateMessageBody } from '@parley/discord-emulator/validation';
import type { APIEmbed } from 'discord.js';
import { genericFailure } from '../../src/discord/messages.js';
import type { Reply } from '../../src/discord/payload.js';
import { type FuzzHarness, LEVEL, logsFrom, messagesOf } from './harness.js';

/**
 * Invariants every answer must keep, whatever the input:
 * - Discord accepts every request (no 50035, 50006, 10062, 40060…);
 * - no handler throws past the user-error path (no "Something went wrong", no error log);
 * - nobody can be pinged except the author a reply answers: `allowed_mentions` has an empty (or no)
 *   `parse`, no `roles`, no `replied_user`, and `users` is at most that one author;
 * - every string the bot sends is well-formed Unicode (no half of a surrogate pair from a cut).
 */

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The message body of a logged request, if it sends or edits a message. */
export function messageBodyOf(entry: RestLogEntry): Record<string, unknown> | undefined {
  const body = entry.requestBody;
  if (!isRecord(body)) return undefined;
  if (entry.route === '/interactions/:id/:token/callback') {
    return (body.type === 4 || body.type === 7) && isRecord(body.data) ? body.data : undefined;
  }
  if (entry.route?.startsWith('/webhooks/') && (entry.method === 'POST' || entry.method === 'PATCH')) {
    return body;
  }
  return undefined;
}

/** Why a message body could ping someone other than `pingable`; undefined when it cannot. */
export function mentionProblem(
  body: Record<string, unknown>,
  pingable: readonly string[],
): string | undefined {
  const am = body.allowed_mentions;
  const content = typeof body.content === 'string' ? body.content : '';
  if (am === undefined || am === null) {
    // Without allowed_mentions Discord parses every mention in the content.
    return content === '' ? undefined : 'content sent without allowed_mentions';
  }
  if (!isRecord(am)) return `allowed_mentions is not an object: ${JSON.stringify(am)}`;
  if (am.parse !== undefined && !(Array.isArray(am.parse) && am.parse.length === 0))
    return `allowed_mentions.parse = ${JSON.stringify(am.parse)}`;
  if (am.roles !== undefined && !(Array.isArray(am.roles) && am.roles.length === 0))
    return `allowed_mentions.roles = ${JSON.stringify(am.roles)}`;
  if (am.replied_user === true) return 'allowed_mentions.replied_user = true';
  if (am.users !== undefined) {
    if (!Array.isArray(am.users)) return `allowed_mentions.users = ${JSON.stringify(am.users)}`;
    const extra = am.users.filter((u) => !pingable.includes(String(u)));
    if (extra.length > 0 || am.users.length > 1)
      return `allowed_mentions.users = ${JSON.stringify(am.users)}; only ${JSON.stringify(pingable)} may be pinged`;
  }
  return undefined;
}

/**
 * A ping sent as an edit (PATCH, or an UPDATE_MESSAGE callback): Discord notifies nobody a message
 * edit mentions — also when the edit fills in a deferred "thinking…" reply — so a reply that is
 * meant to ping must be a new message.
 */
export function editedPing(entry: RestLogEntry, body: Record<string, unknown>): string | undefined {
  const am = body.allowed_mentions;
  const users = isRecord(am) && Array.isArray(am.users) ? am.users : [];
  const edit = entry.method === 'PATCH' || (isRecord(entry.requestBody) && entry.requestBody.type === 7);
  return edit && users.length > 0
    ? `a ping in an edit (notifies nobody): users ${JSON.stringify(users)}`
    : undefined;
}

/** Every string inside a JSON value. */
function* stringsIn(value: unknown): Generator<string> {
  if (typeof value === 'string') yield value;
  else if (Array.isArray(value)) for (const v of value) yield* stringsIn(v);
  else if (isRecord(value)) for (const v of Object.values(value)) yield* stringsIn(v);
}

/** Half of a surrogate pair on its own (a pair is one code point, never `Cs`, under the u flag). */
const LONE_SURROGATE = /\p{Cs}/u;

/** A string with a lone surrogate, if the value holds one. */
export function illFormed(value: unknown): string | undefined {
  for (const s of stringsIn(value)) if (LONE_SURROGATE.test(s)) return s;
  return undefined;
}

export interface CleanOptions {
  /** Users a message of this interaction may ping (the replied-to author). */
  pingable?: readonly string[];
  /** Error logs are expected (injected faults). */
  allowErrorLogs?: boolean;
}

/**
 * Checks one interaction against the invariants, using the emulator's request log from `fromSeq`
 * and the bot's logs from `fromLog`. Throws a readable error (fast-check prints it with the seed).
 */
export function expectClean(
  h: FuzzHarness,
  result: InteractionResult,
  marks: { fromSeq: number; fromLog: number },
  options: CleanOptions = {},
): void {
  const where = `${result.record.label} (${JSON.stringify(result.payload.data).slice(0, 300)})`;
  if (result.errors.length > 0)
    throw new Error(`Discord refused: ${describeErrors(result.errors)} — ${where}`);
  if (result.type === null) throw new Error(`no answer — ${where}`);
  const requests = h.emu.requests.slice(marks.fromSeq);
  const refused = requests.filter((r) => r.status >= 400 && r.fault === null);
  if (refused.length > 0) throw new Error(`Discord refused: ${describeErrors(refused)} — ${where}`);
  for (const entry of requests) {
    // Every body the bot sends (messages, modals, choices) is well-formed Unicode.
    const bad = illFormed(entry.requestBody);
    if (bad !== undefined) throw new Error(`ill-formed string ${JSON.stringify(bad)} — ${where}`);
    const body = messageBodyOf(entry);
    if (!body) continue;
    const bodyOwner = entry.interactionId === result.id;
    const problem =
      mentionProblem(body, bodyOwner ? (options.pingable ?? []) : []) ?? editedPing(entry, body);
    if (problem) throw new Error(`${problem} — ${where}\n${JSON.stringify(body).slice(0, 500)}`);
  }
  if (result.choices) {
    const bad = illFormed(result.choices);
    if (bad !== undefined) throw new Error(`ill-formed choice ${JSON.stringify(bad)} — ${where}`);
  }
  for (const message of messagesOf(result)) {
    if (message.content === genericFailure(result.id)) throw new Error(`generic failure — ${where}`);
  }
  if (!options.allowErrorLogs) {
    const errors = logsFrom(h, marks.fromLog, LEVEL.error);
    if (errors.length > 0) throw new Error(`error logged: ${JSON.stringify(errors[0])} — ${where}`);
  }
}

/** Where the logs stand now, for `expectClean`. */
export const mark = (h: FuzzHarness) => ({ fromSeq: h.emu.requests.length, fromLog: h.logs.length });

/**
 * A pure builder's reply as the message body discord.js would send (client default
 * `{ parse: [] }` when the reply sets no allowed mentions), validated by the emulator's checks.
 * Returns the problems, empty when Discord would accept it.
 */
export function replyProblems(reply: Reply, pingable: readonly string[] = []): string[] {
  const body = {
    content: reply.content ?? '',
    embeds: reply.embeds ?? [],
    components: reply.components ?? [],
    allowed_mentions: reply.allowedMentions ?? { parse: [] },
    ...(reply.ephemeral ? { flags: 64 } : {}),
  };
  const errs = new FieldErrors();
  validateMessageBody(errs, body, { mode: 'create', interaction: true, uploadedFiles: 0 });
  const problems = Object.entries(flattenErrorTree(errs.toTree())).map(([k, v]) => `${k}: ${v.join('; ')}`);
  const mention = mentionProblem(body, pingable);
  if (mention) problems.push(mention);
  const bad = illFormed(body);
  if (bad !== undefined) problems.push(`ill-formed string ${JSON.stringify(bad)}`);
  return problems;
}

/** `replyProblems` for bare embeds. */
export const embedProblems = (embeds: APIEmbed[]) => replyProblems({ embeds });
