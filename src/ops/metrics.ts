/**
 * Prometheus metrics (prom-client), on their own registry. Loaded only when METRICS_PORT is set,
 * so a bot without metrics never pays for prom-client.
 */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { InteractionOutcome } from '../discord/router.js';

export class Metrics {
  readonly registry = new Registry();
  readonly interactions = new Counter({
    name: 'parley_interactions_total',
    help: 'Interactions answered, by command and outcome (ok, user_error, store_error, discord_error, error, restarting).',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly latency = new Histogram({
    name: 'parley_interaction_duration_seconds',
    help: 'From receiving an interaction to its answer, by command.',
    labelNames: ['command'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly storeErrors = new Counter({
    name: 'parley_store_errors_total',
    help: 'Interactions that failed because the comment store was unavailable or too slow.',
    registers: [this.registry],
  });
  readonly reconnects = new Counter({
    name: 'parley_gateway_reconnects_total',
    help: 'Gateway reconnects (discord.js resumes or re-identifies on its own).',
    registers: [this.registry],
  });
  readonly commentsAdded = new Counter({
    name: 'parley_comments_added_total',
    help: 'Comments and replies stored.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'parley_' });
  }

  readonly observeInteraction = (event: InteractionOutcome): void => {
    this.interactions.inc({ command: event.command, outcome: event.outcome });
    if (event.outcome !== 'restarting') this.latency.observe({ command: event.command }, event.seconds);
    if (event.outcome === 'store_error') this.storeErrors.inc();
  };

  /** The text exposition format, and its content type. */
  async render(): Promise<{ body: string; contentType: string }> {
    return { body: await this.registry.metrics(), contentType: this.registry.contentType };
  }
}
