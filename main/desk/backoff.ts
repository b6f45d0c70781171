import {
  SIGN_IN_AGAIN_BASE_MS,
  SIGN_IN_AGAIN_JITTER,
  SIGN_IN_AGAIN_MAX_MS,
} from '../gateway/assumptions';

/** First reconnect delay (design.md §3 Liveness). */
export const BACKOFF_BASE_MS = 500;
/** Reconnect delays stop doubling here. */
export const BACKOFF_MAX_MS = 5_000;
/** ±20 % jitter so many desks behind one gateway do not retry in lockstep. */
export const BACKOFF_JITTER = 0.2;

/**
 * Delay before reconnect attempt `attempt` (0-based): 0.5 s doubling to 5 s, jittered
 * ±20 %. `random` returns [0, 1) like Math.random.
 */
export function backoffDelayMs(attempt: number, random: () => number): number {
  const exp = Math.min(Math.max(0, attempt), 16);
  const base = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** exp);
  const factor = 1 - BACKOFF_JITTER + 2 * BACKOFF_JITTER * random();
  return Math.round(base * factor);
}

/**
 * Delay before automatic sign-in attempt `attempt` (0-based, issue #11): 1 s doubling to
 * 30 s, jittered ±50 % so the desks behind one restarted gateway spread their sign-ins.
 */
export function signInAgainDelayMs(attempt: number, random: () => number): number {
  const exp = Math.min(Math.max(0, attempt), 16);
  const base = Math.min(SIGN_IN_AGAIN_MAX_MS, SIGN_IN_AGAIN_BASE_MS * 2 ** exp);
  const factor = 1 - SIGN_IN_AGAIN_JITTER + 2 * SIGN_IN_AGAIN_JITTER * random();
  return Math.round(base * factor);
}
