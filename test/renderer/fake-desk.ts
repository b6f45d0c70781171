/**
 * A fake DeskApi for renderer tests: records every call, lets the test push snapshots and
 * script each command's Result (immediately, or held until the test releases it).
 */
import type {
  CommandName,
  DeskApi,
  DeskError,
  DeskSettings,
  DeskSnapshot,
  SettingSource,
  SettingsKey,
  SettingsView,
} from '../../main/ipc/contract';

type AnyResult = { ok: true; value: unknown } | { ok: false; error: DeskError };
type Responder = (req: unknown) => AnyResult;

export {
  makeAgent,
  makeCall,
  makeLogEntry,
  makePreview,
  makeSnapshot,
  signedOutSnapshot,
  t0,
} from '../fixtures/desk-snapshot';
import { makeSnapshot, t0 } from '../fixtures/desk-snapshot';

export interface RecordedCall {
  method: CommandName;
  req: unknown;
}

export function makeSettings(overrides: Partial<DeskSettings> = {}): DeskSettings {
  return {
    gatewayUrl: 'https://cc-gw.example.cn:8043',
    backupGatewayUrl: '',
    caFile: '',
    pinSha256: '',
    pollGapMs: 200,
    pollTimeoutSeconds: 40,
    afterCall: 'ready',
    autoSignInMinutes: 10,
    countdownSeconds: 0,
    countdownAction: 'none',
    language: 'en',
    theme: 'system',
    notifyOnPreview: true,
    soundOnPreview: false,
    rememberedAgentId: '',
    rememberedPhone: '',
    hardwareAcceleration: true,
    notReadyReasons: [
      { code: 200, en: 'Meeting', zh: '会议' },
      { code: 201, en: 'Training', zh: '培训' },
      { code: 203, en: 'Paperwork', zh: '事务处理' },
    ],
    restReasons: [
      { code: 1, en: 'Break', zh: '小休' },
      { code: 2, en: 'Lunch', zh: '用餐' },
    ],
    restMinutes: [5, 15, 30],
    wrapUpMaxSeconds: 0,
    stayOnTop: false,
    ...overrides,
  };
}

/** Where the fake's locked fields come from (any policy origin would do). */
export const fakePolicyOrigin = 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Agent Desk';

/** A view; unless given, `sources` says policy for the locked fields and default elsewhere. */
export function makeSettingsView(overrides: Partial<SettingsView> = {}): SettingsView {
  const values = overrides.values ?? makeSettings();
  const locked = overrides.locked ?? [];
  const sources = Object.fromEntries(
    (Object.keys(values) as SettingsKey[]).map((key): [SettingsKey, SettingSource] => [
      key,
      locked.includes(key) ? { kind: 'policy', origin: fakePolicyOrigin } : { kind: 'default' },
    ]),
  ) as Record<SettingsKey, SettingSource>;
  return {
    values,
    locked,
    sources,
    policyProblems: [],
    notice: null,
    hasSavedPassword: false,
    canSavePassword: false,
    ...overrides,
  };
}

const okValues: Record<CommandName, () => unknown> = {
  signIn: () => ({
    agentId: '1001',
    phone: '8001',
    signedInAt: t0,
    mustChangePassword: false,
    passwordDaysLeft: null,
  }),
  signOut: () => undefined,
  setAgentState: () => undefined,
  dialPreview: () => ({ callId: 'call-1' }),
  declinePreview: () => undefined,
  sendDigits: () => undefined,
  hangUp: () => undefined,
  holdCall: () => undefined,
  unholdCall: () => undefined,
  getSnapshot: () => undefined,
  getEventLog: () => [],
  getSettings: () => undefined,
  updateSettings: () => undefined,
  testConnection: () => ({ ok: true, steps: [] }),
  exportDiagnostics: () => ({ path: '/tmp/diag.zip' }),
  forgetSavedPassword: () => undefined,
  notifyAgent: () => undefined,
  setStayOnTop: () => ({ onTop: true }),
  extendWrapUp: () => ({
    startedAt: t0,
    endsAt: t0 + 240_000,
    extended: true,
    canExtend: false,
    autoReadyError: null,
  }),
  signInAgainNow: () => undefined,
  stopSigningInAgain: () => undefined,
};

export class FakeDesk {
  readonly calls: RecordedCall[] = [];
  snapshot: DeskSnapshot;
  settingsView: SettingsView;
  #listeners = new Set<(s: DeskSnapshot) => void>();
  #settingsListeners = new Set<(view: SettingsView) => void>();
  #responders = new Map<CommandName, Responder>();
  #held = new Map<CommandName, Array<(r: AnyResult) => void>>();
  #holding = new Set<CommandName>();

  constructor(snapshot: DeskSnapshot = makeSnapshot(), settingsView = makeSettingsView()) {
    this.snapshot = snapshot;
    this.settingsView = settingsView;
  }

  /** Answers `method` with this result (or a function of the request) from now on. */
  respond(method: CommandName, result: AnyResult | Responder): void {
    this.#responders.set(method, typeof result === 'function' ? result : () => result);
  }

  fail(method: CommandName, error: DeskError): void {
    this.respond(method, { ok: false, error });
  }

  /** Keeps answers to `method` pending until `release`. */
  hold(method: CommandName): void {
    this.#holding.add(method);
  }

  release(method: CommandName, result?: AnyResult): void {
    this.#holding.delete(method);
    const waiting = this.#held.get(method) ?? [];
    this.#held.delete(method);
    for (const resolve of waiting) resolve(result ?? { ok: true, value: okValues[method]() });
  }

  /** Publishes a snapshot (seq bumped automatically). */
  push(overrides: Partial<DeskSnapshot>): DeskSnapshot {
    this.snapshot = { ...this.snapshot, ...overrides, seq: this.snapshot.seq + 1 };
    for (const listener of this.#listeners) listener(this.snapshot);
    return this.snapshot;
  }

  /** Pushes a settings view, as main does after a policy re-read. */
  pushSettings(view: SettingsView): void {
    this.settingsView = view;
    for (const listener of this.#settingsListeners) listener(view);
  }

  callsOf(method: CommandName): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.req);
  }

  get api(): DeskApi {
    const call = (method: CommandName) => (req?: unknown) => this.#call(method, req);
    return {
      signIn: call('signIn'),
      signOut: call('signOut'),
      setAgentState: call('setAgentState'),
      dialPreview: call('dialPreview'),
      declinePreview: call('declinePreview'),
      sendDigits: call('sendDigits'),
      hangUp: call('hangUp'),
      holdCall: call('holdCall'),
      unholdCall: call('unholdCall'),
      getSnapshot: call('getSnapshot'),
      getEventLog: call('getEventLog'),
      getSettings: call('getSettings'),
      updateSettings: call('updateSettings'),
      testConnection: call('testConnection'),
      exportDiagnostics: call('exportDiagnostics'),
      forgetSavedPassword: call('forgetSavedPassword'),
      notifyAgent: call('notifyAgent'),
      setStayOnTop: call('setStayOnTop'),
      extendWrapUp: call('extendWrapUp'),
      signInAgainNow: call('signInAgainNow'),
      stopSigningInAgain: call('stopSigningInAgain'),
      onChanged: (listener) => {
        this.#listeners.add(listener);
        return () => this.#listeners.delete(listener);
      },
      onSettingsChanged: (listener) => {
        this.#settingsListeners.add(listener);
        return () => this.#settingsListeners.delete(listener);
      },
    } as DeskApi;
  }

  #call(method: CommandName, req: unknown): Promise<AnyResult> {
    this.calls.push({ method, req });
    if (this.#holding.has(method)) {
      return new Promise((resolve) => {
        const list = this.#held.get(method) ?? [];
        list.push(resolve);
        this.#held.set(method, list);
      });
    }
    const responder = this.#responders.get(method);
    if (responder) return Promise.resolve(responder(req));
    if (method === 'getSnapshot') return Promise.resolve({ ok: true, value: this.snapshot });
    if (method === 'getSettings') return Promise.resolve({ ok: true, value: this.settingsView });
    if (method === 'updateSettings') {
      this.settingsView = {
        ...this.settingsView,
        values: { ...this.settingsView.values, ...(req as Partial<DeskSettings>) },
      };
      return Promise.resolve({ ok: true, value: this.settingsView });
    }
    return Promise.resolve({ ok: true, value: okValues[method]() });
  }
}
