/**
 * The `article` option every article command shares: ask about another article of the library
 * without switching the server's. Page buttons carry the article as a short reference (articleRef),
 * so a page turned after the server switched still shows the article it was about.
 */
import type {
  AutocompleteInteraction,
  ChatInputCommandInteraction,
  SlashCommandStringOption,
} from 'discord.js';
import type { Article } from '../article/article.js';
import type { Ctx } from '../context.js';
import { toChoices } from '../discord/autocomplete.js';
import { articleFor, type ChoiceOptions, currentArticle } from './choice.js';
import { articleRef } from './library.js';
import { libraryError } from './messages.js';

export const ARTICLE_OPTION = 'article';

/** The option itself; `description` says what it does for this command. */
export const articleOption =
  (description = "Another article of the library (default: this server's article)") =>
  (o: SlashCommandStringOption) =>
    o.setName(ARTICLE_OPTION).setDescription(description).setMaxLength(100).setAutocomplete(true);

type ArticleCtx = Pick<Ctx, 'library' | 'comments' | 'logger'>;

/** The article a slash command is about (its `article` option, else the server's). */
export function chosenArticle(
  interaction: ChatInputCommandInteraction,
  ctx: ArticleCtx,
  options: ChoiceOptions = { defaultOnOutage: true },
): Promise<Article> {
  return articleFor(ctx, interaction.guildId, interaction.options.getString(ARTICLE_OPTION), options);
}

/**
 * During autocomplete: the article the other options are about. A half-typed or unknown `article`
 * value means the server's article (the command itself will say the name is unknown).
 */
export async function articleWhileTyping(
  interaction: AutocompleteInteraction,
  ctx: ArticleCtx,
): Promise<Article> {
  const typed = interaction.options.getString(ARTICLE_OPTION);
  const named = typed?.trim() ? ctx.library.find(typed) : undefined;
  return named ?? currentArticle(ctx, interaction.guildId, { defaultOnOutage: true });
}

/** Answers the autocomplete when the focused option is `article`; false when it is another option. */
export async function completeArticle(
  interaction: AutocompleteInteraction,
  ctx: ArticleCtx,
): Promise<boolean> {
  const focused = interaction.options.getFocused(true);
  if (focused.name !== ARTICLE_OPTION) return false;
  await interaction.respond(toChoices(ctx.library.choices(focused.value)));
  return true;
}

/** Page-button state starts with the article's reference. */
export const articleState = (article: Article, ...state: string[]): string[] => [
  articleRef(article.id),
  ...state,
];

/** The article a page button's state is about, and the rest of the state. */
export function fromArticleState(
  ctx: Pick<Ctx, 'library'>,
  state: string[],
): { article: Article; rest: string[] } {
  const [ref, ...rest] = state;
  const article = ref === undefined ? undefined : ctx.library.byRef(ref);
  if (!article) {
    throw libraryError('stale-article');
  }
  return { article, rest };
}
