/**
 * The command table: one handler per command, and the dispatcher every transport uses
 * (Electron IPC in handle.ts, Playwright's binding in the e2e tests). Transport-agnostic:
 * no Electron here, so the whole path from `unknown` payload to the core runs in Node tests.
 */
import type { DeskLogger } from '../desk/logger';
import { nullLogger } from '../desk/logger';
import { settingsProblem } from '../settings/connection';
import type { PasswordVault, SettingsService } from '../settings/service';
import type {
  CommandName,
  CommandRequest,
  CommandValue,
  ConnectionReport,
  DeskApi,
  DeskError,
  DeskResult,
  DeskSnapshot,
  DiagnosticsExported,
  EventLogEntry,
  NotifyAgentRequest,
  SignInRequest,
  StayOnTopRequest,
  TestConnectionRequest,
} from './contract';
import { commandChannels } from './contract';
import { parseCommand } from './guards';

/** A handler per command; the table is checked with `satisfies` so none can be missing. */
export type CommandHandlers = {
  [C in CommandName]: (req: CommandRequest<C>) => Promise<DeskResult<CommandValue<C>>>;
};

/** What the handlers need of the desk core (main/desk/desk.ts `Desk` has all of it). */
export type DeskCore = Pick<
  DeskApi,
  | 'signIn'
  | 'signOut'
  | 'setAgentState'
  | 'dialPreview'
  | 'declinePreview'
  | 'sendDigits'
  | 'hangUp'
  | 'holdCall'
  | 'unholdCall'
  | 'extendWrapUp'
  | 'signInAgainNow'
  | 'stopSigningInAgain'
> & {
  snapshot(): DeskSnapshot;
  subscribe(listener: (snapshot: DeskSnapshot) => void): () => void;
  eventLog(): EventLogEntry[];
};

/** Everything the handler table calls. */
export interface DeskHost {
  desk: DeskCore;
  settings: SettingsService;
  checkConnection(req: TestConnectionRequest): Promise<ConnectionReport>;
  exportDiagnostics(): Promise<DeskResult<DiagnosticsExported>>;
  notifyAgent(req: NotifyAgentRequest): Promise<DeskResult<void>>;
  /**
   * Keeps the window above others (Electron `setAlwaysOnTop`); refused `not-available`
   * where there is no window of ours (the browser demo).
   */
  applyStayOnTop(onTop: boolean): DeskResult<void>;
  passwords: PasswordVault;
  logger?: DeskLogger;
}

const ok = <T>(value: T): DeskResult<T> => ({ ok: true, value });
const fail = (error: DeskError): { ok: false; error: DeskError } => ({ ok: false, error });

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The password to sign in with: the typed one, or the saved one when left empty. */
function passwordFor(host: DeskHost, req: SignInRequest): string | null {
  if (req.password !== '') return req.password;
  return host.passwords.load(req.agentId);
}

/**
 * After a successful sign-in: the agent ID and phone are remembered for the form (they are
 * not secrets, and an agent signed out mid-shift must get straight back in);
 * `rememberPassword` true also saves the password (OS-encrypted), false forgets any saved
 * one, absent leaves it alone. A failure here does not undo the sign-in: it is logged, and
 * the settings view (`hasSavedPassword`) shows the truth.
 */
function rememberAfterSignIn(host: DeskHost, req: SignInRequest, password: string): void {
  const logger = host.logger ?? nullLogger;
  const remembered = host.settings.update({
    rememberedAgentId: req.agentId,
    rememberedPhone: req.phone,
  });
  if (!remembered.ok) {
    logger.warn('ipc.agent-not-remembered', { agentId: req.agentId, error: remembered.error.kind });
  }
  if (req.rememberPassword === false) {
    try {
      host.passwords.clear();
    } catch (error) {
      logger.warn('ipc.password-not-forgotten', { error: errorText(error) });
    }
    return;
  }
  if (req.rememberPassword !== true) return;
  if (!host.passwords.available) {
    logger.warn('ipc.password-not-saved', { agentId: req.agentId, error: 'no vault' });
    return;
  }
  try {
    host.passwords.save(req.agentId, password);
  } catch (error) {
    logger.warn('ipc.password-not-saved', { agentId: req.agentId, error: errorText(error) });
  }
}

/**
 * Applies the window choice first, then keeps it in the settings (`stayOnTop`) so the shell
 * applies it again at the next start. A host without a window refuses, and nothing is saved:
 * the toggle never claims an effect that did not happen.
 */
function setStayOnTop(host: DeskHost, req: StayOnTopRequest): DeskResult<StayOnTopRequest> {
  const applied = host.applyStayOnTop(req.onTop);
  if (!applied.ok) return applied;
  const saved = host.settings.update({ stayOnTop: req.onTop });
  if (!saved.ok) {
    // The window changed but the choice could not be kept: undo, so screen and file agree.
    host.applyStayOnTop(!req.onTop);
    return saved;
  }
  return ok({ onTop: req.onTop });
}

/** The handler table over a host. */
export function createCommandHandlers(host: DeskHost): CommandHandlers {
  const { desk, settings } = host;
  const handlers = {
    async signIn(req) {
      const password = passwordFor(host, req);
      if (password === null || password === '') {
        return fail({ kind: 'invalid-request', detail: 'password: enter the password' });
      }
      const result = await desk.signIn({
        agentId: req.agentId,
        password,
        phone: req.phone,
        force: req.force === true,
      });
      if (result.ok) rememberAfterSignIn(host, req, password);
      return result;
    },
    signOut: () => desk.signOut(),
    setAgentState: (req) => desk.setAgentState(req),
    dialPreview: (req) => desk.dialPreview(req),
    declinePreview: (req) => desk.declinePreview(req),
    sendDigits: (req) => desk.sendDigits(req),
    hangUp: () => desk.hangUp(),
    holdCall: () => desk.holdCall(),
    unholdCall: () => desk.unholdCall(),
    getSnapshot: async () => ok(desk.snapshot()),
    getEventLog: async () => ok(desk.eventLog()),
    async getSettings() {
      const view = settings.view();
      // The notice (e.g. a corrupt file kept aside) is shown once.
      settings.takeNotice();
      return ok(view);
    },
    updateSettings: async (req) => settings.update(req),
    async testConnection(req) {
      try {
        return ok(await host.checkConnection(req));
      } catch (error) {
        return settingsProblem(error);
      }
    },
    exportDiagnostics: () => host.exportDiagnostics(),
    async forgetSavedPassword() {
      host.passwords.clear();
      return ok(undefined);
    },
    notifyAgent: (req) => host.notifyAgent(req),
    setStayOnTop: async (req) => setStayOnTop(host, req),
    extendWrapUp: () => desk.extendWrapUp(),
    signInAgainNow: (req) => desk.signInAgainNow(req),
    stopSigningInAgain: () => desk.stopSigningInAgain(),
  } satisfies CommandHandlers;
  return handlers;
}

const commandByChannel = new Map<string, CommandName>(
  (Object.entries(commandChannels) as Array<[CommandName, string]>).map(([name, channel]) => [
    channel,
    name,
  ]),
);

/** The command a channel names, or null (a Map: `__proto__` is just an unknown name). */
export function commandForChannel(channel: string): CommandName | null {
  return commandByChannel.get(channel) ?? null;
}

async function runCommand<C extends CommandName>(
  handlers: CommandHandlers,
  name: C,
  payload: unknown,
  logger: DeskLogger,
): Promise<DeskResult<CommandValue<C>>> {
  const parsed = parseCommand(name, payload);
  if (!parsed.ok) {
    logger.warn('ipc.invalid-request', { command: name, detail: parsed.error.detail });
    return parsed;
  }
  try {
    return await handlers[name](parsed.value);
  } catch (error) {
    // Never throw across IPC: a thrown error reaches the renderer as a bare message.
    logger.error('ipc.handler-failed', { command: name, error: errorText(error) });
    return fail({ kind: 'internal', detail: `${name} failed unexpectedly` });
  }
}

/**
 * Runs one request from any transport: unknown channel or malformed payload →
 * `invalid-request` without touching the core; a handler that throws → logged `internal`.
 * Never rejects.
 */
export async function dispatchCommand(
  handlers: CommandHandlers,
  channel: string,
  payload: unknown,
  logger: DeskLogger = nullLogger,
): Promise<DeskResult<unknown>> {
  const name = typeof channel === 'string' ? commandForChannel(channel) : null;
  if (name === null) {
    logger.warn('ipc.unknown-channel', { channel: String(channel).slice(0, 64) });
    return fail({ kind: 'invalid-request', detail: 'unknown command' });
  }
  return runCommand(handlers, name, payload, logger);
}
