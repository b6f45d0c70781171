/** Merging and filtering the event log (pure: the panel and the tests share it). */
import type { EventLogCategory, EventLogEntry } from '../../main/ipc/contract';

/** The panel never renders more than this many rows (the ring in main holds ~500). */
export const logLimit = 500;

/** The whole ring (if fetched) plus newer pushed entries, newest first, deduplicated by seq. */
export function mergeLog(full: EventLogEntry[] | null, latest: EventLogEntry[]): EventLogEntry[] {
  const bySeq = new Map<number, EventLogEntry>();
  for (const entry of full ?? []) bySeq.set(entry.seq, entry);
  for (const entry of latest) bySeq.set(entry.seq, entry);
  return [...bySeq.values()].sort((a, b) => b.seq - a.seq).slice(0, logLimit);
}

export function filterLog(
  entries: EventLogEntry[],
  text: string,
  category: EventLogCategory | 'all',
): EventLogEntry[] {
  const needle = text.trim().toLowerCase();
  return entries.filter(
    (entry) =>
      (category === 'all' || entry.category === category) &&
      (needle === '' ||
        entry.name.toLowerCase().includes(needle) ||
        entry.summary.toLowerCase().includes(needle)),
  );
}
