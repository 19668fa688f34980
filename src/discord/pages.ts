import { type APIEmbed, type APIEmbedField, ButtonStyle, ComponentType } from 'discord.js';
import { commandOf, customIds, rest, snowflake, whole } from './custom-ids.js';
import { clip, cutUnits, LIMITS } from './limits.js';
import type { Reply } from './payload.js';

export const BRAND_COLOR = 0x3b82f6;

/** A titled block of lines; becomes one embed field (or several when long). */
export interface Section {
  name: string;
  lines: string[];
  inline?: boolean;
}

export interface PageHead {
  title: string;
  description?: string;
  footer?: string;
  url?: string;
}

/** Title, description and fields of one page; the rest of the 6000 is the footer's. */
const PAGE_BUDGET = 5_000;
/** The footer, with room for " · Page i/n", fits in what PAGE_BUDGET leaves of an embed's 6000. */
const FOOTER_BUDGET = LIMITS.embedTotal - PAGE_BUDGET - 40;
const FIELDS_PER_PAGE = 12;
const DESCRIPTION_BUDGET = 3_800;

/** Splits lines into chunks of at most `max` characters, breaking only between lines if it can. */
export function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const line of lines) {
    for (const piece of splitLong(line, max)) {
      const next = current === '' ? piece : `${current}\n${piece}`;
      if (next.length > max) {
        chunks.push(current);
        current = piece;
      } else {
        current = next;
      }
    }
  }
  if (current !== '') chunks.push(current);
  return chunks;
}

/** A single line longer than `max` is split at word boundaries; nothing is dropped. */
function splitLong(line: string, max: number): string[] {
  if (line.length <= max) return [line];
  const parts: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = rest.lastIndexOf(' ', max);
    if (cut <= max / 2) cut = max;
    const part = cutUnits(rest, cut);
    parts.push(part);
    rest = rest.slice(part.length).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

const fieldSize = (f: APIEmbedField) => f.name.length + f.value.length;

/**
 * Lays sections out as embeds that respect every Discord limit: long sections continue in
 * further fields, and fields spill onto further pages instead of being cut.
 */
export function buildPages(head: PageHead, sections: Section[], paragraphs: string[] = []): APIEmbed[] {
  const title = clip(head.title, LIMITS.title);
  const descriptions = chunkLines(
    head.description ? [head.description, ...paragraphs] : paragraphs,
    DESCRIPTION_BUDGET,
  );
  const fields: APIEmbedField[] = [];
  for (const section of sections) {
    const name = clip(section.name, LIMITS.fieldName);
    const chunks = chunkLines(section.lines.length > 0 ? section.lines : ['—'], LIMITS.fieldValue);
    chunks.forEach((value, i) => {
      fields.push({
        name: i === 0 ? name : clip(`${name} (cont.)`, LIMITS.fieldName),
        value,
        inline: section.inline ?? false,
      });
    });
  }

  const pages: APIEmbed[] = [];
  const base = (): APIEmbed => ({ title, color: BRAND_COLOR, ...(head.url ? { url: head.url } : {}) });
  for (const description of descriptions) pages.push({ ...base(), description });
  let page: APIEmbed | undefined = pages.at(-1);
  let size = (page?.title?.length ?? 0) + (page?.description?.length ?? 0);
  for (const field of fields) {
    const count = page?.fields?.length ?? 0;
    if (!page || count >= FIELDS_PER_PAGE || size + fieldSize(field) > PAGE_BUDGET) {
      page = base();
      pages.push(page);
      size = title.length;
    }
    page.fields = [...(page.fields ?? []), field];
    size += fieldSize(field);
  }
  if (pages.length === 0) pages.push(base());
  const footer = head.footer ? clip(head.footer, FOOTER_BUDGET) : '';
  return pages.map((p, i) => {
    const pageLabel = pages.length > 1 ? `Page ${i + 1}/${pages.length}` : '';
    const text = [footer, pageLabel].filter((t) => t !== '').join(' · ');
    return text ? { ...p, footer: { text } } : p;
  });
}

/** Identifies a paged answer so a button press can rebuild it after a restart. */
export interface PagerRef {
  command: string;
  /** The member who ran the command: only they turn the shared message's pages. */
  owner: string;
  /** The command's arguments needed to rebuild the pages (any text). */
  state: string[];
}

/** The id of the button that shows page `page`. */
export type PageId = (page: number) => string;

/** A page number in an id: four digits, like the /comment list `page` option's 9999. */
export const PAGE_NUMBER = whole(4);

const pageFields = { owner: snowflake, page: PAGE_NUMBER, state: rest } as const;
const pageIds = (command: string) => customIds(command, { pg: pageFields });

export const pageButtonId = (ref: PagerRef, page: number): string =>
  pageIds(ref.command).encode({ kind: 'pg', owner: ref.owner, page, state: ref.state });

/** The page ref and page of an article command's page button, or undefined for any other id. */
export function parsePageId(customId: string): (PagerRef & { page: number }) | undefined {
  const command = commandOf(customId);
  const id = pageIds(command).decode(customId);
  return id && { command, owner: id.owner, page: id.page, state: id.state };
}

export const pageIdOf =
  (ref: PagerRef): PageId =>
  (page) =>
    pageButtonId(ref, page);

/** The ◀ ▶ row for page `index` of `count`; the buttons' ids rebuild the answer. */
export function pagerRow(pageId: PageId, index: number, count: number) {
  return {
    type: ComponentType.ActionRow as const,
    components: [
      {
        type: ComponentType.Button as const,
        style: ButtonStyle.Secondary as const,
        label: '◀',
        custom_id: pageId(Math.max(index - 1, 0)),
        disabled: index <= 0,
      },
      {
        type: ComponentType.Button as const,
        style: ButtonStyle.Secondary as const,
        label: '▶',
        custom_id: pageId(Math.min(index + 1, count - 1)),
        disabled: index >= count - 1,
      },
    ],
  };
}

/** One page of a paged answer, with ◀ ▶ buttons when there is more than one page. */
export function pagedReply(pages: APIEmbed[], page: number, pageId: PageId, extra: Reply = {}): Reply {
  const index = Math.min(Math.max(page, 0), pages.length - 1);
  const embed = pages[index];
  const components = [...(extra.components ?? [])];
  if (pages.length > 1) components.unshift(pagerRow(pageId, index, pages.length));
  return { ...extra, embeds: embed ? [embed] : [], components };
}
