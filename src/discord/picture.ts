import type { APIEmbed } from 'discord.js';
import type { Picture } from '../pictures/render.js';
import type { ReplyFile } from './payload.js';

/** Discord's upload limit without boosts; a picture over it is left out rather than refused. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
const MAX_DESCRIPTION = 1024;

/** A picture attached to the reply and shown as the embed's image (`attachment://name`). */
export interface ShownPicture {
  file: ReplyFile;
  embedImage: NonNullable<APIEmbed['image']>;
}

/** `description` is the attachment's alt text, read out by screen readers. */
export function showPicture(name: string, picture: Picture, description: string): ShownPicture | undefined {
  if (picture.png.length > MAX_ATTACHMENT_BYTES) return undefined;
  return {
    file: { name, data: picture.png, description: description.slice(0, MAX_DESCRIPTION) },
    embedImage: { url: `attachment://${name}` },
  };
}

/** Every page shows the picture, so turning pages keeps it (an edit re-sends the file). */
export const withImage = (pages: APIEmbed[], shown: ShownPicture): APIEmbed[] =>
  pages.map((p) => ({ ...p, image: shown.embedImage }));
