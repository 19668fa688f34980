import { EmulatorUsageError } from './errors.js';
import type { EmulatedModal } from './interactions.js';
import type { ModalInput } from './scenario.js';
import { isRecord } from './validation-core.js';

/** Filling in a modal the bot showed: `data.components` of the MODAL_SUBMIT interaction. */

interface ModalField {
  customId: string;
  kind: 'text' | 'select' | 'other';
  /** Text input definition (or select). */
  def: Record<string, unknown>;
  /** `true` for the legacy action-row form. */
  legacy: boolean;
}

function modalFields(modal: EmulatedModal): ModalField[] {
  const fields: ModalField[] = [];
  for (const top of modal.components) {
    const node: unknown = top;
    if (!isRecord(node)) continue;
    const inner: unknown[] =
      node.type === 1 && Array.isArray(node.components)
        ? node.components
        : node.type === 18
          ? [node.component]
          : [];
    for (const c of inner) {
      if (!isRecord(c) || typeof c.custom_id !== 'string') continue;
      fields.push({
        customId: c.custom_id,
        kind:
          c.type === 4
            ? 'text'
            : c.type === 3 || (typeof c.type === 'number' && c.type >= 5 && c.type <= 8)
              ? 'select'
              : 'other',
        def: c,
        legacy: node.type === 1,
      });
    }
  }
  return fields;
}

/** `data.components` of a modal submit, with the client's checks (required, min/max length). */
export function buildModalSubmission(modal: EmulatedModal, input: ModalInput): Record<string, unknown>[] {
  const fields = modalFields(modal);
  for (const key of Object.keys(input.values)) {
    if (!fields.some((f) => f.customId === key)) {
      throw new EmulatorUsageError(
        `Modal "${modal.custom_id}" has no field "${key}" (fields: ${fields.map((f) => f.customId).join(', ')})`,
      );
    }
  }
  return fields.map((field) => {
    const given = input.values[field.customId];
    if (field.kind === 'text') {
      const value =
        typeof given === 'string' ? given : typeof field.def.value === 'string' ? field.def.value : '';
      if (!input.force) {
        const requiredField = field.def.required !== false;
        const min = typeof field.def.min_length === 'number' ? field.def.min_length : 0;
        const max = typeof field.def.max_length === 'number' ? field.def.max_length : 4000;
        if (requiredField && value === '')
          throw new EmulatorUsageError(`Modal field "${field.customId}" is required`);
        if (value !== '' && (value.length < min || value.length > max)) {
          throw new EmulatorUsageError(
            `Modal field "${field.customId}" must be ${min}–${max} characters; got ${value.length}`,
          );
        }
      }
      const submitted = { type: 4, custom_id: field.customId, value };
      return field.legacy ? { type: 1, components: [submitted] } : { type: 18, component: submitted };
    }
    const values = Array.isArray(given) ? given : typeof given === 'string' ? [given] : [];
    return { type: 18, component: { type: field.def.type, custom_id: field.customId, values } };
  });
}
