import type { GatewayApi } from '../gateway/api';
import type { GatewayError } from '../gateway/types';
import type { HealthCause } from '../ipc/contract';
import type { Clock } from './clock';
import {
  SIGNED_OUT_CONFIRM_DEADLINE_MS,
  SIGNED_OUT_CONFIRM_DELAYS_MS,
} from '../gateway/assumptions';

type SignedOut = Extract<GatewayError, { kind: 'signed-out' }>;

/** What one attempt found, and what the loop does next. */
export type CheckStep =
  | { kind: 'alive' } // the session answered: carry on
  | { kind: 'again'; inMs: number } // refused or unreachable: try again then
  | {
      kind: 'ended'; // refused every time: the session has ended
      retcode: string;
      error: SignedOut;
      confirmed: { attempts: number; seconds: number };
    }
  // could not reach the gateway at the last attempt: nothing confirmed (the caller clears)
  | { kind: 'unknown'; error: GatewayError };

/**
 * Confirms a signed-out answer (`100-006` / `000-003`) before the desk believes it
 * (gateway-protocol §2.2, §2.3): one such answer may be a rotated Guid whose `Set-GUID` was
 * lost. Each attempt is `updateGuid` (a Guid the gateway still knows comes back renewed),
 * then `agentstatus` with the Guid held. Attempts run at fixed delays from the first answer,
 * within a deadline (assumptions.ts); the session has ended only when they are refused.
 */
export class SessionCheck {
  private state: { startedAt: number; error: SignedOut; attempt: number } | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly delaysMs: readonly number[] = SIGNED_OUT_CONFIRM_DELAYS_MS,
    private readonly deadlineMs: number = SIGNED_OUT_CONFIRM_DEADLINE_MS,
  ) {}

  get active(): boolean {
    return this.state !== null;
  }

  /** The signed-out answer being checked. */
  get error(): SignedOut | null {
    return this.state?.error ?? null;
  }

  /** What health shows while checking. */
  get cause(): HealthCause | null {
    const s = this.state;
    if (s === null) return null;
    return {
      kind: 'checking-session',
      retcode: s.error.retcode,
      attempt: Math.max(1, s.attempt),
      attempts: this.delaysMs.length,
    };
  }

  /** A signed-out answer arrived; a check already running goes on as it is. */
  begin(error: SignedOut): void {
    this.state ??= { startedAt: this.clock.now(), error, attempt: 0 };
  }

  /** Stops checking (the session answered); returns what was checked, for the log. */
  clear(): { retcode: string; attempts: number } | null {
    const s = this.state;
    this.state = null;
    return s === null ? null : { retcode: s.error.retcode, attempts: s.attempt };
  }

  /** Counts the attempt about to run (health shows it before the answer). */
  startAttempt(): void {
    if (this.state !== null) this.state.attempt += 1;
  }

  /** Runs the attempt counted by `startAttempt` and says what comes next. */
  async attempt(api: GatewayApi): Promise<CheckStep> {
    const outcome = await this.ask(api);
    const s = this.state;
    if (s === null || outcome.kind === 'alive') return { kind: 'alive' };
    if (outcome.kind === 'refused') s.error = outcome.error;
    const elapsed = this.clock.now() - s.startedAt;
    const next = this.delaysMs[s.attempt];
    if (next !== undefined && next < this.deadlineMs && elapsed < this.deadlineMs) {
      return { kind: 'again', inMs: Math.max(0, next - elapsed) };
    }
    if (outcome.kind === 'unreachable') return { kind: 'unknown', error: outcome.error };
    return {
      kind: 'ended',
      retcode: s.error.retcode,
      error: s.error,
      confirmed: { attempts: s.attempt, seconds: Math.round(elapsed / 1000) },
    };
  }

  private async ask(
    api: GatewayApi,
  ): Promise<
    | { kind: 'alive' }
    | { kind: 'refused'; error: SignedOut }
    | { kind: 'unreachable'; error: GatewayError }
  > {
    const renewed = await api.updateGuid();
    if (renewed.ok) return { kind: 'alive' };
    const status = await api.agentStatus();
    if (status.ok) return { kind: 'alive' };
    if (status.error.kind === 'signed-out') return { kind: 'refused', error: status.error };
    // A business answer is an answer with a Guid the gateway accepted.
    if (status.error.kind === 'gateway') return { kind: 'alive' };
    return { kind: 'unreachable', error: status.error };
  }
}
