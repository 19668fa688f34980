import { EmulatorUsageError, FORCE_HINT } from './errors.js';
import type { EmulatedModal } from './interactions.js';
import { checkSelectValues } from './message-components.js';
import type { ModalInput } from './scenario.js';
import { isRecord } from './validation-core.js';

/** Filling in a modal the bot showed: `data.components` of the MODAL_SUBMIT interaction. */

interface ModalField {
  customId: string;
  kind: 'text' | 'select';
  /** The text input's or string select's definition. */
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
      if (!isRecord(c) || typeof c.custom_id !== 'string' || (c.type !== 3 && c.type !== 4)) continue;
      fields.push({
        customId: c.custom_id,
        kind: c.type === 4 ? 'text' : 'select',
        def: c,
        legacy: node.type === 1,
      });
    }
  }
  return fields;
}

/**
 * `data.components` of a modal submit, with the client's checks: a required text input is filled in and
 * within min/max length; a select's picks are among its options, as many as min/max_values allow, and
 * given at all when it is required (the default in modals).
 */
export function buildModalSubmission(modal: EmulatedModal, input: ModalInput): Record<string, unknown>[] {
  const fields = modalFields(modal);
  for (const key of Object.keys(input.values)) {
    if (!fields.some((f) => f.customId === key)) {
      throw new EmulatorUsageError(
        `The form has no field "${key}" (fields: ${fields.map((f) => f.customId).join(', ')})`,
        `modal "${modal.custom_id}"`,
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
          throw new EmulatorUsageError(`The field "${field.customId}" is required`, FORCE_HINT);
        // Discord counts code points: an emoji is one character.
        const length = [...value].length;
        if (value !== '' && (length < min || length > max)) {
          throw new EmulatorUsageError(
            `The field "${field.customId}" takes ${min}–${max} characters; got ${length}`,
            FORCE_HINT,
          );
        }
      }
      const submitted = { type: 4, custom_id: field.customId, value };
      return field.legacy ? { type: 1, components: [submitted] } : { type: 18, component: submitted };
    }
    const values = Array.isArray(given) ? given : typeof given === 'string' && given !== '' ? [given] : [];
    if (!input.force) {
      const what = `The field "${field.customId}"`;
      if (field.def.required !== false && values.length === 0) {
        throw new EmulatorUsageError(`${what} is required`, FORCE_HINT);
      }
      // An optional select left untouched sends no values, whatever its min_values.
      if (values.length > 0) checkSelectValues(field.def, values, what);
    }
    return { type: 18, component: { type: field.def.type, custom_id: field.customId, values } };
  });
}
