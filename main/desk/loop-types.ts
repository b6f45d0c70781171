/**
 * The types the event loop and its owner share (poll-loop.ts, desk.ts), and how the loop
 * derives health from its state.
 */
import type { GatewayApi } from '../gateway/api';
import type { GatewayError, GatewayEvent } from '../gateway/types';
import type { HealthCause } from '../ipc/contract';
import type { Clock } from './clock';

/** Health the loop reports while running (`lost` and `offline` are the desk's to set). */
export type LoopHealth = 'live' | 'degraded' | 'reconnecting';

/** What the loop tells its owner about the link, whenever any part of it changes. */
export interface LoopStatus {
  health: LoopHealth;
  error: GatewayError | null;
  cause: HealthCause | null;
  /** When the next attempt runs (reconnecting only). */
  nextAttemptAt: number | null;
}

/** Why the loop stopped by itself. */
export type LoopEnd =
  | {
      kind: 'kicked';
      retcode: string;
      error: GatewayError;
      /** How the desk confirmed it (§2.2); null when the gateway said so outright. */
      confirmed: { attempts: number; seconds: number } | null;
    }
  | { kind: 'lost'; detail: string; error: GatewayError | null }
  /**
   * The gateway refused connections `NODE_DOWN_REFUSALS` times in a row: nothing listens
   * there, its sessions are gone (assumptions.ts). Only when the owner asked for it.
   */
  | { kind: 'node-down'; error: GatewayError };

/** Things worth a line in the event log and the app log, though health may not change. */
export type LoopNotice =
  /** Idle polls kept timing out while `agentstatus` answered: the setting is too short. */
  | { kind: 'poll-timeout-short'; pollTimeoutMs: number; timedOutForMs: number }
  | { kind: 'poll-overdue'; waitedMs: number; usualHoldMs: number }
  /** An overdue poll was abandoned and a new one sent: the gateway answered other requests. */
  | { kind: 'poll-restarted'; waitedMs: number }
  /** `updateGuid` answered after a reply that may have carried the Guid was lost (§2.2). */
  | { kind: 'guid-recovered' }
  /** The site refuses `updateGuid`: not asked again this session. */
  | { kind: 'update-guid-refused'; retcode: string }
  /** A signed-out answer was not confirmed: the session is alive (§2.2). */
  | { kind: 'session-confirmed'; retcode: string; attempts: number };

/** What the loop tells its owner. */
export interface PollLoopHooks {
  onEvent(ev: GatewayEvent): void;
  onStatus(status: LoopStatus): void;
  /** The gateway answered something (a poll, a probe, any request the owner reports). */
  onSuccess(at: number): void;
  /** Health is live again after it was not: the screen must be re-synced (design §3). */
  onReconnected(): void;
  onNotice(notice: LoopNotice): void;
  /** The loop stopped itself; it never stops without saying why. */
  onEnd(end: LoopEnd): void;
}

export interface PollLoopOptions {
  api: GatewayApi;
  clock: Clock;
  random: () => number;
  pollGapMs: () => number;
  lostAfterMs: number;
  /** The session's poll timeout: a poll is never called overdue later than this. */
  pollTimeoutMs: number;
  /** Delays from the first signed-out answer of each confirmation attempt (§2.2). */
  confirmDelaysMs?: readonly number[];
  confirmDeadlineMs?: number;
  /** End the loop (`node-down`) when the gateway refuses connections (issue #11 §2). */
  endWhenNodeDown?: boolean;
  hooks: PollLoopHooks;
}

/** What health derives from (see `deriveStatus`). */
export interface HealthInputs {
  /** Consecutive transport failures of the loop's own requests. */
  failures: number;
  lastError: GatewayError | null;
  nextAttemptAt: number | null;
  overdue: { since: number; usualHoldMs: number } | null;
  /** A signed-out answer being confirmed (§2.2). */
  checking: { cause: HealthCause | null; error: GatewayError | null } | null;
}

/**
 * Health from the loop's state: one failure is degraded, more are reconnecting; an overdue
 * poll or a session being checked is degraded with that cause; otherwise live.
 */
export function deriveStatus(i: HealthInputs): LoopStatus {
  let health: LoopHealth = 'live';
  let cause: HealthCause | null = null;
  if (i.overdue !== null) {
    health = 'degraded';
    cause = { kind: 'poll-overdue', ...i.overdue };
  }
  if (i.checking !== null) {
    health = 'degraded';
    cause = i.checking.cause;
  }
  if (i.failures === 1) health = 'degraded';
  if (i.failures > 1) health = 'reconnecting';
  return {
    health,
    error: i.failures > 0 ? i.lastError : (i.checking?.error ?? null),
    cause,
    nextAttemptAt: health === 'reconnecting' ? i.nextAttemptAt : null,
  };
}

/** True when two statuses would look the same to the agent. */
export function sameStatus(a: LoopStatus, b: LoopStatus): boolean {
  return (
    a.health === b.health &&
    a.error === b.error &&
    JSON.stringify(a.cause) === JSON.stringify(b.cause) &&
    a.nextAttemptAt === b.nextAttemptAt
  );
}
