/** Discord's message limits (https://discord.com/developers/docs/resources/message). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  modalTitle: 45,
} as const;

/** The first `end` UTF-16 units of `text`, one fewer rather than half of a surrogate pair (an emoji, 𝕏…). */
export function cutUnits(text: string, end: number): string {
  if (end <= 0) return '';
  const last = text.charCodeAt(end - 1);
  return last >= 0xd800 && last <= 0xdbff ? text.slice(0, end - 1) : text.slice(0, end);
}

/** `text` within `max` UTF-16 units (so within Discord's code-point limits), cut with “…”, never mid-character. */
export const clip = (text: string, max: number): string =>
  text.length <= max ? text : `${cutUnits(text, max - 1)}…`;
