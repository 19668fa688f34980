/**
 * One light card for both Discord themes: an opaque background keeps contrast the same on dark and
 * light. Series colours are from the Okabe–Ito palette (distinguishable with the common colour-vision
 * deficiencies), and nothing is told by colour alone: every bar and mark also carries a label.
 */
export const THEME = {
  background: '#FFFFFF',
  border: '#D1D9E0',
  text: '#1F2328',
  muted: '#59636E',
  rowAlt: '#F6F8FA',
  empty: { fill: '#EEF0F2', stroke: '#B7BEC6', text: '#6E7781' },
  badge: { quote: '#1F2328', quoteText: '#FFFFFF', paraphrase: '#59636E' },
} as const;

/** Column colours for the article's sides, in order; "Both sides" takes the last. */
export const SIDE_COLORS = ['#D55E00', '#0072B2', '#009E73', '#E69F00', '#56B4E9'] as const;
export const BOTH_COLOR = '#CC79A7';

export const FONT = {
  title: 20,
  subtitle: 13,
  header: 15,
  body: 14,
  small: 12,
} as const;

/** The picture's own background: a rounded, bordered card. */
export const CARD = { fill: THEME.background, stroke: THEME.border, radius: 12 } as const;

/**
 * Comment stances, in bar order. Okabe–Ito blue, orange, reddish purple and yellow, and grey for
 * "no stance"; the ink is the label colour with enough contrast on each.
 */
export const STANCE_COLORS = {
  supports: { color: '#0072B2', ink: '#FFFFFF' },
  challenges: { color: '#E69F00', ink: '#1F2328' },
  'adds context': { color: '#CC79A7', ink: '#1F2328' },
  question: { color: '#F0E442', ink: '#1F2328' },
  none: { color: '#8C959F', ink: '#FFFFFF' },
} as const;
