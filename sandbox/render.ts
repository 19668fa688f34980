import { type APIEmbed, ComponentType, MessageFlags } from 'discord.js';

/** The parts of a Discord message the console shows. */
export interface ShownMessage {
  content?: string | undefined;
  embeds?: APIEmbed[] | undefined;
  components?: readonly unknown[] | undefined;
  attachments?: readonly { filename: string; size?: number }[] | undefined;
  flags?: number | undefined;
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

/** Discord markdown, toned down for a terminal: bold/italic markers and escapes removed. */
const plain = (text: string) =>
  text
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/(^|\W)_(.+?)_(?=\W|$)/gs, '$1$2')
    .replace(/<\/([^:>]+):\d+>/g, '/$1')
    .replace(/\\([*_`~|>#[\]()-])/g, '$1');

const indent = (text: string, by = '  ') =>
  text
    .split('\n')
    .map((l) => by + l)
    .join('\n');

/** A message as readable text: embeds' title, description, fields and footer; buttons numbered. */
export function renderMessage(message: ShownMessage): string {
  const out: string[] = [];
  if ((message.flags ?? 0) & MessageFlags.Ephemeral) out.push('(only you can see this)');
  if (message.content) out.push(plain(message.content));
  for (const embed of message.embeds ?? []) {
    if (embed.title) out.push(`== ${plain(embed.title)} ==`);
    if (embed.description) out.push(plain(embed.description));
    for (const field of embed.fields ?? []) out.push(`-- ${plain(field.name)}`, indent(plain(field.value)));
    if (embed.footer?.text) out.push(`[${plain(embed.footer.text)}]`);
  }
  for (const file of message.attachments ?? []) {
    out.push(`📎 ${file.filename}${file.size !== undefined ? ` (${file.size} bytes)` : ''}`);
  }
  const buttons = buttonsOf(message);
  if (buttons.length > 0) {
    out.push(buttons.map((b) => `[${b.number}] ${b.label}${b.disabled ? ' (disabled)' : ''}`).join('   '));
  }
  return out.join('\n');
}
