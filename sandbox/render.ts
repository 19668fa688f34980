import { type APIEmbed, ComponentType, MessageFlags } from 'discord.js';

/** The parts of a Discord message the console shows. */
export interface ShownMessage {
  content?: string | undefined;
  embeds?: APIEmbed[] | undefined;
  components?: readonly unknown[] | undefined;
  attachments?: readonly ShownFile[] | undefined;
  flags?: number | undefined;
}

export interface ShownFile {
  filename: string;
  size?: number | undefined;
  /** The bytes, when the console has them (PNG sizes are read from them). */
  data?: Buffer | undefined;
}

/** Display names for the ids in mentions (`<@id>`, `<@&id>`, `<#id>`); undefined when unknown. */
export interface MentionNames {
  user(id: string): string | undefined;
  role(id: string): string | undefined;
  channel(id: string): string | undefined;
}

export interface ShownButton {
  number: number;
  label: string;
  customId: string;
  disabled: boolean;
}

interface RawButton {
  type: number;
  label?: string;
  emoji?: { name?: string };
  custom_id?: string;
  disabled?: boolean;
}

/** The message's buttons in reading order, numbered from 1 (what `click N` presses). */
export function buttonsOf(message: ShownMessage): ShownButton[] {
  const buttons: ShownButton[] = [];
  for (const row of message.components ?? []) {
    const children = (row as { components?: RawButton[] }).components ?? [];
    for (const c of children) {
      if (c.type !== ComponentType.Button || !c.custom_id) continue;
      const label = [c.emoji?.name, c.label].filter(Boolean).join(' ');
      buttons.push({
        number: buttons.length + 1,
        label,
        customId: c.custom_id,
        disabled: c.disabled ?? false,
      });
    }
  }
  return buttons;
}

/** Discord markdown, toned down for a terminal: bold/italic markers and escapes removed, mentions as names. */
const plain = (text: string, names?: MentionNames) =>
  text
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/(^|\W)_(.+?)_(?=\W|$)/gs, '$1$2')
    .replace(/<\/([^:>]+):\d+>/g, '/$1')
    .replace(/<@!?(\d+)>/g, (whole, id: string) => at(names?.user(id), whole))
    .replace(/<@&(\d+)>/g, (whole, id: string) => at(names?.role(id), whole))
    .replace(/<#(\d+)>/g, (whole, id: string) => {
      const name = names?.channel(id);
      return name === undefined ? whole : `#${name}`;
    })
    .replace(/\\([*_`~|>#[\]()-])/g, '$1');

const at = (name: string | undefined, whole: string) => (name === undefined ? whole : `@${name}`);

const indent = (text: string, by = '  ') =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (the first chunk, right after the signature). */
export function pngSize(data: Buffer): { width: number; height: number } | undefined {
  if (data.length < 24 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (data.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20) };
}

/** 813 bytes, 4.2 KB, 1.3 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} byte${bytes === 1 ? '' : 's'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** 📎 name (W×H) for a PNG image, 📎 name (size) for anything else. */
export function describeFile(file: ShownFile): string {
  const png = file.data ? pngSize(file.data) : undefined;
  const size = file.size ?? file.data?.length;
  const detail = png ? `${png.width}×${png.height}` : size !== undefined ? fileSize(size) : undefined;
  return `📎 ${file.filename}${detail ? ` (${detail})` : ''}`;
}

/** A message as readable text: embeds' title, description, fields and footer; files; buttons numbered. */
export function renderMessage(message: ShownMessage, names?: MentionNames): string {
  const out: string[] = [];
  const p = (text: string) => plain(text, names);
  if ((message.flags ?? 0) & MessageFlags.Ephemeral) out.push('(only you can see this)');
  if (message.content) out.push(p(message.content));
  for (const embed of message.embeds ?? []) {
    if (embed.title) out.push(`== ${p(embed.title)} ==`);
    if (embed.description) out.push(p(embed.description));
    for (const field of embed.fields ?? []) out.push(`-- ${p(field.name)}`, indent(p(field.value)));
    if (embed.footer?.text) out.push(`[${p(embed.footer.text)}]`);
  }
  for (const file of message.attachments ?? []) out.push(describeFile(file));
  const buttons = buttonsOf(message);
  if (buttons.length > 0) {
    out.push(buttons.map((b) => `[${b.number}] ${b.label}${b.disabled ? ' (disabled)' : ''}`).join('   '));
  }
  return out.join('\n');
}
