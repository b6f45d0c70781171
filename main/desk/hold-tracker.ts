import {
  POLL_HOLD_SAMPLES,
  POLL_OVERDUE_FACTOR,
  POLL_OVERDUE_MARGIN_MIN_MS,
} from '../gateway/assumptions';

/**
 * Learns the site's long-poll hold from what the gateway does (§4.1: a site setting, 10 s by
 * default): the longest of the last few empty replies, and of polls abandoned unanswered. From
 * it, when a poll counts as overdue (the rule is documented in assumptions.ts).
 */
export class HoldTracker {
  private samples: number[] = [];

  constructor(private readonly pollTimeoutMs: number) {}

  /** The learned hold, or null until an empty reply was seen. */
  get holdMs(): number | null {
    return this.samples.length === 0 ? null : Math.max(...this.samples);
  }

  /** An empty reply after `ms`: the gateway held the poll this long. */
  emptyReply(ms: number): void {
    this.add(ms);
  }

  /** A poll abandoned unanswered after `ms` while the gateway answered other requests. */
  waitedWithoutReply(ms: number): void {
    this.add(ms);
  }

  /**
   * How long after it was sent a poll is overdue, or null when no hold is known yet or the
   * poll timeout comes first (then only the timeout applies).
   */
  overdueAfterMs(): number | null {
    const hold = this.holdMs;
    if (hold === null) return null;
    const after = hold + Math.max(POLL_OVERDUE_MARGIN_MIN_MS, hold * POLL_OVERDUE_FACTOR);
    return after < this.pollTimeoutMs ? after : null;
  }

  private add(ms: number): void {
    this.samples.push(Math.max(0, ms));
    if (this.samples.length > POLL_HOLD_SAMPLES) this.samples.shift();
  }
}
