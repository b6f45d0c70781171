/** One figure measured by a benchmark; `npm run bench` prints and saves a list of these. */
export interface BenchEntry {
  /** Dotted name, e.g. `gateway.agentStatus.median`. */
  name: string;
  value: number;
  /** Unit in plain words: `ms`, `ratio`, `requests/min`, `ms CPU/min` … */
  unit: string;
}
