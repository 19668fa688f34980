/**
 * General English for /ask: function words, the words that only say what kind of answer a
 * question wants, inflections the stemmer misses, and synonym groups. This is language, not
 * article facts: names, aliases and topic keywords come from the article model.
 */

/** Words that carry no content for retrieval. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a an the of in on at to for from by with about into onto over under between during
  and or but nor so yet if then than as
  is are was were be been being am do does did done doing has have had having
  will would shall should can could may might must
  what who whom whose where when why how which that this these those
  it its they them their theirs there here he him his she her hers we our ours you your yours i me my
  any anything anyone something someone some all each every other another such same own
  not no yes very really just also even only still ever
  please tell me know let us
  article story piece text report reported reports news
  one ones thing things kind sort way ways
  much many more most lot lots
  say says said saying tell tells told telling mention mentions mentioned mentioning
  states stated talk talked speak spoke spoken
  think thinks thought believe believes feel feels view views opinion opinions
  position positions stance stances attitude attitudes
  want wants wanted need needs needed
  happen happens happened happening take took taken come came get got go went make made play played
  complain complained complaint criticize criticise criticized criticised accuse accused warn warned
  protest protested raise raised express expressed announce announced declare declared
  emphasize emphasise emphasized emphasised underscore underscored highlight highlighted
  reiterate reiterated note noted add added explain explained describe described
  promise promised pledge pledged vow vowed
  regarding concerning re regard near nearby around across within without through toward towards
  upon via per among amid despite since until while whether although though however therefore
  curious wonder wondering wondered interested matter matters mattered main mainly overall generally
  like im two
  doing done actually exactly specifically basically`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that ask for a statement: the answer should be something somebody said. */
export const SAY_WORDS: ReadonlySet<string> = new Set(
  `say says said saying tell tells told stated statement statements claim claims claimed
  think thinks thought believe believes view views stance position positions opinion react reaction
  respond responded response reply replied argue argued insist insisted stress stressed want wants
  wanted demand demanded ask asked urge urged complain complained criticize criticise criticized
  accuse accused warn warned protest protested raise raised express expressed announce announced
  declare declared emphasize emphasise emphasized underscore underscored highlight highlighted
  reiterate reiterated agree agreed promise promised pledge pledged vow vowed`
    .split(/\s+/)
    .filter(Boolean),
);

/** Words that ask for someone's role: the answer is a title as the article states it. */
export const ROLE_WORDS: ReadonlySet<string> = new Set([
  'role',
  'roles',
  'title',
  'titles',
  'rank',
  'job',
  'post',
]);

/** British spellings read as American ones. */
export const SPELLING: Readonly<Record<string, string>> = {
  defence: 'defense',
  offence: 'offense',
  organisation: 'organization',
  organisations: 'organizations',
  harbour: 'harbor',
  labour: 'labor',
  neighbour: 'neighbor',
  neighbours: 'neighbors',
  centre: 'center',
  programme: 'program',
  licence: 'license',
  favour: 'favor',
};

/** Irregular forms the Porter stemmer leaves apart from their base. */
export const IRREGULAR: Readonly<Record<string, string>> = {
  led: 'lead',
  leads: 'lead',
  leading: 'lead',
  held: 'hold',
  met: 'meet',
  sought: 'seek',
  began: 'begin',
  begun: 'begin',
  sold: 'sell',
  bought: 'buy',
  gave: 'give',
  given: 'give',
  won: 'win',
  lost: 'lose',
  fought: 'fight',
  threw: 'throw',
  saw: 'see',
  seen: 'see',
  wrote: 'write',
  written: 'write',
  chose: 'choose',
  chosen: 'choose',
  rose: 'rise',
  risen: 'rise',
  fell: 'fall',
  fallen: 'fall',
  ran: 'run',
  spent: 'spend',
  sent: 'send',
  built: 'build',
  kept: 'keep',
  left: 'leave',
  meant: 'mean',
  paid: 'pay',
  ships: 'ship',
  men: 'man',
  women: 'woman',
  people: 'person',
  children: 'child',
};

/**
 * Synonym groups: every word of a group is indexed and searched as the group's first word.
 * Keep them to near-synonyms in ordinary English, for any subject; a wrong group makes wrong
 * answers. A subject's own vocabulary ("boat" as "vessel", "bike" as "bicycle") belongs in that
 * article's data (`ask.synonyms`, src/article/schema.ts), not here.
 */
export const SYNONYMS: readonly (readonly string[])[] = [
  [
    'talk',
    'talks',
    'discussion',
    'discussions',
    'discuss',
    'meeting',
    'meetings',
    'dialogue',
    'negotiation',
    'negotiations',
  ],
  ['end', 'ended', 'conclude', 'concluded', 'conclusion', 'finish', 'finished'],
  ['aim', 'aimed', 'goal', 'goals', 'purpose', 'objective', 'objectives', 'intent', 'intention'],
  ['urge', 'urged', 'ask', 'asked', 'demand', 'demanded', 'request', 'requested'],
  ['result', 'resulted', 'cause', 'caused', 'reason', 'reasons', 'origin', 'because'],
  ['restart', 'restarted', 'resume', 'resumed', 'revive', 'revived', 'reopen', 'reopened'],
  ['reduce', 'reduced', 'cut', 'lower', 'decrease', 'shrink'],
  ['respond', 'responded', 'response', 'reply', 'replied', 'answer', 'answered', 'reaction', 'react'],
  ['stop', 'stopped', 'cease', 'ceased', 'ceasing', 'halt', 'halted'],
  ['official', 'officials', 'representative', 'representatives', 'delegate', 'delegates'],
  ['delegation', 'delegations', 'team'],
  ['city', 'town'],
  ['sale', 'sales', 'sell', 'selling'],
  ['vote', 'voted', 'voting', 'ballot'],
  ['oppose', 'opposed', 'opposition', 'object', 'objected'],
  ['approve', 'approved', 'approval'],
  ['start', 'begin', 'commence'],
  ['delay', 'postpone', 'postponement'],
  ['agree', 'agreed', 'agreement', 'agreements', 'accord', 'deal'],
];

/**
 * Countries in ordinary English: a demonym or acronym stands for its country, and a capital
 * may stand for its government ("Beijing said", "Washington wants").
 */
export const COUNTRIES: readonly {
  country: string;
  forms: readonly string[];
  capitals: readonly string[];
}[] = [
  { country: 'china', forms: ['chinese', 'prc'], capitals: ['beijing'] },
  { country: 'america', forms: ['american', 'americans', 'usa'], capitals: ['washington'] },
  { country: 'philippines', forms: ['philippine', 'filipino', 'filipinos'], capitals: ['manila'] },
  { country: 'taiwan', forms: ['taiwanese'], capitals: ['taipei'] },
  { country: 'japan', forms: ['japanese'], capitals: ['tokyo'] },
  { country: 'russia', forms: ['russian', 'russians'], capitals: ['moscow'] },
  { country: 'korea', forms: ['korean', 'koreans'], capitals: ['seoul', 'pyongyang'] },
  { country: 'india', forms: ['indian', 'indians'], capitals: ['delhi'] },
  { country: 'vietnam', forms: ['vietnamese'], capitals: ['hanoi'] },
  { country: 'britain', forms: ['british'], capitals: ['london'] },
  { country: 'australia', forms: ['australian', 'australians'], capitals: ['canberra'] },
];

/** Multi-word expressions read as one word before stemming. */
export const PHRASES: readonly (readonly [string, string])[] = [
  ['united states of america', 'america'],
  ['united states', 'america'],
  ['come about', 'result'],
  ['came about', 'result'],
  ['lead to', 'result'],
  ['led to', 'result'],
  ['in charge of', 'lead'],
  ['in charge', 'lead'],
  ['call for', 'urge'],
  ['called for', 'urge'],
  ['calls for', 'urge'],
  ['take place', 'location'],
  ['took place', 'location'],
  ['takes place', 'location'],
  ['international waters', 'high seas'],
];

/** Leading words that ask for a date or time. */
export const DATE_QUESTIONS: readonly string[] = [
  'when',
  'what year',
  'which year',
  'what date',
  'which date',
  'what day',
  'which day',
  'what time',
  'what month',
  'which month',
  'since when',
  'how long ago',
];

/** Leading words that ask for a number (a count, amount, age, duration or size). */
export const NUMBER_QUESTIONS: readonly string[] = [
  'how many',
  'how much',
  'how old',
  'how long',
  'how far',
  'how big',
  'how large',
  'how often',
  'what number',
  'what percentage',
  'what percent',
  'what share',
  'what proportion',
  'what age',
  'what is the number',
];

/** A date or time expression in a sentence (for "when" questions). */
export const DATE_PATTERN =
  /\b(?:\d{1,4}|january|february|march|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|tonight|spring|summer|autumn|winter|week|weeks|month|months|year|years|decade|decades|century)\b/i;

/** A number in a sentence (for "how many" questions). */
export const NUMBER_PATTERN =
  /\b(?:\d+(?:[.,]\d+)*%?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|hundreds|thousand|thousands|million|millions|billion|billions|dozen|dozens|half|double|twice|percent)\b/i;

/** Words that introduce a reason or purpose: a light nudge for "why" and "how" questions. */
export const REASON_CUES: readonly string[] = ['result', 'aim', 'prevent', 'reason'];

/**
 * How people type in chat, read as written English: apostrophes left out ("whos", "whats"),
 * short forms ("u", "pls") and a few common misspellings of question words ("wat", "wher").
 */
export const CASUAL: Readonly<Record<string, string>> = {
  whos: 'who is',
  whats: 'what is',
  wats: 'what is',
  wat: 'what',
  wut: 'what',
  wht: 'what',
  wher: 'where',
  wheres: 'where is',
  hows: 'how is',
  whys: 'why is',
  whens: 'when is',
  whered: 'where did',
  whatd: 'what did',
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  isnt: 'is not',
  wasnt: 'was not',
  arent: 'are not',
  werent: 'were not',
  cant: 'cannot',
  wont: 'will not',
  gonna: 'going to',
  wanna: 'want to',
  tldr: 'summary',
};

/** Words asking for an account of the whole article rather than one fact. */
export const SUMMARY_WORDS: ReadonlySet<string> = new Set(
  'summary summaries summarize summarise summarized summarised summarizing overview recap gist tldr synopsis rundown digest'.split(
    ' ',
  ),
);

/** Words that may stand beside a summary request without asking anything else. */
export const SUMMARY_FILLER: ReadonlySet<string> = new Set(
  'give me a an the of this that it article story piece news can could you please pls quick short brief main points key up sum whole thanks what is was happened happen in'.split(
    ' ',
  ),
);

/** Words asking to set the sides' positions side by side. */
export const COMPARE_WORDS: ReadonlySet<string> = new Set(
  'compare compared comparing comparison differ differs differed difference differences different disagree disagrees disagreed disagreement disagreements versus vs contrast beef clash split divide'.split(
    ' ',
  ),
);

/** Casual filler that asks nothing of its own ("whats the deal with", "stuff", "guy"). */
export const FILLER: ReadonlySet<string> = new Set(
  'deal stuff guy guys dude folks anyway ok okay hey hi hello yo lol bit kinda sorta gonna thing things so'.split(
    ' ',
  ),
);

/**
 * Words that may also be meant in a related sense, tried as alternatives at question time
 * only (the index keeps each word's own sense): "stop" arming is calling for an "end" to it.
 */
export const RELATED: Readonly<Record<string, readonly string[]>> = {
  stop: ['end', 'cease'],
  stopping: ['end', 'cease'],
  quit: ['stop', 'end', 'cease'],
  quitting: ['stop', 'end', 'cease'],
  keep: ['maintain'],
  keeping: ['maintain'],
  head: ['lead'],
  headed: ['lead'],
  heading: ['lead'],
  point: ['aim'],
  outcome: ['end', 'conclude', 'result'],
  care: ['importance', 'significance'],
  cares: ['importance', 'significance'],
  message: ['statement'],
  results: ['figure', 'finding'],
  findings: ['figure', 'result'],
};

/**
 * Light words: when the article does not use them, they ask nothing it could answer
 * ("so eager to", "going to", "refer to").
 */
export const LIGHT: ReadonlySet<string> = new Set(
  'new eager keen willing able going try tries tried trying seem seems seemed refer refers referring mean means meaning anything something everything care cares cared'.split(
    ' ',
  ),
);
