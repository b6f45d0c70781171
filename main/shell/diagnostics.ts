/**
 * "Export diagnostics": one folder a support engineer can read — redacted logs, redacted
 * settings, versions and the desk's event log. Pure apart from the injected file system, so
 * tests run it against temp folders and scan the output for secrets.
 */
import { join } from 'node:path';
import type { EventLogEntry, SettingsView } from '../ipc/contract';
import type { TrustDiagnostics } from '../settings/trust-diagnostics';
import { redact, redactString } from './redact';

/** The few file operations the export needs (node:fs satisfies it). */
export interface DiagnosticsFs {
  mkdirSync(path: string, options: { recursive: true }): unknown;
  readdirSync(path: string): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string): void;
  existsSync(path: string): boolean;
}

/** Versions written to versions.json. */
export interface DiagnosticsVersions {
  app: string;
  electron: string;
  chrome: string;
  node: string;
  os: string;
}

/** Inputs of {@link exportDiagnostics}. */
export interface ExportDiagnosticsInput {
  /** Folder with electron-log's files (`*.log`). */
  logDir: string;
  settings: SettingsView;
  versions: DiagnosticsVersions;
  /** The desk's event log ring (already redacted by the core; redacted again here). */
  eventLog: EventLogEntry[];
  /** What the desk trusts: CA stores, the site CA file, the pin (trust-diagnostics.ts). */
  trust: TrustDiagnostics;
  /** Where the export folder is created. */
  outDir: string;
  fs: DiagnosticsFs;
  /** Clock for the folder name; default Date.now. */
  now?: () => number;
}

/** `20261126-142305`: sortable, and valid in a file name on every OS (no colons). */
export function diagnosticsStamp(epochMs: number): string {
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
}

/**
 * Writes `agent-desk-diagnostics-<stamp>/` under `outDir` with:
 * `logs/<name>.log` (every log file, each line redacted again: a line written before the
 * hook was installed, or by an older version, must not leak), `settings.json` (values,
 * locks, where each value came from, policy problems, notice and the saved-password *flag*
 * only), `trust.json`, `versions.json` and `events.json`.
 * Throws on a file-system error; the caller turns it into a visible DeskError.
 */
export function exportDiagnostics(input: ExportDiagnosticsInput): { path: string } {
  const { fs } = input;
  const stamp = diagnosticsStamp((input.now ?? Date.now)());
  let folder = join(input.outDir, `agent-desk-diagnostics-${stamp}`);
  // Two exports within one second get distinct folders; an export never overwrites another.
  for (let n = 2; fs.existsSync(folder); n += 1) {
    folder = join(input.outDir, `agent-desk-diagnostics-${stamp}-${n}`);
  }
  const logsOut = join(folder, 'logs');
  fs.mkdirSync(logsOut, { recursive: true });

  const logFiles = fs.existsSync(input.logDir)
    ? fs.readdirSync(input.logDir).filter((name) => name.endsWith('.log'))
    : [];
  for (const name of logFiles) {
    const text = fs.readFileSync(join(input.logDir, name), 'utf8');
    fs.writeFileSync(join(logsOut, name), redactString(text));
  }

  const settings = {
    values: input.settings.values,
    locked: input.settings.locked,
    sources: input.settings.sources,
    policyProblems: input.settings.policyProblems,
    notice: input.settings.notice,
    hasSavedPassword: input.settings.hasSavedPassword,
    canSavePassword: input.settings.canSavePassword,
  };
  writeJson(fs, join(folder, 'settings.json'), redact(settings));
  writeJson(fs, join(folder, 'trust.json'), input.trust);
  writeJson(fs, join(folder, 'versions.json'), input.versions);
  writeJson(fs, join(folder, 'events.json'), redact(input.eventLog));
  writeJson(fs, join(folder, 'manifest.json'), {
    createdAt: new Date((input.now ?? Date.now)()).toISOString(),
    logs: logFiles.map((name) => `logs/${name}`),
    note: 'Guid values, cookies, passwords and DTMF digits are replaced by [redacted].',
  });
  return { path: folder };
}

function writeJson(fs: DiagnosticsFs, path: string, value: unknown): void {
  fs.writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}
