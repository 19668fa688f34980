import type { GuildConfig, UserConfig } from './world.js';

/**
 * The deterministic default world:
 * - "Parley Test Server" (`main`, shard 0 of 2): Ana and Ben (regular), Mod (Moderator: ManageMessages),
 *   Owner (the server owner); channels #general, #article-talk, a category and a voice channel.
 * - "Parley Second Server" (`second`, shard 1 of 2): Ana and Ben; owned by Owner; #general.
 * Everyone can also DM the bot (`guild: null`).
 */
export const DEFAULT_USERS: readonly UserConfig[] = [
  { key: 'ana', username: 'ana', globalName: 'Ana' },
  { key: 'ben', username: 'ben', globalName: 'Ben', locale: 'en-GB' },
  { key: 'mod', username: 'mod', globalName: 'Mod' },
  { key: 'owner', username: 'owner', globalName: 'Owner' },
];

export const DEFAULT_GUILDS: readonly GuildConfig[] = [
  {
    key: 'main',
    name: 'Parley Test Server',
    owner: 'owner',
    roles: [
      { key: 'moderator', name: 'Moderator', permissions: ['ManageMessages'], color: 0x3498db, hoist: true },
    ],
    channels: [
      { key: 'text', name: 'Text Channels', type: 'category' },
      { key: 'general', name: 'general', parent: 'text', topic: 'Anything goes' },
      { key: 'article', name: 'article-talk', parent: 'text', topic: "Today's article" },
      { key: 'lounge', name: 'Lounge', type: 'voice' },
    ],
    members: [{ user: 'ana' }, { user: 'ben' }, { user: 'mod', roles: ['moderator'] }, { user: 'owner' }],
  },
  {
    key: 'second',
    name: 'Parley Second Server',
    owner: 'owner',
    channels: [{ key: 'general', name: 'general' }],
    members: [{ user: 'ana' }, { user: 'ben' }, { user: 'owner' }],
  },
];
