import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { LIMITS } from './limits.js';

const clip = (s: string, max: number) => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

/** Shapes suggestions to Discord's autocomplete limits (25 choices, 1–100 characters each). */
export function toChoices(
  items: { name: string; value: string }[],
): ApplicationCommandOptionChoiceData<string>[] {
  return items.slice(0, LIMITS.autocompleteChoices).map((item) => ({
    name: clip(item.name, LIMITS.choiceName),
    value: clip(item.value, LIMITS.choiceValue),
  }));
}
