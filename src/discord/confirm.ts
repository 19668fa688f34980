import { type APIActionRowComponent, type APIButtonComponent, ButtonStyle, ComponentType } from 'discord.js';

/** One red button that confirms something that cannot be undone (it sits on a private message). */
export function confirmRow(customId: string, label: string): APIActionRowComponent<APIButtonComponent> {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Danger, label, custom_id: customId }],
  };
}
