import { EmulatorUsageError } from './errors.js';
import type { EmulatedMessage } from './interactions.js';
import type { ClickInput } from './scenario.js';
import { isRecord } from './validation-core.js';

/** Finding the button a user clicks on a message the bot posted; the client's rules for string selects (in modals). */

export interface FoundComponent {
  component: Record<string, unknown>;
  type: number;
  customId: string | null;
}

/** Every button on a message, in reading order. */
export function listComponents(message: EmulatedMessage): FoundComponent[] {
  const found: FoundComponent[] = [];
  const walk = (node: unknown) => {
    if (!isRecord(node)) return;
    const type = typeof node.type === 'number' ? node.type : 0;
    if (type === 2) {
      found.push({
        component: node,
        type,
        customId: typeof node.custom_id === 'string' ? node.custom_id : null,
      });
    }
    if (Array.isArray(node.components)) for (const child of node.components) walk(child);
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

/**
 * The client's rules for picking in a string select: between min_values (default 1) and max_values
 * (default 1) choices, each one of the select's options. `what` names the select in messages.
 */
export function checkSelectValues(
  select: Record<string, unknown>,
  values: readonly string[],
  what: string,
): void {
  const min = typeof select.min_values === 'number' ? select.min_values : 1;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (values.length < min || values.length > max) {
    throw new EmulatorUsageError(
      min === max
        ? `${what} takes ${min} choice${min === 1 ? '' : 's'}; got ${values.length}`
        : `${what} takes ${min}–${max} choices; got ${values.length}`,
    );
  }
  const options = Array.isArray(select.options) ? select.options.filter(isRecord) : [];
  for (const value of values) {
    if (!options.some((o) => o.value === value)) {
      throw new EmulatorUsageError(
        `${what} has no option "${value}" (options: ${options.map((o) => String(o.value)).join(', ')})`,
      );
    }
  }
}
