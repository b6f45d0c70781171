/**
 * The `exportDiagnostics` command's host side (Electron only): gathers versions, settings
 * and the event log, writes the folder (diagnostics.ts) to the Desktop and shows it.
 */
import { app, shell } from 'electron';
import * as fs from 'node:fs';
import { arch, release, type } from 'node:os';
import type { DeskLogger } from '../desk/logger';
import type { DeskResult, DiagnosticsExported, EventLogEntry, SettingsView } from '../ipc/contract';
import { trustDiagnostics } from '../settings/trust-diagnostics';
import { exportDiagnostics } from './diagnostics';

/** Builds the host function handed to createAgentDesk. */
export function createDiagnosticsExporter(opts: {
  logDir: string;
  settings(): SettingsView;
  eventLog(): EventLogEntry[];
  logger: DeskLogger;
}): () => Promise<DeskResult<DiagnosticsExported>> {
  return async () => {
    try {
      const settings = opts.settings();
      const result = exportDiagnostics({
        logDir: opts.logDir,
        settings,
        eventLog: opts.eventLog(),
        trust: await trustDiagnostics(settings.values),
        versions: {
          app: app.getVersion(),
          electron: process.versions.electron ?? 'unknown',
          chrome: process.versions.chrome ?? 'unknown',
          node: process.versions.node,
          os: `${type()} ${release()} ${arch()}`,
        },
        // The Desktop: where an agent finds the folder to attach to a support ticket.
        outDir: app.getPath('desktop'),
        fs,
      });
      opts.logger.info('shell:diagnostics-exported', { path: result.path });
      shell.showItemInFolder(result.path);
      return { ok: true, value: result };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      opts.logger.error('shell:diagnostics-failed', { detail });
      return {
        ok: false,
        error: { kind: 'internal', detail: `diagnostics not written: ${detail}` },
      };
    }
  };
}
