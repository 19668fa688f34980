import type { APIEmbed } from 'discord.js';
import { LIMITS } from '../../src/discord/limits.js';

/** Every problem an embed has against Discord's limits (empty when it fits). */
export function embedProblems(embed: APIEmbed): string[] {
  const problems: string[] = [];
  const check = (what: string, text: string | undefined, max: number) => {
    if (text !== undefined && text.length > max) problems.push(`${what} is ${text.length} > ${max}`);
  };
  check('title', embed.title, LIMITS.title);
  check('description', embed.description, LIMITS.description);
  check('footer', embed.footer?.text, LIMITS.footer);
  const fields = embed.fields ?? [];
  if (fields.length > LIMITS.fields) problems.push(`${fields.length} fields > ${LIMITS.fields}`);
  fields.forEach((f, i) => {
    check(`fields[${i}].name`, f.name, LIMITS.fieldName);
    check(`fields[${i}].value`, f.value, LIMITS.fieldValue);
    if (f.name.trim() === '' || f.value.trim() === '') problems.push(`fields[${i}] is empty`);
  });
  const total =
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    fields.reduce((n, f) => n + f.name.length + f.value.length, 0);
  if (total > LIMITS.embedTotal) problems.push(`total ${total} > ${LIMITS.embedTotal}`);
  return problems;
}

/** The text lines of an embed's description and field values. */
export function embedLines(embed: APIEmbed): string[] {
  const texts = [embed.description ?? '', ...(embed.fields ?? []).map((f) => f.value)];
  return texts.flatMap((t) => t.split('\n')).filter((l) => l.trim() !== '');
}

/** Everything a reader sees in a set of pages, as one string. */
export const allText = (pages: APIEmbed[]) =>
  pages
    .map((p) =>
      [p.title, p.description, ...(p.fields ?? []).flatMap((f) => [f.name, f.value]), p.footer?.text].join(
        '\n',
      ),
    )
    .join('\n');
