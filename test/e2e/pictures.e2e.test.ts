import type { EmulatedMessage } from '@parley/discord-emulator';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stance } from '../../src/comments/domain.js';
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

  it('/comment map says so in words when nobody has commented, then draws the discussion', async () => {
    const empty = messageOf(await h.emu.command({ user: 'ana', name: 'comment map' }));
    expect(empty.ephemeral).toBe(true);
    expect(empty.content).toContain('Nobody has commented');
    expect(empty.attachments).toEqual([]);

    const guildId = h.emu.world.guild('main').id;
    const draft = (anchor: string, stance: Stance | null, n: number) => ({
      articleId: h.bot.ctx.library.defaultArticle.id,
      parent: null,
      anchor,
      stance,
      authorId: h.emu.user('ana').id,
      authorName: 'Ana',
      text: `Comment ${n}`,
      createdAt: n,
    });
    await h.comments.add(guildId, draft('p:1', 'supports', 1));
    await h.comments.add(guildId, draft('p:1', 'question', 2));
    await h.comments.add(guildId, draft('topic:taiwan', null, 3));

    const map = messageOf(await h.emu.command({ user: 'ben', name: 'comment map' }));
    expect(map.ephemeral).toBe(false);
    const { width, height, file } = shownPicture(map, 'discussion-map.png');
    expect(width).toBeGreaterThan(400);
    expect(height).toBeGreaterThan(200);
    expect(embedOf(map).description).toContain('3 comments');
    expect(embedOf(map).description).toContain('¶1 (2)');

    // A repeat with nothing new is the cached picture; a new comment draws a new one.
    const cached = h.bot.ctx.pictures.size;
    const again = messageOf(await h.emu.command({ user: 'ana', name: 'comment map' }));
    expect(shownPicture(again, 'discussion-map.png').file.data.equals(file.data)).toBe(true);
    expect(h.bot.ctx.pictures.size).toBe(cached);
    await h.comments.add(guildId, draft('p:2', 'challenges', 4));
    const after = messageOf(await h.emu.command({ user: 'ana', name: 'comment map' }));
    expect(embedOf(after).description).toContain('4 comments');
    expect(shownPicture(after, 'discussion-map.png').file.data.equals(file.data)).toBe(false);
    expect(h.emu.errors()).toEqual([]);
  });
});
