import type { GatewayApi } from '../gateway/api';
import type { GatewayError, GatewayEvent } from '../gateway/types';
import type { Clock } from './clock';
import { backoffDelayMs } from './backoff';

/** Health the loop reports while running (`lost` and `offline` are the desk's to set). */
export type LoopHealth = 'live' | 'degraded' | 'reconnecting';

/** Why the loop stopped by itself. */
export type LoopEnd =
  | { kind: 'kicked'; retcode: string; error: GatewayError }
  | { kind: 'lost'; detail: string; error: GatewayError | null };

/** What the loop tells its owner. */
export interface PollLoopHooks {
  onEvent(ev: GatewayEvent): void;
  /** Health changed or a new attempt was scheduled. */
  onHealth(health: LoopHealth, error: GatewayError | null, nextAttemptAt: number | null): void;
  onSuccess(at: number): void;
  /** A poll succeeded after degraded/reconnecting: the screen must be re-synced (§3 design). */
  onReconnected(): void;
  /** The loop stopped itself; it never stops without saying why. */
  onEnd(end: LoopEnd): void;
}

export interface PollLoopOptions {
  api: GatewayApi;
  clock: Clock;
  random: () => number;
  pollGapMs: () => number;
  lostAfterMs: number;
  hooks: PollLoopHooks;
}

/**
 * The event loop (design.md §3, gateway-protocol.md §4.1): exactly one poll in flight;
 * re-poll at once after an event, after `pollGapMs` following an empty reply. Transport
 * errors: the first → degraded and a retry after the gap; then reconnecting with backoff
 * 0.5 s doubling to 5 s (±20 %). No success for `lostAfterMs` (the gateway signs a silent
 * agent out after 120 s, §2.3) or a signed-out answer (100-006 / 000-003) ends the loop.
 */
export class PollLoop {
  private running = false;
  private polling = false;
  private retryTimer: unknown = null;
  private watchdog: unknown = null;
  private failures = 0;
  private lastError: GatewayError | null = null;

  constructor(private readonly opts: PollLoopOptions) {}

  /** Starts (or restarts) polling; the liveness window starts now. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.armWatchdog();
    if (!this.polling && this.retryTimer === null) this.poll();
  }

  /** Stops polling and every timer. A poll in flight is left to finish and ignored. */
  stop(): void {
    this.running = false;
    this.clearRetry();
    if (this.watchdog !== null) this.opts.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** Polls now instead of waiting for a scheduled retry (used on resume from sleep). */
  kick(): void {
    if (!this.running || this.polling) return;
    this.clearRetry();
    this.poll();
  }

  private poll(): void {
    this.polling = true;
    this.opts.api.pollEvent().then(
      (r) => {
        this.polling = false;
        if (!this.running) return;
        if (r.ok) this.succeeded(r.value);
        else this.failed(r.error);
      },
      (err: unknown) => {
        this.polling = false;
        // GatewayApi never throws; if it does, treat it as a transport failure (visible).
        if (this.running)
          this.failed({ kind: 'bad-response', detail: `poll threw: ${String(err)}` });
      },
    );
  }

  private succeeded(ev: GatewayEvent | null): void {
    const now = this.opts.clock.now();
    const recovered = this.failures > 0;
    this.failures = 0;
    this.lastError = null;
    this.armWatchdog();
    this.opts.hooks.onSuccess(now);
    if (recovered) {
      this.opts.hooks.onHealth('live', null, null);
      this.opts.hooks.onReconnected();
    }
    if (ev !== null) this.opts.hooks.onEvent(ev);
    if (!this.running) return;
    if (ev !== null) this.poll();
    else this.schedule(this.opts.pollGapMs());
  }

  private failed(error: GatewayError): void {
    if (error.kind === 'signed-out') {
      this.stop();
      this.opts.hooks.onEnd({ kind: 'kicked', retcode: error.retcode, error });
      return;
    }
    this.failures += 1;
    this.lastError = error;
    if (this.failures === 1) {
      this.opts.hooks.onHealth('degraded', error, null);
      this.schedule(this.opts.pollGapMs());
      return;
    }
    const delay = backoffDelayMs(this.failures - 2, this.opts.random);
    this.opts.hooks.onHealth('reconnecting', error, this.opts.clock.now() + delay);
    this.schedule(delay);
  }

  private schedule(ms: number): void {
    this.clearRetry();
    this.retryTimer = this.opts.clock.setTimeout(() => {
      this.retryTimer = null;
      if (this.running && !this.polling) this.poll();
    }, ms);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.opts.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private armWatchdog(): void {
    if (this.watchdog !== null) this.opts.clock.clearTimeout(this.watchdog);
    this.watchdog = this.opts.clock.setTimeout(() => {
      this.watchdog = null;
      if (!this.running) return;
      this.stop();
      const seconds = Math.round(this.opts.lostAfterMs / 1000);
      this.opts.hooks.onEnd({
        kind: 'lost',
        detail: `no answer from the gateway for ${seconds} s`,
        error: this.lastError,
      });
    }, this.opts.lostAfterMs);
  }
}
