/**
 * Each server's own filter for comment text: blocked words, links and invite links. Comment text is
 * posted by the bot, so a server's AutoMod keyword rules may never see it; this is checked before a
 * comment is stored, and a refusal says why (privately) so the member can rewrite it.
 */
import type { ModerationSettings } from './settings.js';

/** Server invites, on by default (settings.invites = 'deny'). */
const INVITE =
  /\b(?:discord(?:app)?\.com\/invite|discord\.gg|dsc\.gg|invite\.gg|discord\.me|discord\.io)\/[\w-]+/i;
/** Any web link: a scheme, or a www. host. */
const LINK = /\b(?:https?:\/\/|www\.)\S+/i;

/**
 * Folds text so look-alikes cannot slip past a word: compatibility forms (fullwidth, ligatures),
 * accents and case. Separators stay, so words keep their boundaries.
 */
export function foldForFilter(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A blocked entry matches as a whole word (or phrase), not inside longer words. */
function wordPattern(word: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(foldForFilter(word.trim()))}(?![\\p{L}\\p{N}])`, 'u');
}

/** Why the server's filter refuses this text, or undefined when it may be posted. */
export function filterReason(text: string, settings: ModerationSettings): string | undefined {
  if (settings.invites === 'deny' && INVITE.test(text)) {
    return 'Invite links to other servers are not allowed in comments here.';
  }
  if (settings.links === 'deny' && LINK.test(text)) {
    return 'Links are not allowed in comments in this server.';
  }
  const folded = foldForFilter(text);
  if (settings.blockedWords.some((w) => w.trim() !== '' && wordPattern(w).test(folded))) {
    return "Your comment contains a word this server's moderators have blocked.";
  }
  return undefined;
}

/** A word as it is stored: trimmed, folded, inner whitespace collapsed. Empty when nothing is left. */
export function normaliseBlockedWord(raw: string): string {
  return foldForFilter(raw).replace(/\s+/g, ' ').trim();
}
