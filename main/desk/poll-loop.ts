import type { GatewayError, GatewayEvent } from '../gateway/types';
import { fromEnvelope } from '../gateway/errors';
import { backoffDelayMs } from './backoff';
import {
  deriveStatus,
  sameStatus,
  type LoopEnd,
  type LoopStatus,
  type PollLoopOptions,
} from './loop-types';
import {
  LOST_REPLY_ERROR_KINDS,
  NODE_DOWN_CODES,
  NODE_DOWN_REFUSALS,
  POLL_TIMEOUT_PROBE_AFTER_MS,
} from '../gateway/assumptions';
import { HoldTracker } from './hold-tracker';
import { SessionCheck } from './session-check';

export type { LoopEnd, LoopHealth, LoopNotice, LoopStatus, PollLoopHooks } from './loop-types';

type Step = 'poll' | 'update-guid' | 'probe' | 'confirm';

/**
 * The event loop (design.md §3, gateway-protocol.md §2.2, §4.1): exactly one poll in flight;
 * re-poll at once after an event, after `pollGapMs` following an empty reply.
 *
 * - An idle poll whose timeout fires (phase `request`) is an empty reply, not a failure. Its
 *   reply may have carried a rotated Guid, so `updateGuid` runs before the next poll (as after
 *   any transport failure of a poll). When such timeouts go on for over a minute, `agentstatus`
 *   tells a long site hold (it answers: a warning names the setting) from a bad link.
 * - A poll unanswered well past the learned hold is overdue (`HoldTracker`): health degraded
 *   with that cause and `agentstatus` probes. When the gateway answers, the poll is abandoned
 *   and a new one sent; when it does not, health follows the probe's failures.
 * - Transport errors: the first → degraded and a retry after the gap; then reconnecting with
 *   backoff 0.5 s doubling to 5 s (±20 %). Health is live again as soon as the gateway answers
 *   anything — the owner reports answers to other requests through `gatewayAnswered()`.
 * - `100-006` / `000-003` are confirmed before the session is called ended: `updateGuid`, then
 *   `agentstatus`, a few times within a deadline (assumptions.ts).
 * - Nothing answered for `lostAfterMs` (the gateway signs a silent agent out after 120 s,
 *   §2.3) ends the loop as lost.
 * - With `endWhenNodeDown`, connections refused `NODE_DOWN_REFUSALS` times in a row end it as
 *   `node-down`: the owner signs in again, on the other gateway first (issue #11 §2).
 */
export class PollLoop {
  private running = false;
  /** The loop's own request in flight, if any (never two). */
  private busy: Step | null = null;
  private stepTimer: unknown = null;
  private watchdog: unknown = null;
  private failures = 0;
  /** Consecutive refused connections (NODE_DOWN_*), reset by any answer or other error. */
  private refusals = 0;
  private lastError: GatewayError | null = null;
  private nextAttemptAt: number | null = null;
  /** A poll reply may have been lost: recover the Guid before polling on (§2.2). */
  private guidSuspect = false;
  private updateGuidRefused = false;
  private readonly holds: HoldTracker;
  /** Start of the current run of idle poll timeouts. */
  private timeoutRunSince: number | null = null;
  private timeoutWarned = false;
  private probeDue = false;
  private pollStartedAt = 0;
  private pollAbort: AbortController | null = null;
  private abandoned = false;
  private overdueTimer: unknown = null;
  private overdue: { since: number; usualHoldMs: number } | null = null;
  private overdueProbe: { timer: unknown; inFlight: boolean } | null = null;
  private readonly check: SessionCheck;
  private lastStatus: LoopStatus = {
    health: 'live',
    error: null,
    cause: null,
    nextAttemptAt: null,
  };

  constructor(private readonly opts: PollLoopOptions) {
    this.holds = new HoldTracker(opts.pollTimeoutMs);
    this.check = new SessionCheck(opts.clock, opts.confirmDelaysMs, opts.confirmDeadlineMs);
  }

  /** The hold learned from empty replies, or null before one was seen. */
  get learnedHoldMs(): number | null {
    return this.holds.holdMs;
  }

  /** Starts (or restarts) polling; the liveness window starts now. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.armWatchdog();
    this.step();
  }

  /** Stops polling and every timer. A request in flight is left to finish and ignored. */
  stop(): void {
    this.running = false;
    this.clearStep();
    this.clearOverdue();
    if (this.watchdog !== null) this.opts.clock.clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /**
   * Acts now instead of waiting (resume from sleep): a scheduled retry runs at once; a poll in
   * flight is checked with a probe, and abandoned when the gateway answers it (after a sleep,
   * its connection is most likely dead).
   */
  kick(): void {
    if (!this.running) return;
    if (this.busy === 'poll') {
      this.probeOverduePoll('resume');
      return;
    }
    if (this.busy === null) {
      this.clearStep();
      this.step();
    }
  }

  /**
   * The owner saw the gateway answer a request (an envelope, not a transport failure);
   * `signedOutRetcode` when it was 100-006 / 000-003. Any other answer proves the link — and,
   * made with the current Guid, the session — so health recovers at once and a waiting retry
   * runs now. A signed-out answer starts the confirmation (§2.2) at once.
   */
  gatewayAnswered(signedOutRetcode: string | null): void {
    if (!this.running) return;
    if (signedOutRetcode !== null) {
      const error = fromEnvelope(signedOutRetcode, '');
      if (error.kind !== 'signed-out' || this.check.active) return;
      this.beginConfirm(error);
      if (this.busy === 'poll') this.abandonPoll(false);
      else if (this.busy === null) {
        this.clearStep();
        this.step();
      }
      return;
    }
    if (this.check.active && this.busy !== 'confirm') {
      this.sessionAlive();
      return;
    }
    this.answered();
    if (this.busy === null && this.stepTimer !== null) {
      this.clearStep();
      this.step();
    }
  }

  /* ───────────── the serial steps: confirm, probe, recover the Guid, poll ───────────── */

  private step(): void {
    if (!this.running || this.busy !== null) return;
    if (this.check.active) this.confirmAttempt();
    else if (this.probeDue) this.probeAfterTimeouts();
    else if (this.guidSuspect && !this.updateGuidRefused) this.recoverGuid();
    else this.poll();
  }

  private poll(): void {
    this.busy = 'poll';
    this.pollStartedAt = this.opts.clock.now();
    this.abandoned = false;
    const abort = new AbortController();
    this.pollAbort = abort;
    this.armOverdue();
    this.opts.api.pollEvents(abort.signal).then(
      (r) => {
        this.busy = null;
        this.pollAbort = null;
        this.clearOverdue();
        if (!this.running) return;
        if (this.abandoned) {
          // We let it go (overdue): its reply, whatever it was, counts as lost (§2.2).
          this.guidSuspect = true;
          this.step();
        } else if (r.ok) this.pollAnswered(r.value);
        else this.pollFailed(r.error);
      },
      (err: unknown) => {
        this.busy = null;
        this.pollAbort = null;
        this.clearOverdue();
        // GatewayApi never throws; if it does, treat it as a transport failure (visible).
        if (this.running)
          this.failed({ kind: 'bad-response', detail: `poll threw: ${String(err)}` });
      },
    );
  }

  private pollAnswered(events: GatewayEvent[]): void {
    const now = this.opts.clock.now();
    if (events.length === 0) this.holds.emptyReply(now - this.pollStartedAt);
    this.timeoutRunSince = null;
    this.timeoutWarned = false;
    this.answered();
    for (const ev of events) {
      this.opts.hooks.onEvent(ev);
      if (!this.running) return;
    }
    if (events.length > 0) this.step();
    else this.scheduleStep(this.opts.pollGapMs());
  }

  private pollFailed(error: GatewayError): void {
    if (error.kind === 'timeout' && error.phase === 'request') {
      // §4.1: the client timeout fired on an idle poll — an empty reply, not a failure. Its
      // reply may have carried the only Set-GUID of a rotation (§2.2).
      const now = this.opts.clock.now();
      this.guidSuspect = true;
      this.timeoutRunSince ??= this.pollStartedAt;
      if (now - this.timeoutRunSince > POLL_TIMEOUT_PROBE_AFTER_MS) this.probeDue = true;
      this.step();
      return;
    }
    if (error.kind === 'signed-out') {
      this.beginConfirm(error);
      this.step();
      return;
    }
    this.failed(error);
  }

  /** §4.1: timeouts for over a minute — is it a long site hold or a bad link? */
  private probeAfterTimeouts(): void {
    this.busy = 'probe';
    this.probeDue = false;
    this.settle('probe', this.opts.api.agentStatus(), (r) => {
      this.busy = null;
      if (!this.running) return;
      if (r.ok || r.error.kind === 'gateway') {
        this.answered();
        if (!this.timeoutWarned) {
          this.timeoutWarned = true;
          const since = this.timeoutRunSince ?? this.opts.clock.now();
          this.opts.hooks.onNotice({
            kind: 'poll-timeout-short',
            pollTimeoutMs: this.opts.pollTimeoutMs,
            timedOutForMs: this.opts.clock.now() - since,
          });
        }
        this.step();
      } else if (r.error.kind === 'signed-out') {
        this.beginConfirm(r.error);
        this.step();
      } else this.failed(r.error);
    });
  }

  /** §2.2: a reply that may have carried a rotated Guid was lost — ask for the Guid. */
  private recoverGuid(): void {
    this.busy = 'update-guid';
    this.settle('update-guid', this.opts.api.updateGuid(), (r) => {
      this.busy = null;
      if (!this.running) return;
      if (r.ok) {
        this.guidSuspect = false;
        this.answered();
        this.opts.hooks.onNotice({ kind: 'guid-recovered' });
        this.step();
      } else if (r.error.kind === 'signed-out') {
        this.beginConfirm(r.error);
        this.step();
      } else if (r.error.kind === 'gateway') {
        // The site refuses updateGuid: do not ask again; polling shows whether the Guid holds.
        this.guidSuspect = false;
        this.updateGuidRefused = true;
        this.answered();
        this.opts.hooks.onNotice({ kind: 'update-guid-refused', retcode: r.error.retcode });
        this.step();
      } else this.failed(r.error);
    });
  }

  /* ───────────── confirming a signed-out answer (§2.2) ───────────── */

  private beginConfirm(error: Extract<GatewayError, { kind: 'signed-out' }>): void {
    this.check.begin(error);
    this.report();
  }

  private confirmAttempt(): void {
    this.busy = 'confirm';
    this.check.startAttempt();
    this.report();
    this.settle('confirm', this.check.attempt(this.opts.api), (next) => {
      this.busy = null;
      if (!this.running || !this.check.active) return;
      switch (next.kind) {
        case 'alive':
          this.sessionAlive();
          break;
        case 'again':
          this.scheduleStep(next.inMs);
          break;
        case 'ended':
          this.end({
            kind: 'kicked',
            retcode: next.retcode,
            error: next.error,
            confirmed: next.confirmed,
          });
          break;
        case 'unknown':
          // Nothing confirmed either way: reconnect; the liveness window decides.
          this.check.clear();
          this.failed(next.error);
          break;
      }
    });
  }

  private sessionAlive(): void {
    const checked = this.check.clear();
    this.guidSuspect = false;
    if (checked !== null) this.opts.hooks.onNotice({ kind: 'session-confirmed', ...checked });
    this.answered();
    this.clearStep();
    this.step();
  }

  /* ───────────── an overdue poll (§4.1, assumptions: POLL_OVERDUE_*) ───────────── */

  private armOverdue(): void {
    this.clearOverdue();
    const after = this.holds.overdueAfterMs();
    if (after === null) return;
    this.overdueTimer = this.opts.clock.setTimeout(() => {
      this.overdueTimer = null;
      if (!this.running || this.busy !== 'poll') return;
      const usualHoldMs = this.holds.holdMs ?? 0;
      this.overdue = { since: this.pollStartedAt, usualHoldMs };
      this.opts.hooks.onNotice({
        kind: 'poll-overdue',
        waitedMs: this.opts.clock.now() - this.pollStartedAt,
        usualHoldMs,
      });
      this.report();
      this.probeOverduePoll('overdue');
    }, after);
  }

  /**
   * Asks `agentstatus` whether the gateway answers while the poll does not (`overdue`), or
   * whether the poll sent before a sleep can still be trusted (`resume`).
   */
  private probeOverduePoll(why: 'overdue' | 'resume'): void {
    if (this.overdueProbe?.inFlight === true) return;
    if (this.overdueProbe !== null) this.opts.clock.clearTimeout(this.overdueProbe.timer);
    const probe = { timer: null as unknown, inFlight: true };
    this.overdueProbe = probe;
    this.settle(null, this.opts.api.agentStatus(), (r) => {
      probe.inFlight = false;
      if (!this.running || this.overdueProbe !== probe || this.busy !== 'poll') return;
      if (r.ok || r.error.kind === 'gateway') {
        // The gateway answers, the poll does not: its connection is presumed dead.
        this.answered();
        this.abandonPoll(why === 'overdue');
      } else if (r.error.kind === 'signed-out') {
        this.beginConfirm(r.error);
        this.abandonPoll(false);
      } else {
        if (this.nodeDown(r.error)) return;
        this.failures += 1;
        this.lastError = r.error;
        const delay = backoffDelayMs(this.failures - 1, this.opts.random);
        this.nextAttemptAt = this.opts.clock.now() + delay;
        this.report();
        probe.timer = this.opts.clock.setTimeout(() => {
          if (this.overdueProbe === probe) this.overdueProbe = null;
          if (this.running && this.busy === 'poll') this.probeOverduePoll(why);
        }, delay);
      }
    });
  }

  /**
   * Lets the poll in flight go (its reply counts as lost) so the next step runs now:
   * `unanswered` when the gateway answered other requests while this one hung.
   */
  private abandonPoll(unanswered: boolean): void {
    const waitedMs = this.opts.clock.now() - this.pollStartedAt;
    if (unanswered) {
      // The site may have lengthened its hold: learn from the time waited.
      this.holds.waitedWithoutReply(waitedMs);
      this.opts.hooks.onNotice({ kind: 'poll-restarted', waitedMs });
    }
    this.abandoned = true;
    this.overdue = null;
    this.report();
    this.pollAbort?.abort();
  }

  private clearOverdue(): void {
    if (this.overdueTimer !== null) this.opts.clock.clearTimeout(this.overdueTimer);
    this.overdueTimer = null;
    if (this.overdueProbe !== null) this.opts.clock.clearTimeout(this.overdueProbe.timer);
    this.overdueProbe = null;
    if (this.overdue !== null) {
      this.overdue = null;
      this.report();
    }
  }

  /* ───────────── health ───────────── */

  /** The gateway answered: the link works; the liveness window restarts. */
  private answered(): void {
    this.armWatchdog();
    this.failures = 0;
    this.refusals = 0;
    this.lastError = null;
    this.nextAttemptAt = null;
    this.opts.hooks.onSuccess(this.opts.clock.now());
    this.report();
  }

  /** Counts a refused connection; true when the loop ended as `node-down`. */
  private nodeDown(error: GatewayError): boolean {
    const refused = error.kind === 'network' && NODE_DOWN_CODES.has(error.code);
    this.refusals = refused ? this.refusals + 1 : 0;
    if (this.opts.endWhenNodeDown !== true || this.refusals < NODE_DOWN_REFUSALS) return false;
    this.end({ kind: 'node-down', error });
    return true;
  }

  private failed(error: GatewayError): void {
    if (this.nodeDown(error)) return;
    this.failures += 1;
    this.lastError = error;
    if (LOST_REPLY_ERROR_KINDS.has(error.kind)) this.guidSuspect = true;
    if (this.failures === 1) {
      this.nextAttemptAt = null;
      this.report();
      this.scheduleStep(this.opts.pollGapMs());
      return;
    }
    const delay = backoffDelayMs(this.failures - 2, this.opts.random);
    this.nextAttemptAt = this.opts.clock.now() + delay;
    this.report();
    this.scheduleStep(delay);
  }

  /** Derives health from the state and tells the owner when anything of it changed. */
  private report(): void {
    if (!this.running) return;
    const status = deriveStatus({
      failures: this.failures,
      lastError: this.lastError,
      nextAttemptAt: this.nextAttemptAt,
      overdue: this.overdue,
      checking: this.check.active ? { cause: this.check.cause, error: this.check.error } : null,
    });
    const last = this.lastStatus;
    if (sameStatus(last, status)) return;
    this.lastStatus = status;
    this.opts.hooks.onStatus(status);
    if (last.health !== 'live' && status.health === 'live') this.opts.hooks.onReconnected();
  }

  /**
   * Runs `then` with the answer of a loop request. GatewayApi never throws; if a request or
   * its handling does, the step it held is freed and the failure counts as a transport error
   * (visible), never an unhandled rejection.
   */
  private settle<T>(step: Step | null, request: Promise<T>, then: (value: T) => void): void {
    request.then(then).catch((err: unknown) => {
      if (step !== null && this.busy === step) this.busy = null;
      if (this.running) this.failed({ kind: 'bad-response', detail: `loop threw: ${String(err)}` });
    });
  }

  /* ───────────── timers ───────────── */

  private scheduleStep(ms: number): void {
    this.clearStep();
    this.stepTimer = this.opts.clock.setTimeout(() => {
      this.stepTimer = null;
      this.step();
    }, ms);
  }

  private clearStep(): void {
    if (this.stepTimer !== null) this.opts.clock.clearTimeout(this.stepTimer);
    this.stepTimer = null;
  }

  private armWatchdog(): void {
    if (this.watchdog !== null) this.opts.clock.clearTimeout(this.watchdog);
    this.watchdog = this.opts.clock.setTimeout(() => {
      this.watchdog = null;
      if (!this.running) return;
      const seconds = Math.round(this.opts.lostAfterMs / 1000);
      this.end({
        kind: 'lost',
        detail: `no answer from the gateway for ${seconds} s`,
        error: this.lastError,
      });
    }, this.opts.lostAfterMs);
  }

  private end(end: LoopEnd): void {
    this.stop();
    this.pollAbort?.abort();
    this.opts.hooks.onEnd(end);
  }
}
