/**
 * The end-to-end harness, shared by the Playwright suite, the browser demo
 * (scripts/demo-browser.ts) and the renderer benchmark: the static renderer server, the
 * `window.desk` bridge to the real desk core, and a factory for a real AgentDesk pointed at
 * a simulator over HTTPS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { createAgentDesk } from '../../main/compose';
import type { AgentDesk, AgentDeskDeps } from '../../main/compose';
import type { DeskLogger } from '../../main/desk/logger';
import type { DeskSettings } from '../../main/ipc/contract';
import type { ShellLogging } from '../../main/shell/log-pipeline';
import type { PolicySnapshot } from '../../main/settings/policy/types';
import { MemorySettingsBackend, SettingsService } from '../../main/settings/service';

export { assertRendererBuilt, rendererDir, repoRoot, serveRenderer } from './static-server';
export type { RendererServer } from './static-server';
export { connectDesk } from './desk-bridge';
export type { BridgeRecord, DeskBridge, DeskBridgeOptions } from './desk-bridge';

/** Writes a CA PEM to a fresh temp file (settings take a PATH: DeskSettings.caFile). */
export function writeCaFile(caPem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'agent-desk-ca-'));
  const file = join(dir, 'ca.pem');
  writeFileSync(file, caPem);
  return file;
}

/** Removes a file written by `writeCaFile` with its temp folder (nothing else). */
export function removeCaFile(file: string): void {
  const dir = dirname(file);
  if (!basename(dir).startsWith('agent-desk-ca-')) {
    throw new Error(`${file} was not written by writeCaFile`);
  }
  rmSync(dir, { recursive: true, force: true });
}

/** A DeskLogger writing one line per entry (main-side log, attached to failed tests). */
export function lineLogger(write: (line: string) => void): DeskLogger {
  const line =
    (level: string) =>
    (event: string, data?: Record<string, unknown>): void => {
      const detail = data === undefined ? '' : ` ${JSON.stringify(data)}`;
      write(`${new Date().toISOString()} ${level} ${event}${detail}`);
    };
  return { info: line('info'), warn: line('warn'), error: line('error') };
}

export interface TestDeskOptions {
  /** The simulator (or any gateway) to point at. */
  gateway: { url: string; caPem: string };
  /** An existing CA file for `gateway.caPem`; written to a temp file when absent. */
  caFile?: string;
  /** Settings on top of the gateway ones (e.g. language, countdown). */
  settings?: Partial<DeskSettings>;
  /** The organisation's policies, as the readers in main/settings/policy/ delivered them. */
  policy?: PolicySnapshot;
  /** Receives the main-side log lines as plain text (the demo, benchmarks). */
  log?: (line: string) => void;
  /**
   * The shell's log pipeline instead (main/shell/log-pipeline.ts, as the e2e suite uses it
   * via desk-log.ts): the desk's events and one line per gateway call. Not with `log`.
   */
  logging?: Pick<ShellLogging, 'logger' | 'onGatewayCall'>;
  /**
   * Stands in for the Electron window's `setAlwaysOnTop` (no window exists here); absent,
   * the desk answers `not-available` as the browser demo does.
   */
  applyStayOnTop?: AgentDeskDeps['applyStayOnTop'];
}

function onTop(options: TestDeskOptions): Pick<AgentDeskDeps, 'applyStayOnTop'> {
  return options.applyStayOnTop === undefined ? {} : { applyStayOnTop: options.applyStayOnTop };
}

/**
 * A real AgentDesk (main/compose.ts) with in-memory settings pointing at `gateway`.
 * The browser has no OS notifications or diagnostics folder, so those stay at the
 * composition root's defaults (refused not-available), as in the browser demo.
 */
export function createTestDesk(options: TestDeskOptions): AgentDesk {
  const settings = new SettingsService({
    backend: new MemorySettingsBackend(),
    ...(options.policy === undefined ? {} : { policy: options.policy }),
  });
  const applied = settings.update({
    gatewayUrl: options.gateway.url,
    caFile: options.caFile ?? writeCaFile(options.gateway.caPem),
    pollGapMs: 50,
    ...options.settings,
  });
  if (!applied.ok) {
    throw new Error(`test settings refused: ${JSON.stringify(applied.error)}`);
  }
  if (options.logging !== undefined) {
    if (options.log !== undefined) throw new Error('createTestDesk: pass `log` or `logging`');
    const { logger, onGatewayCall } = options.logging;
    return createAgentDesk({ settings, logger, onGatewayCall, ...onTop(options) });
  }
  const write = options.log ?? (() => undefined);
  return createAgentDesk({ settings, logger: lineLogger(write), ...onTop(options) });
}
