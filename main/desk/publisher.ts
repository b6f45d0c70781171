import type { Clock } from './clock';

/**
 * Coalesces change notifications into at most one publish per `intervalMs` (design.md §2:
 * one push per animation frame). A change always ends in a publish (trailing edge): a
 * change during the quiet period schedules one for the end of it.
 */
export class CoalescingPublisher {
  private timer: unknown = null;
  private lastPublishAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: Clock,
    private readonly intervalMs: number,
    private readonly publish: () => void,
  ) {}

  /** Notes a change; the publish runs later (never synchronously inside the caller). */
  markChanged(): void {
    if (this.timer !== null) return;
    const wait = Math.max(0, this.lastPublishAt + this.intervalMs - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.fire(), wait);
  }

  /** Cancels a pending publish (dispose). */
  cancel(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.timer = null;
    this.lastPublishAt = this.clock.now();
    this.publish();
  }
}
