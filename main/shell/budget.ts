/**
 * Time budgets for work that must not hold up a quit or an ending OS session (pure; the
 * timer is injected so tests drive it).
 */

/** Cancels a timer made by a {@link SetTimer}. */
export type CancelTimer = () => void;

/** Runs `fn` once after `ms`; returns its cancel function. */
export type SetTimer = (fn: () => void, ms: number) => CancelTimer;

/** The real timers. */
export const realTimer: SetTimer = (fn, ms) => {
  const handle = setTimeout(fn, ms);
  return () => clearTimeout(handle);
};

/** The work's own outcome, or `timed-out` when the budget ran out first. */
export type Budgeted<T> = { kind: 'done'; value: T } | { kind: 'timed-out' };

/**
 * Races `work` against `budgetMs`. The work is not cancelled when the budget runs out (a
 * request already sent cannot be unsent); its later outcome is simply no longer awaited.
 * A rejection of `work` rejects the result, as it would without a budget.
 */
export function withinBudget<T>(
  work: Promise<T>,
  budgetMs: number,
  setTimer: SetTimer = realTimer,
): Promise<Budgeted<T>> {
  return new Promise<Budgeted<T>>((resolve, reject) => {
    const cancel = setTimer(() => resolve({ kind: 'timed-out' }), budgetMs);
    work.then(
      (value) => {
        cancel();
        resolve({ kind: 'done', value });
      },
      (error: unknown) => {
        cancel();
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
