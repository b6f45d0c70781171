/**
 * How a policy source is read, as data: a file, a command, or a property list. The readers
 * (system.ts) run probes synchronously once before Electron's `ready` (hardware
 * acceleration must be decided then) and asynchronously for every later re-read; what a
 * probe found is interpreted by pure functions, so the same code serves both and the tests.
 */
import type { PolicyReading } from './types';

export type Probe =
  /** A UTF-8 text file. */
  | { kind: 'file'; path: string }
  /** A program's output (UTF-8). `verbatimArgs`: Windows command line passed as written. */
  | { kind: 'command'; file: string; args: string[]; verbatimArgs?: boolean }
  /** A property list: XML as is, a binary one converted to XML by `plutil` (macOS). */
  | { kind: 'plist'; path: string };

export type ProbeResult =
  /** The file does not exist: no policy from this source. */
  | { kind: 'missing' }
  | { kind: 'text'; text: string }
  | { kind: 'exited'; code: number; stdout: string; stderr: string }
  /** Could not be read or run (permissions, timeout, too large …), in plain words. */
  | { kind: 'failed'; detail: string };

/** One policy source: what to read, and how to understand it. */
export interface PolicySource {
  /** Shown to administrators (the registry key, profile or file). */
  origin: string;
  probe: Probe;
  interpret(result: ProbeResult): PolicyReading[];
}

/** A source's whole content could not be used: one problem, no values. */
export function unreadable(origin: string, detail: string): PolicyReading[] {
  return [{ origin, level: 'mandatory', entries: [], problems: [{ origin, key: null, detail }] }];
}

/** Bigger than this is not a policy file (a mistake, or an attempt to stall the app). */
export const maxPolicyBytes = 1024 * 1024;

/** Text that came through a decoder as U+FFFD was not UTF-8. */
export function hasReplacementCharacters(text: string): boolean {
  return text.includes('\uFFFD');
}
