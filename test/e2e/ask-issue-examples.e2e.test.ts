import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embedOf, type Harness, messageOf, startHarness } from '../helpers/harness.js';

/**
 * Every example of issue 10, asked through the real discord.js client and the emulator: the
 * reply's text must hold what answers it (by meaning: the key words and the ¶), and an answer
 * must not open with a refusal or a disclaimer.
 */
const ANSWERS: { question: string; has: string[] }[] = [
  { question: 'what does china want america to quit doing about taiwan', has: ['arming', '(¶2)'] },
  {
    question: 'is china asking the us to stop selling arms to taiwan?',
    has: ["doesn't say yes or no in those words", 'arming', '(¶2)'],
  },
  {
    question: 'where do the us and china disagree about the south china sea',
    has: ['provocative actions', 'freedom of navigation', 'not stated in the article'],
  },
  {
    question: 'compare the chinese and american positions on taiwan',
    has: ['never compromise', 'peace and stability', '(¶6)'],
  },
  {
    question: 'why is the US so eager to keep military channels open',
    has: ['escalating into conflict', '(¶5)'],
  },
  { question: 'whos song yanchao', has: ['Major General (¶4)'] },
  { question: 'which chinese genral was there', has: ['Song Yanchao', '(¶4)'] },
  { question: 'Who headed the American side?', has: ['Michael Chase', '(¶4)'] },
  {
    question: 'give me a summary',
    has: ['never compromise', 'peace and stability', '/summary length:standard'],
  },
  {
    question: 'did both sides agree on anything at the end',
    has: ['willingness to develop relations', '(¶6)'],
  },
  { question: 'where did the talks take place?', has: ['Pentagon', '(¶4)'] },
  { question: 'Does China want the US to stop arming Taiwan?', has: ["doesn't say yes or no", 'arming'] },
  {
    question: 'who is chase and what did he say',
    has: ['Assistant Secretary of Defense', 'international law'],
  },
  { question: '<@123456789012345678> **who** led the us side?? 🤔', has: ['Michael Chase'] },
  { question: 'what do the americans want', has: ['open lines of military communication', '(¶5)'] },
];

const REFUSALS = [
  'How many ships were involved?',
  'What did Xi say at the talks?',
  'In which city did Biden and Xi reach their agreement?',
];

describe('/ask: the examples of issue 10 through the emulator', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const ask = async (question: string) => {
    const result = await h.emu.command({ user: 'ana', name: 'ask', options: { question } });
    expect(result.inTime).toBe(true);
    return embedOf(messageOf(result)).description ?? '';
  };

  it.each(ANSWERS)('answers “$question”', async ({ question, has }) => {
    const text = await ask(question);
    expect(text).not.toMatch(/^\W*The article (?:doesn't say(?! yes or no)|reports no)/);
    for (const words of has) expect(text).toContain(words);
    expect(h.emu.errors()).toEqual([]);
  });

  it('a two-part question answers both parts, and says which part the article does not answer', async () => {
    const text = await ask('who is song yanchao and what did he want');
    expect(text).toContain('Major General (¶4)');
    expect(text).toContain("The article doesn't say: “what did Song Yanchao want”");
  });

  it.each(REFUSALS)('refuses “%s”, saying what the article covers instead', async (question) => {
    const text = await ask(question);
    expect(text).toMatch(/^The article doesn't say/);
    expect(text).toMatch(/It does cover: .+ \(¶\d/);
  });
});
