/**
 * One ticking "now" for every timer on screen (time in state, talk time, countdowns), so
 * the page runs a single interval however many timers are visible.
 */
export interface ClockOptions {
  now?: () => number;
  tickMs?: number;
}

export class ClockState {
  #read: () => number;
  #now = $state(0);
  #timer: ReturnType<typeof setInterval> | null;

  constructor(options: ClockOptions = {}) {
    this.#read = options.now ?? Date.now;
    this.#now = this.#read();
    this.#timer = setInterval(() => this.tick(), options.tickMs ?? 500);
  }

  /** Epoch ms, updated on every tick. */
  get now(): number {
    return this.#now;
  }

  /** Reads the time source now (the interval calls this; tests may too). */
  tick(): void {
    this.#now = this.#read();
  }

  dispose(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }
}
