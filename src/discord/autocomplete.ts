import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import { clip, LIMITS } from './limits.js';

/** The most an autocomplete input can hold in Discord's client; a forged one may be any length. */
export const AUTOCOMPLETE_INPUT_MAX = 100;

/**
 * The option being typed, its value cut to Discord's 100 characters before any search sees it (a
 * forged 100,000-character input made the search library throw).
 */
export function focusedOption(interaction: AutocompleteInteraction): { name: string; value: string } {
  const focused = interaction.options.getFocused(true);
  const value = typeof focused.value === 'string' ? focused.value : String(focused.value ?? '');
  return {
    name: focused.name,
    value: [...value.slice(0, 4 * AUTOCOMPLETE_INPUT_MAX)].slice(0, AUTOCOMPLETE_INPUT_MAX).join(''),
  };
}

/** Shapes suggestions to Discord's autocomplete limits (25 choices, 1–100 characters each). */
export function toChoices(
  items: { name: string; value: string }[],
): ApplicationCommandOptionChoiceData<string>[] {
  return items.slice(0, LIMITS.autocompleteChoices).map((item) => ({
    name: clip(item.name, LIMITS.choiceName),
    value: clip(item.value, LIMITS.choiceValue),
  }));
}
