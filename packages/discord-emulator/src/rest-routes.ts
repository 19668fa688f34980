import type { APIApplication, ApplicationFlags, Snowflake } from 'discord.js';
import { handleCreateChannelMessage, handleEditChannelMessage } from './channel-messages.js';
import type { EmulatorCore } from './core.js';
import { DiscordErrors, FieldErrors } from './errors.js';
import { userPayload } from './payloads.js';
import {
  handleCallback,
  handleDeleteMessage,
  handleEditMessage,
  handleFollowUp,
  handleGetMessage,
  type RestRequest,
  type RestResult,
  webhookRecord,
} from './responses.js';
import { validateCommand, validateCommandList } from './validate-command.js';
import { isRecord } from './validation-core.js';

/** The REST routes of the emulated API v10 and a tiny router for them. */

export type Params = Record<string, string>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: string;
  /** Needs `Authorization: Bot <token>` (interaction callbacks and webhooks do not). */
  auth: boolean;
  /** The interaction a request belongs to, so errors can be attributed to it. */
  interactionOf?: (params: Params) => Snowflake | null;
  handle(req: RestRequest, params: Params): RestResult | Promise<RestResult>;
}

export type RouteMatch = { route: Route; params: Params } | { route: null; methodMismatch: boolean };

export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = path.split('/').filter(Boolean);
  let methodMismatch = false;
  for (const route of routes) {
    const parts = route.pattern.split('/').filter(Boolean);
    if (parts.length !== segments.length) continue;
    const params: Params = {};
    const ok = parts.every((part, i) => {
      const segment = segments[i] ?? '';
      if (part.startsWith(':')) {
        params[part.slice(1)] = segment;
        return true;
      }
      return part === segment;
    });
    if (!ok) continue;
    if (route.method !== method) {
      methodMismatch = true;
      continue;
    }
    return { route, params };
  }
  return { route: null, methodMismatch };
}

const json = (body: unknown, status = 200): RestResult => ({ status, body });

export function createRoutes(core: EmulatorCore): Route[] {
  const checkApp = (params: Params): void => {
    if (params.app !== core.applicationId) throw DiscordErrors.missingAccess();
  };
  const guildOf = (params: Params): Snowflake | null => {
    if (params.guild === undefined) return null;
    if (!core.world.findGuild(params.guild)) throw DiscordErrors.unknownGuild();
    return params.guild;
  };
  const param = (params: Params, key: string): string => params[key] ?? '';

  const commandRoutes = (prefix: string): Route[] => [
    {
      method: 'GET',
      pattern: `${prefix}/commands`,
      auth: true,
      handle: (_req, params) => {
        checkApp(params);
        return json(core.commands.list(guildOf(params)));
      },
    },
    {
      method: 'PUT',
      pattern: `${prefix}/commands`,
      auth: true,
      handle: (req, params) => {
        checkApp(params);
        const guildId = guildOf(params);
        const errs = validateCommandList(req.body);
        if (!errs.empty || !Array.isArray(req.body)) throw DiscordErrors.invalidFormBody(errs);
        return json(core.commands.overwrite(guildId, req.body.filter(isRecord)));
      },
    },
    {
      method: 'POST',
      pattern: `${prefix}/commands`,
      auth: true,
      handle: (req, params) => {
        checkApp(params);
        const guildId = guildOf(params);
        const errs = new FieldErrors();
        validateCommand(errs, req.body);
        if (!errs.empty || !isRecord(req.body)) throw DiscordErrors.invalidFormBody(errs);
        const { command, created } = core.commands.upsert(guildId, req.body);
        return json(command, created ? 201 : 200);
      },
    },
    {
      method: 'GET',
      pattern: `${prefix}/commands/:command`,
      auth: true,
      handle: (_req, params) => {
        checkApp(params);
        const command = core.commands.get(guildOf(params), param(params, 'command'));
        if (!command) throw DiscordErrors.unknownCommand();
        return json(command);
      },
    },
    {
      method: 'PATCH',
      pattern: `${prefix}/commands/:command`,
      auth: true,
      handle: (req, params) => {
        checkApp(params);
        const guildId = guildOf(params);
        const existing = core.commands.get(guildId, param(params, 'command'));
        if (!existing) throw DiscordErrors.unknownCommand();
        const merged = { ...structuredClone(existing), ...(isRecord(req.body) ? req.body : {}) };
        const errs = new FieldErrors();
        validateCommand(errs, merged);
        if (!errs.empty) throw DiscordErrors.invalidFormBody(errs);
        return json(core.commands.replace(guildId, existing.id, merged));
      },
    },
    {
      method: 'DELETE',
      pattern: `${prefix}/commands/:command`,
      auth: true,
      handle: (_req, params) => {
        checkApp(params);
        if (!core.commands.delete(guildOf(params), param(params, 'command')))
          throw DiscordErrors.unknownCommand();
        return { status: 204 };
      },
    },
  ];

  const webhookInteraction = (params: Params): Snowflake | null =>
    core.interactions.byToken(param(params, 'token'))?.id ?? null;

  return [
    {
      method: 'GET',
      pattern: '/gateway',
      auth: false,
      handle: () => json({ url: core.gatewayUrl() }),
    },
    {
      method: 'GET',
      pattern: '/gateway/bot',
      auth: true,
      handle: () =>
        json({
          url: core.gatewayUrl(),
          shards: core.recommendedShards,
          session_start_limit: {
            total: 1000,
            remaining: 999,
            reset_after: 86_400_000,
            max_concurrency: core.maxConcurrency,
          },
        }),
    },
    {
      method: 'GET',
      pattern: '/users/@me',
      auth: true,
      handle: () => json({ ...userPayload(core.world.bot), bot: true, verified: true, mfa_enabled: false }),
    },
    {
      method: 'GET',
      pattern: '/applications/@me',
      auth: true,
      handle: () => {
        const application: Partial<APIApplication> = {
          id: core.applicationId,
          name: core.world.bot.username,
          icon: null,
          description: 'Parley (emulated)',
          bot_public: false,
          bot_require_code_grant: false,
          bot: userPayload(core.world.bot),
          summary: '',
          verify_key: '0'.repeat(64),
          team: null,
          flags: 0 as ApplicationFlags,
          approximate_guild_count: core.world.guilds.length,
          interactions_endpoint_url: null,
          integration_types_config: { '0': {} },
        };
        return json(application);
      },
    },
    {
      method: 'POST',
      pattern: '/channels/:channel/messages',
      auth: true,
      handle: (req, params) => handleCreateChannelMessage(core, req, param(params, 'channel')),
    },
    {
      method: 'PATCH',
      pattern: '/channels/:channel/messages/:message',
      auth: true,
      handle: (req, params) =>
        handleEditChannelMessage(core, req, param(params, 'channel'), param(params, 'message')),
    },
    ...commandRoutes('/applications/:app'),
    ...commandRoutes('/applications/:app/guilds/:guild'),
    {
      method: 'POST',
      pattern: '/interactions/:id/:token/callback',
      auth: false,
      interactionOf: (params) => params.id ?? null,
      handle: (req, params) => handleCallback(core, req, param(params, 'id'), param(params, 'token')),
    },
    {
      method: 'POST',
      pattern: '/webhooks/:app/:token',
      auth: false,
      interactionOf: webhookInteraction,
      handle: (req, params) =>
        handleFollowUp(core, req, webhookRecord(core, param(params, 'app'), param(params, 'token'))),
    },
    {
      method: 'GET',
      pattern: '/webhooks/:app/:token/messages/:message',
      auth: false,
      interactionOf: webhookInteraction,
      handle: (_req, params) =>
        handleGetMessage(
          core,
          webhookRecord(core, param(params, 'app'), param(params, 'token')),
          param(params, 'message'),
        ),
    },
    {
      method: 'PATCH',
      pattern: '/webhooks/:app/:token/messages/:message',
      auth: false,
      interactionOf: webhookInteraction,
      handle: (req, params) =>
        handleEditMessage(
          core,
          req,
          webhookRecord(core, param(params, 'app'), param(params, 'token')),
          param(params, 'message'),
        ),
    },
    {
      method: 'DELETE',
      pattern: '/webhooks/:app/:token/messages/:message',
      auth: false,
      interactionOf: webhookInteraction,
      handle: (_req, params) =>
        handleDeleteMessage(
          core,
          webhookRecord(core, param(params, 'app'), param(params, 'token')),
          param(params, 'message'),
        ),
    },
  ];
}
