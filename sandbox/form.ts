import type { EmulatedModal } from '@parley/discord-emulator';
import { ComponentType } from 'discord.js';

/** A form (modal) as the console shows it. Pure. */

export interface FormField {
  id: string;
  label: string;
  description?: string | undefined;
  required: boolean;
  /** The choices' values of a select; undefined for text. */
  options?: string[] | undefined;
  maxLength?: number | undefined;
}

interface RawNode {
  type?: number;
  label?: string;
  description?: string;
  custom_id?: string;
  required?: boolean;
  max_length?: number;
  options?: { value: string }[];
  component?: RawNode;
  components?: RawNode[];
}

/** The fields of a form in order: labelled components, or text inputs in their own rows. */
export function formFields(modal: EmulatedModal): FormField[] {
  const fields: FormField[] = [];
  for (const top of modal.components as readonly RawNode[]) {
    const input = top.type === ComponentType.Label ? top.component : top.components?.[0];
    if (!input?.custom_id) continue;
    const label = (top.type === ComponentType.Label ? top.label : input.label) ?? input.custom_id;
    if (input.type === ComponentType.TextInput) {
      fields.push({
        id: input.custom_id,
        label,
        description: top.type === ComponentType.Label ? top.description : undefined,
        required: input.required !== false,
        maxLength: input.max_length,
      });
    } else if (input.type === ComponentType.StringSelect) {
      fields.push({
        id: input.custom_id,
        label,
        description: top.description,
        required: input.required !== false,
        options: (input.options ?? []).map((o) => o.value),
      });
    }
  }
  return fields;
}

/** The form's title, its fields and how to fill it in. */
export function renderForm(modal: EmulatedModal): string {
  const fields = formFields(modal);
  const lines = [`== Form: ${modal.title} ==`];
  for (const f of fields) {
    const what = f.options ? `one of ${f.options.join(', ')}` : (f.description ?? 'text');
    const optional = f.required || /optional/i.test(f.label) ? '' : ' (optional)';
    lines.push(`  ${f.id} — ${f.label}${optional}: ${what}`);
  }
  const example = fields.map((f) => `${f.id}:${f.options ? (f.options[0] ?? '…') : '…'}`).join(' ');
  lines.push(`Fill it in with: submit ${example}`);
  return lines.join('\n');
}
