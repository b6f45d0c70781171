/**
 * The composition root shared by the Electron shell (main/index.ts) and the e2e tests: one
 * desk core, its settings and the command handlers. No Electron here; what only the shell
 * can do (OS notifications, diagnostics folder) comes in as optional dependencies.
 */
import { readFile as readFileAsync } from 'node:fs/promises';
import { Desk } from './desk/desk';
import type { DeskLogger } from './desk/logger';
import { nullLogger } from './desk/logger';
import type { GatewayFactory } from './gateway/api';
import { checkGateway } from './gateway/check';
import { createGatewaySession } from './gateway/session';
import type { CaStore, GatewayCallRecord, GatewayConnection } from './gateway/types';
import type { DeskResult } from './ipc/contract';
import type { CommandHandlers, DeskHost } from './ipc/handlers';
import { createCommandHandlers } from './ipc/handlers';
import { connectionForTest, connectionsFromSettings, settingsProblem } from './settings/connection';
import type { SettingsService } from './settings/service';
import { refused } from './desk/summaries';

/** What the host provides; everything optional has a working default. */
export interface AgentDeskDeps {
  settings: SettingsService;
  /** Default: refused not-available (the browser has no OS notifications). */
  notifyAgent?: DeskHost['notifyAgent'];
  /** Default: refused not-available (the browser has no diagnostics folder). */
  exportDiagnostics?: DeskHost['exportDiagnostics'];
  /** Keeps the window on top (Electron `setAlwaysOnTop`). Default: refused not-available. */
  applyStayOnTop?: DeskHost['applyStayOnTop'];
  /** Default: the real HTTPS client, `createGatewaySession`. */
  gatewayFactory?: GatewayFactory;
  logger?: DeskLogger;
  onGatewayCall?: (r: GatewayCallRecord) => void;
  /** Reads the CA file (default: fs, UTF-8). */
  readFile?: (path: string) => Promise<string>;
  /** The CA lists trusted besides the site CA (default: this runtime's; tests inject). */
  caStore?: CaStore;
}

/** The assembled desk. */
export interface AgentDesk {
  desk: Desk;
  settings: SettingsService;
  handlers: CommandHandlers;
  /** Stops the desk (loop, timers, session); idempotent. */
  dispose(): Promise<void>;
}

const notAvailable = async (): Promise<DeskResult<never>> => refused('not-available');

/**
 * Builds the desk. Connections (with the poll timeout), the poll gap, the countdown and the
 * after-call choice are read from the settings each time they are needed, so a change in the
 * settings dialog applies without a restart (connections and after-call at the next sign-in).
 */
export function createAgentDesk(deps: AgentDeskDeps): AgentDesk {
  const { settings } = deps;
  const logger = deps.logger ?? nullLogger;
  const readFile = deps.readFile ?? ((path: string) => readFileAsync(path, 'utf8'));
  const gatewayFactory = deps.gatewayFactory ?? createGatewaySession;
  // A settings problem (no address, unreadable CA file) is the settings' fault, not the
  // gateway's: the desk answers it as a visible invalid-request in plain words.
  const connections = async (): Promise<DeskResult<GatewayConnection[]>> => {
    try {
      const values = settings.values();
      return { ok: true, value: await connectionsFromSettings(values, readFile, deps.caStore) };
    } catch (error) {
      return settingsProblem(error);
    }
  };

  const desk = new Desk({
    gatewayFactory,
    connections,
    pollGapMs: () => settings.values().pollGapMs,
    wrapUpMaxSeconds: () => settings.values().wrapUpMaxSeconds,
    afterCall: () => settings.values().afterCall,
    autoSignInMinutes: () => settings.values().autoSignInMinutes,
    countdown: () => {
      const values = settings.values();
      return { seconds: values.countdownSeconds, action: values.countdownAction };
    },
    logger,
    ...(deps.onGatewayCall === undefined ? {} : { onGatewayCall: deps.onGatewayCall }),
  });

  const host: DeskHost = {
    desk,
    settings,
    passwords: settings.vault,
    logger,
    async checkConnection(req) {
      const test = await connectionForTest(
        req,
        settings.values(),
        readFile,
        (agentId) => settings.vault.load(agentId),
        deps.caStore,
      );
      return checkGateway({ ...test, factory: gatewayFactory });
    },
    notifyAgent: deps.notifyAgent ?? notAvailable,
    exportDiagnostics: deps.exportDiagnostics ?? notAvailable,
    applyStayOnTop: deps.applyStayOnTop ?? (() => refused('not-available')),
  };

  let disposed: Promise<void> | null = null;
  return {
    desk,
    settings,
    handlers: createCommandHandlers(host),
    dispose() {
      disposed ??= desk.dispose();
      return disposed;
    },
  };
}
