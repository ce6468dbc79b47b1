import { z } from 'zod';
import { createSeededRandom, type SeededRandom } from './seeded-random';

/**
 * Runtime-configurable, deterministic fault injection shared by the provider sandboxes.
 *
 * A fault is either an error status (the provider renders its own error body for the name, e.g.
 * Google's `403-rateLimitExceeded`), a `timeout` (the request is held without an answer, then the
 * socket is destroyed) or a `reset` (the socket is destroyed at once). A fault on a write can be
 * injected *after* the write was applied: the server changed state but the client sees a failure,
 * which is exactly how duplicates appear in production.
 */

export const connectionFaults = ['timeout', 'reset'] as const;
export type ConnectionFault = (typeof connectionFaults)[number];

export interface FaultDecision<N extends string> {
  name: N | ConnectionFault;
  /** Apply the write first, then answer with the fault. Always false for reads. */
  afterApply: boolean;
  retryAfterSeconds: number;
  holdMs: number;
}

export interface ScriptedFault<N extends string> {
  name: N | ConnectionFault;
  /** Applies the write before failing (default false). */
  afterApply?: boolean;
  /** Only requests whose route name starts with this prefix consume the fault. */
  route?: string;
  retryAfterSeconds?: number;
  holdMs?: number;
}

export interface FaultConfig<N extends string> {
  /** Seed of the PRNG that draws faults and latencies (default 1). */
  seed?: number;
  /** Probability per eligible request of each fault; their sum should not exceed 1. */
  rates?: Partial<Record<N | ConnectionFault, number>>;
  /** `Retry-After` seconds sent with throttling faults (default 1). */
  retryAfterSeconds?: number;
  /** Added to every eligible request: fixed ms or a uniform range. */
  latencyMs?: number | { min: number; max: number };
  /** How long a `timeout` fault holds the request before destroying the socket (default 30 s). */
  timeoutHoldMs?: number;
  /** Probability that a write hit by a random fault is applied before the fault (default 0). */
  applyBeforeFault?: number;
  /** Route-name prefixes eligible for random faults and latency (default: the provider's choice). */
  routes?: string[];
}

export interface FaultStats {
  injected: Record<string, number>;
  appliedBeforeFault: number;
}

const latencySchema = z.union([
  z.number().min(0),
  z.object({ min: z.number().min(0), max: z.number().min(0) }).refine((r) => r.max >= r.min, 'max must be >= min'),
]);

/** zod schema for a fault configuration arriving over HTTP (control routes). */
export function faultConfigSchema(names: readonly string[]) {
  const allNames = [...connectionFaults, ...names] as [string, ...string[]];
  return z
    .object({
      seed: z.number().int().optional(),
      rates: z.partialRecord(z.enum(allNames), z.number().min(0).max(1)).optional(),
      retryAfterSeconds: z.number().int().min(0).optional(),
      latencyMs: latencySchema.optional(),
      timeoutHoldMs: z.number().int().min(0).optional(),
      applyBeforeFault: z.number().min(0).max(1).optional(),
      routes: z.array(z.string()).optional(),
    })
    .strict();
}

export function scriptedFaultSchema(names: readonly string[]) {
  const allNames = [...connectionFaults, ...names] as [string, ...string[]];
  return z
    .object({
      name: z.enum(allNames),
      afterApply: z.boolean().optional(),
      route: z.string().optional(),
      retryAfterSeconds: z.number().int().min(0).optional(),
      holdMs: z.number().int().min(0).optional(),
    })
    .strict();
}

const DEFAULT_HOLD_MS = 30_000;

export class FaultInjector<N extends string> {
  private config: FaultConfig<N> = {};
  private random: SeededRandom = createSeededRandom(1);
  private scripted: ScriptedFault<N>[] = [];
  private stats: FaultStats = { injected: {}, appliedBeforeFault: 0 };

  constructor(private readonly defaultRoutes: string[]) {}

  /** Replaces the random-fault configuration (and reseeds the PRNG). */
  configure(config: FaultConfig<N>): void {
    this.config = { ...config };
    this.random = createSeededRandom(config.seed ?? 1);
  }

  current(): FaultConfig<N> {
    return { ...this.config };
  }

  /** Queues faults consumed, in order, by the next matching requests (before random faults). */
  enqueue(...faults: ScriptedFault<N>[]): void {
    this.scripted.push(...faults);
  }

  pending(): ScriptedFault<N>[] {
    return [...this.scripted];
  }

  clear(): void {
    this.configure({});
    this.scripted = [];
    this.stats = { injected: {}, appliedBeforeFault: 0 };
  }

  report(): FaultStats {
    return { injected: { ...this.stats.injected }, appliedBeforeFault: this.stats.appliedBeforeFault };
  }

  private eligible(routeName: string): boolean {
    const prefixes = this.config.routes ?? this.defaultRoutes;
    return prefixes.some((p) => routeName.startsWith(p));
  }

  /** Added latency for this request (0 when none is configured or the route is not eligible). */
  latencyFor(routeName: string): number {
    const latency = this.config.latencyMs;
    if (latency === undefined || !this.eligible(routeName)) return 0;
    if (typeof latency === 'number') return latency;
    return latency.min + this.random.next() * (latency.max - latency.min);
  }

  decide(routeName: string, isWrite: boolean): FaultDecision<N> | undefined {
    const scriptedIndex = this.scripted.findIndex((f) => (f.route ? routeName.startsWith(f.route) : this.eligible(routeName)));
    if (scriptedIndex >= 0) {
      const [fault] = this.scripted.splice(scriptedIndex, 1);
      return this.record({
        name: fault.name,
        afterApply: isWrite && (fault.afterApply ?? false),
        retryAfterSeconds: fault.retryAfterSeconds ?? this.config.retryAfterSeconds ?? 1,
        holdMs: fault.holdMs ?? this.config.timeoutHoldMs ?? DEFAULT_HOLD_MS,
      });
    }
    const rates = this.config.rates;
    if (!rates || !this.eligible(routeName)) return undefined;
    const draw = this.random.next();
    let cumulative = 0;
    for (const [name, rate] of Object.entries(rates) as [N | ConnectionFault, number][]) {
      cumulative += rate;
      if (draw < cumulative) {
        const afterApply = isWrite && this.random.next() < (this.config.applyBeforeFault ?? 0);
        return this.record({
          name,
          afterApply,
          retryAfterSeconds: this.config.retryAfterSeconds ?? 1,
          holdMs: this.config.timeoutHoldMs ?? DEFAULT_HOLD_MS,
        });
      }
    }
    return undefined;
  }

  private record(decision: FaultDecision<N>): FaultDecision<N> {
    this.stats.injected[decision.name] = (this.stats.injected[decision.name] ?? 0) + 1;
    if (decision.afterApply) this.stats.appliedBeforeFault++;
    return decision;
  }
}
