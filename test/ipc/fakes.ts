/**
 * Test doubles for the IPC layer: a scripted desk core, a host around it, and a valid
 * example payload for every command (the fuzz test mutates these).
 */
import { signedOutSnapshot } from '../fixtures/desk-snapshot';
import type {
  CommandName,
  DeskResult,
  DeskSnapshot,
  EventLogEntry,
  SignInRequest,
} from '../../main/ipc/contract';
import type { DeskCore, DeskHost } from '../../main/ipc/handlers';
import type { PasswordVault } from '../../main/settings/service';
import { MemorySettingsBackend, SettingsService } from '../../main/settings/service';

/** A valid payload per command (what the renderer would send). */
export const validExamples: { [C in CommandName]: unknown } = {
  signIn: { agentId: '1001', password: 'secret', phone: '70001', force: false },
  signOut: undefined,
  setAgentState: { state: 'rest', seconds: 600, reason: 3 },
  dialPreview: { controlId: '9223372036854775807', number: '+8613800000000' },
  declinePreview: { controlId: '12345' },
  sendDigits: { digits: '12*#' },
  hangUp: undefined,
  holdCall: {},
  unholdCall: undefined,
  getSnapshot: undefined,
  getEventLog: {},
  getSettings: undefined,
  updateSettings: { pollGapMs: 300, language: 'zh-CN' },
  testConnection: { gatewayUrl: 'https://gw.example:8043', agentId: '101', phone: '1' },
  exportDiagnostics: undefined,
  forgetSavedPassword: {},
  notifyAgent: { kind: 'preview', title: 'New customer', body: 'Li Lei' },
  setStayOnTop: { onTop: true },
  extendWrapUp: undefined,
  signInAgainNow: { force: true },
  stopSigningInAgain: undefined,
};

/** A minimal snapshot (the handlers pass it through untouched). */
export function fakeSnapshot(seq = 1): DeskSnapshot {
  return signedOutSnapshot({ seq });
}

const okVoid: DeskResult<void> = { ok: true, value: undefined };

/** A desk core that records every call and answers what the test scripts. */
export class FakeDesk implements DeskCore {
  readonly calls: Array<{ method: string; req: unknown }> = [];
  signInResult: DeskResult<{
    agentId: string;
    phone: string;
    signedInAt: number;
    mustChangePassword: boolean;
    passwordDaysLeft: number | null;
  }> = {
    ok: true,
    value: {
      agentId: '1001',
      phone: '70001',
      signedInAt: 1,
      mustChangePassword: false,
      passwordDaysLeft: null,
    },
  };
  readonly listeners = new Set<(s: DeskSnapshot) => void>();
  current = fakeSnapshot();
  log: EventLogEntry[] = [];

  #record(method: string, req?: unknown): void {
    this.calls.push({ method, req });
  }
  snapshot(): DeskSnapshot {
    return this.current;
  }
  subscribe(listener: (s: DeskSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
  publish(snapshot: DeskSnapshot): void {
    for (const listener of this.listeners) listener(snapshot);
  }
  eventLog(): EventLogEntry[] {
    return this.log;
  }
  async signIn(req: SignInRequest) {
    this.#record('signIn', req);
    return this.signInResult;
  }
  async signOut() {
    this.#record('signOut');
    return okVoid;
  }
  async setAgentState(req: unknown) {
    this.#record('setAgentState', req);
    return okVoid;
  }
  async dialPreview(req: unknown) {
    this.#record('dialPreview', req);
    return { ok: true as const, value: { callId: 'c-1' } };
  }
  async declinePreview(req: unknown) {
    this.#record('declinePreview', req);
    return okVoid;
  }
  async sendDigits(req: unknown) {
    this.#record('sendDigits', req);
    return okVoid;
  }
  async hangUp() {
    this.#record('hangUp');
    return okVoid;
  }
  async holdCall() {
    this.#record('holdCall');
    return okVoid;
  }
  async unholdCall() {
    this.#record('unholdCall');
    return okVoid;
  }
  async extendWrapUp() {
    this.#record('extendWrapUp');
    return {
      ok: true as const,
      value: { startedAt: 1, endsAt: 2, extended: true, canExtend: false, autoReadyError: null },
    };
  }
  async signInAgainNow(req: unknown) {
    this.#record('signInAgainNow', req);
    return okVoid;
  }
  async stopSigningInAgain() {
    this.#record('stopSigningInAgain');
    return okVoid;
  }
}

/** A host over a FakeDesk with in-memory settings; override any part. */
export function fakeHost(
  overrides: Partial<DeskHost> & { vault?: PasswordVault } = {},
): DeskHost & {
  desk: FakeDesk;
} {
  const { vault, ...rest } = overrides;
  const settings =
    rest.settings ??
    new SettingsService({
      backend: new MemorySettingsBackend({ version: 1, gatewayUrl: 'https://gw.example:8043' }),
      ...(vault === undefined ? {} : { vault }),
    });
  return {
    desk: new FakeDesk(),
    settings,
    checkConnection: async () => ({ ok: true, steps: [] }),
    exportDiagnostics: async () => ({ ok: true, value: { path: '/tmp/diag' } }),
    notifyAgent: async () => okVoid,
    applyStayOnTop: () => okVoid,
    passwords: settings.vault,
    ...rest,
  } as DeskHost & { desk: FakeDesk };
}
