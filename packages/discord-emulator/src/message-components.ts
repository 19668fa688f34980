import { EmulatorUsageError } from './errors.js';
import type { EmulatedMessage } from './interactions.js';
import type { ClickInput, SelectInput } from './scenario.js';
import { isRecord } from './validation-core.js';

/** Finding the button or select menu a user interacts with on a message the bot posted. */

export interface FoundComponent {
  component: Record<string, unknown>;
  type: number;
  customId: string | null;
}

/** Every button/select on a message, in reading order (rows, sections' accessories, containers). */
export function listComponents(message: EmulatedMessage): FoundComponent[] {
  const found: FoundComponent[] = [];
  const walk = (node: unknown) => {
    if (!isRecord(node)) return;
    const type = typeof node.type === 'number' ? node.type : 0;
    if (type === 2 || (type >= 3 && type <= 8 && type !== 4)) {
      found.push({
        component: node,
        type,
        customId: typeof node.custom_id === 'string' ? node.custom_id : null,
      });
    }
    if (Array.isArray(node.components)) for (const child of node.components) walk(child);
    if (isRecord(node.accessory)) walk(node.accessory);
  };
  for (const top of message.components) walk(top);
  return found;
}

function describeButtons(list: readonly FoundComponent[]): string {
  return (
    list
      .filter((c) => c.type === 2)
      .map((c) => `${JSON.stringify(c.component.label ?? '')}${c.customId ? ` (${c.customId})` : ' (link)'}`)
      .join(', ') || '(no buttons)'
  );
}

export function findButton(message: EmulatedMessage, input: ClickInput): FoundComponent {
  const all = listComponents(message);
  const buttons = all.filter((c) => c.type === 2);
  let found: FoundComponent | undefined;
  if (input.customId !== undefined) found = buttons.find((b) => b.customId === input.customId);
  else if (input.label !== undefined) found = buttons.find((b) => b.component.label === input.label);
  else {
    const clickable = buttons.filter((b) => b.component.style !== 5 && b.component.style !== 6);
    found = clickable[input.index ?? 0];
  }
  if (!found) {
    throw new EmulatorUsageError(
      `No button ${input.customId ?? input.label ?? `#${input.index ?? 0}`} on message ${message.id}; it has: ${describeButtons(all)}`,
    );
  }
  if (found.component.style === 5)
    throw new EmulatorUsageError('That is a link button: clicking opens a URL and sends no interaction');
  if (found.component.disabled === true)
    throw new EmulatorUsageError(`Button ${JSON.stringify(found.component.label)} is disabled`);
  return found;
}

export function findSelect(message: EmulatedMessage, input: SelectInput): FoundComponent {
  const selects = listComponents(message).filter((c) => c.type !== 2);
  const found =
    input.customId === undefined ? selects[0] : selects.find((s) => s.customId === input.customId);
  if (!found) {
    throw new EmulatorUsageError(
      `No select menu ${input.customId ?? ''} on message ${message.id} (has: ${selects.map((s) => s.customId).join(', ') || 'none'})`,
    );
  }
  if (found.component.disabled === true) throw new EmulatorUsageError(`Select ${found.customId} is disabled`);
  const min = typeof found.component.min_values === 'number' ? found.component.min_values : 1;
  const max = typeof found.component.max_values === 'number' ? found.component.max_values : 1;
  if (input.values.length < min || input.values.length > max) {
    throw new EmulatorUsageError(
      `Select ${found.customId} takes ${min}–${max} values; got ${input.values.length}`,
    );
  }
  if (found.type === 3) {
    const options = Array.isArray(found.component.options) ? found.component.options.filter(isRecord) : [];
    for (const value of input.values) {
      if (!options.some((o) => o.value === value)) {
        throw new EmulatorUsageError(
          `Select ${found.customId} has no option "${value}" (has: ${options.map((o) => String(o.value)).join(', ')})`,
        );
      }
    }
  }
  return found;
}
