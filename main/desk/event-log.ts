import type { EventLogCategory, EventLogEntry } from '../ipc/contract';

/** Entries kept for the log panel and diagnostics (design.md §3: memory flat all shift). */
export const EVENT_LOG_CAPACITY = 500;
/** Entries carried in each snapshot. */
export const SNAPSHOT_LOG_ENTRIES = 50;
const MAX_SUMMARY_CHARS = 300;

/**
 * A bounded ring of redacted entries. Callers pass summaries that are already redacted
 * (no Guid, password or DTMF digits); the ring only bounds and orders them.
 */
export class EventLog {
  private readonly ring: EventLogEntry[] = [];
  private next = 0;
  private seq = 0;

  constructor(private readonly capacity = EVENT_LOG_CAPACITY) {}

  /** Total entries ever added (the ring keeps the newest `capacity`). */
  get total(): number {
    return this.seq;
  }

  add(at: number, category: EventLogCategory, name: string, summary: string): void {
    this.seq += 1;
    const entry: EventLogEntry = {
      seq: this.seq,
      at,
      category,
      name,
      summary: summary.length > MAX_SUMMARY_CHARS ? summary.slice(0, MAX_SUMMARY_CHARS) : summary,
    };
    if (this.ring.length < this.capacity) this.ring.push(entry);
    else this.ring[this.next] = entry;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The newest `count` entries, oldest first. */
  latest(count: number): EventLogEntry[] {
    const n = Math.min(count, this.ring.length);
    const out: EventLogEntry[] = [];
    // The newest entry sits just before `next`; walk back n slots (runs on every publish).
    for (let i = n; i >= 1; i -= 1) {
      const entry = this.ring[(this.next - i + this.capacity) % this.capacity];
      if (entry !== undefined) out.push({ ...entry });
    }
    return out;
  }

  /** The whole ring, oldest first (copies). */
  entries(): EventLogEntry[] {
    const ordered =
      this.ring.length < this.capacity
        ? this.ring
        : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
    return ordered.map((e) => ({ ...e }));
  }
}

/** DTMF digits never reach a log: each becomes a bullet (design.md §4, STYLE.md §5). */
export function maskDigits(digits: string): string {
  return '•'.repeat(digits.length);
}
