/**
 * The agent's settings as main holds them, with save and connection-test results. The form
 * itself (a draft of strings) lives in the settings dialog. Main pushes a new view when the
 * organisation's policies change while the app runs; it replaces the one held here.
 */
import type {
  ConnectionReport,
  DeskApi,
  DeskError,
  DeskResult,
  DeskSettings,
  PolicyProblem,
  SettingSource,
  SettingsKey,
  SettingsNotice,
  SettingsView,
  TestConnectionRequest,
} from '../../../main/ipc/contract';
import { safeCall } from '../safe-call';

/**
 * Equal setting values. Lists (the administrator's reasons) are compared by content: the
 * form holds a reactive copy, never the same object.
 */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

export class SettingsState {
  #api: DeskApi;
  #view = $state.raw<SettingsView | null>(null);
  #notice = $state.raw<SettingsNotice | null>(null);
  #loadError = $state.raw<DeskError | null>(null);
  #saving = $state(false);
  #saveError = $state.raw<DeskError | null>(null);
  #testing = $state(false);
  #report = $state.raw<ConnectionReport | null>(null);
  #testError = $state.raw<DeskError | null>(null);
  #exported = $state<string | null>(null);
  #exportError = $state.raw<DeskError | null>(null);
  /** The policy problems the agent closed the notice of (shown again when they change). */
  #dismissedProblems = $state<string | null>(null);
  #unsubscribe: () => void;

  constructor(api: DeskApi) {
    this.#api = api;
    this.#unsubscribe = api.onSettingsChanged((view) => this.#setView(view));
  }

  async load(): Promise<void> {
    const result = await safeCall(() => this.#api.getSettings());
    if (result.ok) {
      this.#setView(result.value);
      this.#loadError = null;
    } else {
      this.#loadError = result.error;
    }
  }

  get view(): SettingsView | null {
    return this.#view;
  }

  /**
   * The start-up notice (damaged settings file, invalid admin defaults). Main returns it from
   * getSettings once and then clears it, so it is kept here until the agent dismisses it.
   */
  get notice(): SettingsNotice | null {
    return this.#notice;
  }

  dismissNotice(): void {
    this.#notice = null;
  }

  get values(): DeskSettings | null {
    return this.#view?.values ?? null;
  }

  get loadError(): DeskError | null {
    return this.#loadError;
  }

  get saving(): boolean {
    return this.#saving;
  }

  get saveError(): DeskError | null {
    return this.#saveError;
  }

  get testing(): boolean {
    return this.#testing;
  }

  get report(): ConnectionReport | null {
    return this.#report;
  }

  get testError(): DeskError | null {
    return this.#testError;
  }

  get exportedPath(): string | null {
    return this.#exported;
  }

  get exportError(): DeskError | null {
    return this.#exportError;
  }

  isLocked(key: SettingsKey): boolean {
    return this.#view?.locked.includes(key) ?? false;
  }

  /** Where the value of `key` in effect came from. */
  sourceOf(key: SettingsKey): SettingSource {
    return this.#view?.sources[key] ?? { kind: 'default' };
  }

  /** Entries of the organisation's policies that are ignored (shown in Settings). */
  get policyProblems(): PolicyProblem[] {
    return this.#view?.policyProblems ?? [];
  }

  /** The banner about policy problems: until closed, and again when the problems change. */
  get showPolicyNotice(): boolean {
    const problems = this.policyProblems;
    return problems.length > 0 && JSON.stringify(problems) !== this.#dismissedProblems;
  }

  dismissPolicyNotice(): void {
    this.#dismissedProblems = JSON.stringify(this.policyProblems);
  }

  /** Sends only changed, unlocked fields (main refuses locked ones with `setting-locked`). */
  async save(values: DeskSettings): Promise<DeskResult<SettingsView>> {
    const current = this.#view?.values;
    const changes: Partial<DeskSettings> = {};
    for (const key of Object.keys(values) as SettingsKey[]) {
      if (this.isLocked(key) || (current && sameValue(current[key], values[key]))) continue;
      Object.assign(changes, { [key]: values[key] });
    }
    this.#saving = true;
    this.#saveError = null;
    const result = await safeCall(() => this.#api.updateSettings(changes));
    this.#saving = false;
    if (result.ok) this.#setView(result.value);
    else this.#saveError = result.error;
    return result;
  }

  async testConnection(req: TestConnectionRequest): Promise<void> {
    if (this.#testing) return;
    this.#testing = true;
    this.#report = null;
    this.#testError = null;
    const result = await safeCall(() => this.#api.testConnection(req));
    this.#testing = false;
    if (result.ok) this.#report = result.value;
    else this.#testError = result.error;
  }

  async exportDiagnostics(): Promise<void> {
    this.#exported = null;
    this.#exportError = null;
    const result = await safeCall(() => this.#api.exportDiagnostics());
    if (result.ok) this.#exported = result.value.path;
    else this.#exportError = result.error;
  }

  /** Forget the dialog's transient results when it closes. */
  resetResults(): void {
    this.#report = null;
    this.#testError = null;
    this.#saveError = null;
    this.#exported = null;
    this.#exportError = null;
  }

  dispose(): void {
    this.#unsubscribe();
    this.resetResults();
  }

  /** A later view without the notice (main cleared it) must not erase the kept one. */
  #setView(view: SettingsView): void {
    this.#view = view;
    if (view.notice) this.#notice = view.notice;
  }
}
