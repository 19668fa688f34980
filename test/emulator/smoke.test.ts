import { Client, Events, GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/sandbox/emulator/index.js';

let emu: Emulator;
let client: Client;

beforeAll(async () => {
  emu = await startEmulator();
  client = new Client(emu.clientOptions());
  client.on(Events.Debug, (m) => console.log(m));
  client.on(Events.InteractionCreate, async (interaction) => {
    if (interaction.isChatInputCommand()) {
      await interaction.reply({ content: `hi ${interaction.options.getString('name') ?? '?'}` });
    }
  });
  const ready = new Promise((r) => client.once(Events.ClientReady, r));
  await client.login(emu.token);
  await ready;
  await client.application?.commands.set([
    { name: 'who', description: 'who', options: [{ type: 3, name: 'name', description: 'n' }] },
  ]);
});

afterAll(async () => {
  await client.destroy();
  await emu.close();
});

it('replies', async () => {
  const reply = await emu.command({ name: 'who', options: { name: 'Chase' } });
  expect(reply.message?.content).toBe('hi Chase');
  console.log(
    JSON.stringify(
      emu.requests.map((r) => [r.method, r.path, r.status]),
      null,
      1,
    ),
  );
  void GatewayIntentBits;
});
