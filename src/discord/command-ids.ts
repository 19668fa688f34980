/**
 * Ids of the deployed commands by name, for clickable mentions in /help. Fetched once when the bot
 * is ready and kept: a use costs no REST call. Only while nothing is deployed yet is each use a
 * fresh look (so mentions appear as soon as `npm run deploy` ran).
 */
export class CommandIds {
  #ids: ReadonlyMap<string, string> = new Map();
  #fetchIds: () => Promise<ReadonlyMap<string, string>> = async () => new Map();

  /** Where the ids come from (the client's REST API, once it exists). */
  use(fetchIds: () => Promise<ReadonlyMap<string, string>>): void {
    this.#fetchIds = fetchIds;
  }

  async get(): Promise<ReadonlyMap<string, string>> {
    if (this.#ids.size === 0) this.#ids = await this.#fetchIds().catch(() => new Map<string, string>());
    return this.#ids;
  }
}
