import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { clip, LIMITS } from './limits.js';

/** Shapes suggestions to Discord's autocomplete limits (25 choices, 1–100 characters each). */
export function toChoices(
  items: { name: string; value: string }[],
): ApplicationCommandOptionChoiceData<string>[] {
  return items.slice(0, LIMITS.autocompleteChoices).map((item) => ({
    name: clip(item.name, LIMITS.choiceName),
    value: clip(item.value, LIMITS.choiceValue),
  }));
}
