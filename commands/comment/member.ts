import type { ChatInputCommandInteraction } from 'discord.js';
import { SORTS } from '../../src/comments/custom-ids.js';
import { STANCES, type Stance } from '../../src/comments/domain.js';
import { commentError } from '../../src/comments/messages.js';
import type { Viewer } from '../../src/comments/render.js';
import { type Member, requireCommentId } from '../../src/comments/service.js';
import type { ListSort } from '../../src/comments/store.js';
import { OPT } from './options.js';

export { memberOf } from '../../src/comments/member.js';

export const viewerOf = (member: Member): Viewer => ({ moderator: member.moderator });

export const isStance = (v: string): v is Stance => (STANCES as readonly string[]).includes(v);

export function stanceOption(interaction: ChatInputCommandInteraction): Stance | null {
  const raw = interaction.options.getString(OPT.stance);
  if (raw === null) return null;
  if (isStance(raw)) return raw;
  throw commentError('bad-stance', { stances: STANCES });
}

export function sortOption(interaction: ChatInputCommandInteraction): ListSort {
  const raw = interaction.options.getString(OPT.sort) ?? 'newest';
  const sort = SORTS.find((s) => s === raw);
  if (!sort) throw commentError('bad-sort', { sorts: SORTS });
  return sort;
}

export const idOption = (interaction: ChatInputCommandInteraction) =>
  requireCommentId(interaction.options.getString(OPT.id, true));
