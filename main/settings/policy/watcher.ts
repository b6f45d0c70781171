/**
 * Re-reads the organisation's policies while the app runs (issue #12 §2): every few minutes,
 * and when the window gains focus (at most once per `minGapMs`, so switching windows does
 * not spawn reg.exe each time). Reads never overlap; a changed policy applies at once.
 * Logs which settings a policy sets and what it holds that cannot be used — names only,
 * never values.
 */
import type { DeskLogger } from '../../desk/logger';
import type { PolicyProblem } from '../../ipc/contract';
import type { PolicySnapshot } from './types';

export interface PolicyWatcherOptions {
  /** Reads the policies (system.ts `readPolicy`); must not throw, but a throw is logged. */
  read: () => Promise<PolicySnapshot>;
  /** Applies a snapshot (SettingsService `applyPolicy`); answers whether anything changed. */
  apply: (policy: PolicySnapshot) => boolean;
  logger: DeskLogger;
  /** Time between periodic reads. Default 3 minutes. */
  intervalMs?: number;
  /** Least time between two reads asked for by `nudge`. Default 10 s. */
  minGapMs?: number;
  now?: () => number;
}

/** Default re-read period: short enough for an IT change to reach agents within a break. */
export const policyIntervalMs = 3 * 60_000;

function summary(policy: PolicySnapshot): Record<string, unknown> {
  return {
    mandatory: Object.keys(policy.mandatory.values),
    recommended: Object.keys(policy.recommended.values),
    problems: policy.problems.length,
  };
}

export class PolicyWatcher {
  readonly #opts: PolicyWatcherOptions;
  readonly #now: () => number;
  #timer: ReturnType<typeof setInterval> | null = null;
  #inFlight: Promise<void> | null = null;
  #lastReadAt = Number.NEGATIVE_INFINITY;
  #loggedProblems = '[]';
  #stopped = false;

  constructor(opts: PolicyWatcherOptions) {
    this.#opts = opts;
    this.#now = opts.now ?? Date.now;
  }

  /** Logs the policy read at start and begins the periodic reads. */
  start(initial: PolicySnapshot): void {
    this.#lastReadAt = this.#now();
    this.#opts.logger.info('settings:policy-read', summary(initial));
    this.#logProblems(initial.problems);
    this.#timer = setInterval(() => {
      void this.refresh();
    }, this.#opts.intervalMs ?? policyIntervalMs);
    // A pending re-read must not keep the process alive at quit.
    this.#timer.unref?.();
  }

  /** The window gained focus: re-read unless a read happened moments ago. */
  nudge(): void {
    if (this.#now() - this.#lastReadAt < (this.#opts.minGapMs ?? 10_000)) return;
    void this.refresh();
  }

  /** Reads and applies now; joins a read already in flight. Never rejects. */
  refresh(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#inFlight ??= this.#readAndApply().finally(() => {
      this.#inFlight = null;
    });
    return this.#inFlight;
  }

  stop(): void {
    this.#stopped = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #readAndApply(): Promise<void> {
    const { logger } = this.#opts;
    this.#lastReadAt = this.#now();
    try {
      const policy = await this.#opts.read();
      if (this.#stopped) return;
      if (this.#opts.apply(policy)) logger.info('settings:policy-changed', summary(policy));
      this.#logProblems(policy.problems);
    } catch (error) {
      // The policy in effect stays; the next read tries again.
      logger.error('settings:policy-read-failed', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** Each distinct set of problems is logged once, not at every read. */
  #logProblems(problems: readonly PolicyProblem[]): void {
    const text = JSON.stringify(problems);
    if (text === this.#loggedProblems) return;
    this.#loggedProblems = text;
    if (problems.length > 0) this.#opts.logger.warn('settings:policy-problems', { problems });
    else this.#opts.logger.info('settings:policy-problems-cleared');
  }
}

/** What `watchPolicy` needs of the settings service. */
export interface PolicyTarget {
  applyPolicy(policy: PolicySnapshot): boolean;
}

/**
 * Starts re-reading the host's policies into `settings`; the shell calls `nudge` when the
 * window gains focus and `stop` at quit.
 */
export function watchPolicy(
  settings: PolicyTarget,
  initial: PolicySnapshot,
  read: () => Promise<PolicySnapshot>,
  logger: DeskLogger,
): PolicyWatcher {
  const watcher = new PolicyWatcher({
    read,
    apply: (policy) => settings.applyPolicy(policy),
    logger,
  });
  watcher.start(initial);
  return watcher;
}
