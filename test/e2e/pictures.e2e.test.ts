import type { EmulatedMessage } from '@parley/discord-emulator';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../src/discord/picture.js';
import { embedOf, type Harness, messageOf, startHarness } from '../helpers/harness.js';

/** The attachment an embed shows: present, a decodable PNG whose header matches its pixels. */
function shownPicture(message: EmulatedMessage, name: string) {
  const url = embedOf(message).image?.url;
  expect(url).toBe(`attachment://${name}`);
  const file = message.attachments.find((a) => a.filename === name);
  if (!file) throw new Error(`no attachment ${name}`);
  expect(file.size).toBeLessThanOrEqual(MAX_ATTACHMENT_BYTES);
  expect(file.description).toBeTruthy();
  const png = PNG.sync.read(file.data);
  expect(file.data.readUInt32BE(16)).toBe(png.width);
  expect(file.data.readUInt32BE(20)).toBe(png.height);
  return { file, width: png.width, height: png.height };
}

describe('pictures through the real discord.js client and the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('/positions shows the grid as a PNG in its embed, keeping the text', async () => {
    const message = messageOf(await h.emu.command({ user: 'ana', name: 'positions' }));
    const { width, height } = shownPicture(message, 'positions.png');
    expect(width).toBeGreaterThanOrEqual(600);
    expect(width).toBeLessThanOrEqual(4096);
    expect(height).toBeGreaterThan(200);
    expect(height).toBeLessThanOrEqual(4096);
    expect(embedOf(message).fields?.map((f) => f.name)).toContain(h.article.model.topics[0]?.name);
    expect(h.emu.errors()).toEqual([]);
  });

  it('a filtered /positions renders the filtered grid', async () => {
    const side = h.article.model.sides[0];
    const message = messageOf(
      await h.emu.command({ user: 'ana', name: 'positions', options: { side: side?.name ?? '' } }),
    );
    const first = shownPicture(message, 'positions.png');
    const full = shownPicture(
      messageOf(await h.emu.command({ user: 'ana', name: 'positions' })),
      'positions.png',
    );
    expect(first.width).toBeLessThan(full.width);
    expect(h.emu.errors()).toEqual([]);
  });

  it('renders a picture once per article and filter; a repeat is served from the cache', async () => {
    const before = h.bot.ctx.pictures.size;
    const a = messageOf(
      await h.emu.command({ user: 'ana', name: 'positions', options: { topic: 'taiwan' } }),
    );
    const size = h.bot.ctx.pictures.size;
    expect(size).toBe(before + 1);
    const b = messageOf(
      await h.emu.command({ user: 'ben', name: 'positions', options: { topic: 'taiwan' } }),
    );
    expect(h.bot.ctx.pictures.size).toBe(size);
    expect(
      shownPicture(b, 'positions.png').file.data.equals(shownPicture(a, 'positions.png').file.data),
    ).toBe(true);
  });
});
