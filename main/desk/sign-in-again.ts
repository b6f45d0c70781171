import type { GatewayApi, GatewayFactory, GatewayObserver } from '../gateway/api';
import type { AfterCall, GatewayConnection, GatewayError } from '../gateway/types';
import type {
  DeskError,
  DeskResult,
  SessionLoss,
  SignInAgainEnd,
  SignInAgainView,
} from '../ipc/contract';
import type { Clock } from './clock';
import type { KeptCredentials } from './kept-credentials';
import type { DeskLogger } from './logger';
import type { NewSession } from './sign-in';
import {
  ALREADY_SIGNED_IN_RETCODE,
  NODE_DOWN_CODES,
  SIGN_IN_FINAL_RETCODES,
} from '../gateway/assumptions';
import { signInAgainDelayMs } from './backoff';
import { gatewayRole, signInAt } from './sign-in';
import { describeError, refused } from './summaries';

/** The session the desk lost, as it hands it over (issue #11). */
export interface LostSession {
  loss: SessionLoss;
  /** When it was lost (epoch ms); the attempts stop `autoSignInMinutes` after this. */
  since: number;
  /** Its client, still holding its Guid: probed, re-checked, then closed. */
  api: GatewayApi;
  /** Its gateway: 0 primary, 1 backup. */
  gateway: number;
  /** How many gateways were configured when it was made. */
  gateways: number;
  /** When its gateway last answered it (epoch ms). */
  lastAnsweredAt: number;
  /**
   * True when it can hold nothing any more: its gateway confirmed it signed out, or its node
   * refused connections (assumptions.ts NODE_DOWN_*). False when nothing answered: it may
   * live until the gateway's silence sign-out.
   */
  gone: boolean;
  /** The signed-out answer that ended it (re-checked if a sign-in finds the ID held). */
  refusal: { retcode: string; at: number } | null;
}

/** How signing in again ended, for the desk to act on. */
export type SignInAgainOutcome =
  | { kind: 'signed-in'; session: NewSession; attempts: number; loss: SessionLoss }
  /** The old session answered after all: carry on with it (nothing new at the gateway). */
  | { kind: 'resumed'; attempts: number }
  /**
   * `100-002`: another session holds the agent ID. Never forced by the desk: it asks, and
   * `retake()` may force with one click of the agent's until `until`.
   */
  | { kind: 'held-elsewhere'; until: number; loss: SessionLoss }
  /** The retake question was not answered in time: the kept password is to be wiped. */
  | { kind: 'question-expired' }
  | { kind: 'ended'; end: SignInAgainEnd; error: DeskError | null; loss: SessionLoss };

export interface SignInAgainDeps {
  clock: Clock;
  random: () => number;
  logger: DeskLogger;
  connections: () => Promise<DeskResult<GatewayConnection[]>>;
  factory: GatewayFactory;
  observer: GatewayObserver;
  afterCall: () => AfterCall;
  credentials: KeptCredentials;
  /** The window: attempts stop this long after the loss (`autoSignInMinutes`). */
  windowMs: number;
  /** The gateway's silence sign-out (§2.3 MAXTIME) plus its margin. */
  silenceMs: number;
  /** The §2.2 confirmation schedule (delays from the first signed-out answer). */
  confirmDelaysMs: readonly number[];
  onView: (view: SignInAgainView) => void;
  onLog: (name: string, summary: string, isError: boolean) => void;
  onOutcome: (outcome: SignInAgainOutcome) => void;
}

type Step =
  { kind: 'done'; outcome: SignInAgainOutcome } | { kind: 'failed'; error: DeskError } | null;

/**
 * Signs in again by itself after a lost session (issue #11 §1–§2), never forcing:
 *
 * - Attempts back off 1, 2, 4 … 30 s with jitter (the first one too) and stop after the
 *   window; Sign in now runs the next one at once, Stop ends it.
 * - While the old session may still live (nothing answered, its silence sign-out not yet
 *   due), every attempt goes to its gateway and first asks it (`agentstatus` with the old
 *   Guid): an answer means it lives, and the desk simply carries on with it. So a session is
 *   never held on two gateways at once: another gateway is tried only once the old session is
 *   gone — confirmed, its node down (connections refused), or its silence sign-out passed.
 * - Then primary and backup alternate, starting with the other one when the node went down.
 * - Each sign-in is a plain `login` with `status: 3` (busy: no work is routed before the
 *   agent's state is restored), then `resetskill/true`. `100-002` is never forced: if the old
 *   session's own gateway refused it moments ago, it is re-checked (the §2.2 schedule) in
 *   case that refusal was a glitch; otherwise the agent is asked. A refusal no retry can
 *   change (wrong, expired or locked password …) ends it, and so does `isForceChange`.
 */
export class SignInAgain {
  private attempts = 0;
  /** Sign-ins tried since the old session was gone (drives the alternation). */
  private tries = 0;
  private timer: unknown = null;
  private running: Promise<DeskResult<void>> | null = null;
  private inFlight: GatewayApi | null = null;
  private finished = false;
  private question = false;
  private lastError: DeskError | null = null;
  private nextAttemptAt: number | null = null;
  private loss: SessionLoss;
  private count: number;
  /** Where the last sign-in found the ID held (the retake goes there). */
  private heldAt = 0;
  private lastTarget = 0;
  readonly until: number;

  constructor(
    private readonly deps: SignInAgainDeps,
    private readonly old: LostSession,
  ) {
    this.loss = old.loss;
    this.count = Math.max(1, old.gateways);
    this.until = old.since + deps.windowMs;
  }

  /** Schedules the first attempt (after the first backoff step). */
  start(): void {
    this.deps.onLog(
      'sign-in-again',
      `session lost (${this.loss}): signing in again for up to ${Math.round(this.deps.windowMs / 60_000)} min`,
      false,
    );
    this.schedule();
  }

  /** Sign in now: the next attempt at once (or the one running). */
  now(): Promise<DeskResult<void>> {
    if (this.finished || this.question) return Promise.resolve(refused('not-signing-in-again'));
    if (this.running !== null) return this.running;
    this.clearTimer();
    return this.run();
  }

  /** The agent answered the retake question: sign in here, ending the other session. */
  async retake(): Promise<DeskResult<void>> {
    if (this.finished || !this.question) return refused('not-signing-in-again');
    if (this.running !== null) return this.running;
    const run = this.forceHere();
    this.running = run;
    return run.finally(() => {
      this.running = null;
    });
  }

  /** Stops everything (Stop, sign-out, dispose); a sign-in in flight is undone when it lands. */
  stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimer();
    this.inFlight?.close();
    this.closeOld();
  }

  private schedule(): void {
    const delay = signInAgainDelayMs(this.attempts, this.deps.random);
    const at = this.deps.clock.now() + delay;
    if (at > this.until) {
      this.finish({ kind: 'ended', end: 'gave-up', error: this.lastError, loss: this.loss });
      return;
    }
    this.nextAttemptAt = at;
    this.publish();
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null;
      void this.run();
    }, delay);
  }

  private run(): Promise<DeskResult<void>> {
    this.nextAttemptAt = null;
    const run = this.attempt().then(
      (step) => this.settle(step),
      (err: unknown) =>
        this.settle({ kind: 'failed', error: { kind: 'internal', detail: String(err) } }),
    );
    this.running = run;
    return run.finally(() => {
      this.running = null;
    });
  }

  private settle(step: Step): DeskResult<void> {
    if (step === null || this.finished) return refused('not-signing-in-again');
    if (step.kind === 'done') {
      const { outcome } = step;
      if (outcome.kind === 'held-elsewhere') this.ask();
      else this.finish(outcome);
      return outcome.kind === 'signed-in' || outcome.kind === 'resumed'
        ? { ok: true, value: undefined }
        : { ok: false, error: this.lastError ?? { kind: 'already-signed-in' } };
    }
    this.lastError = step.error;
    this.deps.onLog(
      'sign-in-again',
      `attempt ${this.attempts} on the ${gatewayRole(this.lastTarget)} gateway failed: ${describeError(step.error)}`,
      true,
    );
    this.schedule();
    return { ok: false, error: step.error };
  }

  /** One attempt: maybe probe the old session, then one plain sign-in on one gateway. */
  private async attempt(): Promise<Step> {
    this.attempts += 1;
    this.publish();
    const found = await this.deps
      .connections()
      .catch((err: unknown): DeskResult<GatewayConnection[]> => ({
        ok: false,
        error: { kind: 'internal', detail: `no gateway settings: ${String(err)}` },
      }));
    if (this.finished) return null;
    if (!found.ok) return { kind: 'failed', error: found.error };
    const connections = found.value;
    if (connections.length === 0) {
      return {
        kind: 'failed',
        error: { kind: 'internal', detail: 'no gateway address configured' },
      };
    }
    this.count = connections.length;
    const target = this.target();
    this.lastTarget = target;
    if (!this.old.gone && target === this.old.gateway) {
      const probed = await this.probeOld();
      if (this.finished) return null;
      if (probed !== null) return probed;
    }
    return this.signInOn(connections, target);
  }

  /** §2.2: does the old session still answer? null when it is gone (sign in now). */
  private async probeOld(): Promise<Step> {
    const r = await this.old.api.agentStatus();
    if (r.ok || r.error.kind === 'gateway') {
      return { kind: 'done', outcome: { kind: 'resumed', attempts: this.attempts } };
    }
    if (r.error.kind === 'signed-out') {
      this.old.gone = true;
      this.old.refusal = { retcode: r.error.retcode, at: this.deps.clock.now() };
      if (this.deps.clock.now() - this.old.lastAnsweredAt >= this.deps.silenceMs) {
        this.loss = 'timeout';
      }
      this.deps.onLog('sign-in-again', `the old session has ended (${r.error.retcode})`, false);
      return null;
    }
    if (r.error.kind === 'network' && NODE_DOWN_CODES.has(r.error.code)) {
      // Nothing listens there any more: the node, and the session, are gone.
      this.old.gone = true;
      this.loss = this.loss === 'unreachable' ? 'gateway-down' : this.loss;
    }
    return { kind: 'failed', error: r.error };
  }

  private async signInOn(connections: GatewayConnection[], target: number): Promise<Step> {
    const credentials = this.deps.credentials.take();
    if (credentials === null) {
      return {
        kind: 'done',
        outcome: {
          kind: 'ended',
          end: 'stopped',
          error: { kind: 'internal', detail: 'no password kept' },
          loss: this.loss,
        },
      };
    }
    const connection = connections[target] as GatewayConnection;
    const api = this.deps.factory(connection, credentials.agentId, this.deps.observer);
    this.inFlight = api;
    const r = await signInAt(
      api,
      { ...credentials, afterCall: this.deps.afterCall(), startAs: 'busy' },
      false,
      this.deps.logger,
    );
    this.inFlight = null;
    if (this.finished) {
      if (r.ok) await this.undo(api);
      return null;
    }
    if (r.ok) {
      if (r.value.isForceChange) {
        await this.undo(api);
        return this.ended('must-change-password', null);
      }
      const session: NewSession = {
        api,
        info: r.value,
        connection,
        gateway: target,
        gateways: connections.length,
      };
      return {
        kind: 'done',
        outcome: { kind: 'signed-in', session, attempts: this.attempts, loss: this.loss },
      };
    }
    const { error } = r.error;
    if (error.kind === 'gateway' && error.retcode === ALREADY_SIGNED_IN_RETCODE) {
      this.lastError = error;
      this.heldAt = target;
      this.deps.onLog(
        'sign-in-again',
        `the ${gatewayRole(target)} gateway says agent ${credentials.agentId} is signed in elsewhere (${error.retcode}): not forced`,
        true,
      );
      if (target === this.old.gateway && this.old.refusal !== null && (await this.oldAnswers())) {
        return { kind: 'done', outcome: { kind: 'resumed', attempts: this.attempts } };
      }
      if (this.finished) return null;
      return {
        kind: 'done',
        outcome: { kind: 'held-elsewhere', until: this.until, loss: this.loss },
      };
    }
    if (isFinal(error)) return this.ended('refused', error);
    return { kind: 'failed', error };
  }

  /**
   * The ID is held on the old session's gateway, which refused the old Guid moments ago: the
   * rest of the §2.2 schedule runs against the old session (updateGuid, then agentstatus) in
   * case that refusal was a passing glitch. True when it answered.
   */
  private async oldAnswers(): Promise<boolean> {
    const refusal = this.old.refusal;
    if (refusal === null) return false;
    for (const delay of this.deps.confirmDelaysMs.slice(1)) {
      const wait = refusal.at + delay - this.deps.clock.now();
      if (wait > 0) await this.sleep(wait);
      if (this.finished) return false;
      const renewed = await this.old.api.updateGuid();
      if (renewed.ok) return true;
      const status = await this.old.api.agentStatus();
      if (status.ok || (!status.ok && status.error.kind === 'gateway')) return true;
    }
    return false;
  }

  /** The question's answer: forcelogin where the ID was found held, with the kept password. */
  private async forceHere(): Promise<DeskResult<void>> {
    const credentials = this.deps.credentials.take();
    if (credentials === null) return refused('not-signing-in-again');
    const found = await this.deps.connections();
    if (!found.ok) return found;
    const connection = found.value[this.heldAt] ?? found.value[0];
    if (connection === undefined) {
      return { ok: false, error: { kind: 'internal', detail: 'no gateway address configured' } };
    }
    const gateway = found.value[this.heldAt] === undefined ? 0 : this.heldAt;
    const api = this.deps.factory(connection, credentials.agentId, this.deps.observer);
    this.inFlight = api;
    const r = await signInAt(
      api,
      { ...credentials, afterCall: this.deps.afterCall(), startAs: 'busy' },
      true,
      this.deps.logger,
    );
    this.inFlight = null;
    if (this.finished) {
      if (r.ok) await this.undo(api);
      return refused('not-signing-in-again');
    }
    if (!r.ok) {
      this.deps.onLog('sign-in-again', `sign in here: ${describeError(r.error.error)}`, true);
      return { ok: false, error: r.error.error };
    }
    if (r.value.isForceChange) {
      await this.undo(api);
      this.finish({ kind: 'ended', end: 'must-change-password', error: null, loss: this.loss });
      return { ok: true, value: undefined };
    }
    const session: NewSession = {
      api,
      info: r.value,
      connection,
      gateway,
      gateways: found.value.length,
    };
    this.finish({ kind: 'signed-in', session, attempts: this.attempts, loss: this.loss });
    return { ok: true, value: undefined };
  }

  /**
   * Which gateway this attempt goes to. The old session's while it may live (never two at
   * once); once gone — or past its silence sign-out — primary and backup alternate.
   */
  private target(): number {
    const n = this.count;
    const oldGateway = Math.min(this.old.gateway, n - 1);
    if (!this.old.gone && this.deps.clock.now() >= this.old.lastAnsweredAt + this.deps.silenceMs) {
      this.old.gone = true;
      this.deps.onLog(
        'sign-in-again',
        'the old session has passed the gateway’s silence sign-out (§2.3)',
        false,
      );
    }
    if (!this.old.gone || n === 1) return oldGateway;
    const first = this.loss === 'gateway-down' ? (oldGateway + 1) % n : oldGateway;
    const target = (first + this.tries) % n;
    this.tries += 1;
    return target;
  }

  /** Where the next attempt would go, without moving the alternation. */
  private peekTarget(): number {
    const n = this.count;
    const oldGateway = Math.min(this.old.gateway, n - 1);
    const gone =
      this.old.gone || this.deps.clock.now() >= this.old.lastAnsweredAt + this.deps.silenceMs;
    if (!gone || n === 1) return oldGateway;
    const first = this.loss === 'gateway-down' ? (oldGateway + 1) % n : oldGateway;
    return (first + this.tries) % n;
  }

  private ask(): void {
    this.question = true;
    this.clearTimer();
    this.closeOld();
    this.deps.onOutcome({ kind: 'held-elsewhere', until: this.until, loss: this.loss });
    const left = this.until - this.deps.clock.now();
    this.timer = this.deps.clock.setTimeout(
      () => {
        this.timer = null;
        if (this.finished) return;
        this.finished = true;
        this.deps.onOutcome({ kind: 'question-expired' });
      },
      Math.max(0, left),
    );
  }

  private ended(end: SignInAgainEnd, error: GatewayError | null): Step {
    return { kind: 'done', outcome: { kind: 'ended', end, error, loss: this.loss } };
  }

  private finish(outcome: SignInAgainOutcome): void {
    if (this.finished) return;
    this.finished = true;
    this.clearTimer();
    if (outcome.kind !== 'resumed') this.closeOld();
    this.deps.onOutcome(outcome);
  }

  private publish(): void {
    if (this.finished) return;
    const now = this.deps.clock.now();
    const mayLive =
      !this.old.gone && now < this.old.lastAnsweredAt + this.deps.silenceMs
        ? this.old.lastAnsweredAt + this.deps.silenceMs
        : null;
    this.deps.onView({
      loss: this.loss,
      since: this.old.since,
      attempt: this.attempts,
      attempting: this.nextAttemptAt === null,
      nextAttemptAt: this.nextAttemptAt,
      until: this.until,
      gateway: gatewayRole(this.peekTarget()),
      oldSessionEndsBy: mayLive,
      lastError: this.lastError,
    });
  }

  /** A session made after Stop (or one that must not stay) is signed out at once. */
  private async undo(api: GatewayApi): Promise<void> {
    const out = await api.logout();
    if (!out.ok) {
      this.deps.logger.warn('desk.sign-in-again.undo-failed', { error: describeError(out.error) });
    }
    api.close();
  }

  private closeOld(): void {
    this.old.api.close();
  }

  private clearTimer(): void {
    if (this.timer !== null) this.deps.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.deps.clock.setTimeout(resolve, ms);
    });
  }
}

/** A sign-in refusal no retry can change (assumptions.ts SIGN_IN_FINAL_RETCODES). */
export function isFinal(error: DeskError): boolean {
  if (error.kind === 'invalid-request') return true;
  return error.kind === 'gateway' && SIGN_IN_FINAL_RETCODES.has(error.retcode);
}
