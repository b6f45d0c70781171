/**
 * The settings service (issue #12 §2): the value in effect is, highest first, a mandatory
 * policy ← the agent's own choice ← a recommended policy ← the built-in default. Policies
 * are re-read while running (`applyPolicy`) and apply at once. Pure Node: the shell supplies
 * the backend (electron-store), the vault (safeStorage) and the policy reader; tests use
 * the memory ones.
 */
import * as v from 'valibot';
import type {
  DeskResult,
  DeskSettings,
  SettingSource,
  SettingsKey,
  SettingsNotice,
  SettingsView,
  UpdateSettingsRequest,
} from '../ipc/contract';
import { describeIssue, settingsKeys, settingsPatchSchema } from './fields';
import { noPolicy, type PolicySnapshot } from './policy/types';
import type { StoredSettings } from './schema';
import { defaultSettings, readStoredSettings, settingsVersion } from './schema';

/** Where the agent's own settings live. `load` returns the raw record (validated here). */
export interface SettingsBackend {
  load(): unknown;
  /**
   * Persists the agent's own choices only — `{ version, …fields that differ from the
   * defaults in effect }` — so a later admin default still reaches untouched fields.
   * Throws when the record cannot be written.
   */
  save(record: StoredSettings): void;
}

/** A backend in memory (tests, the browser demo). */
export class MemorySettingsBackend implements SettingsBackend {
  #record: unknown;
  /** How many times `save` ran. */
  saves = 0;
  constructor(initial: unknown = undefined) {
    this.#record = initial;
  }
  load(): unknown {
    return this.#record === undefined ? undefined : structuredClone(this.#record);
  }
  save(record: StoredSettings): void {
    this.saves += 1;
    this.#record = structuredClone(record);
  }
}

/**
 * The OS-encrypted store of one remembered password (safeStorage in the shell). Never
 * holds more than one; `clear` forgets it.
 */
export interface PasswordVault {
  /** False when the OS cannot encrypt (browser demo, bare Linux): nothing is saved. */
  readonly available: boolean;
  has(agentId: string): boolean;
  /** The saved password, or null (none saved, or the vault is not `available`). */
  load(agentId: string): string | null;
  save(agentId: string, password: string): void;
  clear(): void;
}

/** The vault of a host that cannot encrypt: remembers nothing. */
export const noPasswordVault: PasswordVault = Object.freeze({
  available: false,
  has: () => false,
  load: () => null,
  save: () => {
    throw new Error('no password vault on this host');
  },
  clear: () => undefined,
});

/** A vault in memory (tests and the e2e host; never used by the packaged app). */
export class MemoryPasswordVault implements PasswordVault {
  readonly available = true;
  #entry: { agentId: string; password: string } | null = null;
  has(agentId: string): boolean {
    return this.#entry?.agentId === agentId;
  }
  load(agentId: string): string | null {
    return this.#entry?.agentId === agentId ? this.#entry.password : null;
  }
  save(agentId: string, password: string): void {
    this.#entry = { agentId, password };
  }
  clear(): void {
    this.#entry = null;
  }
}

/** Options of `SettingsService`. */
export interface SettingsServiceOptions {
  backend: SettingsBackend;
  /** The organisation's policies as read at start (default: none). */
  policy?: PolicySnapshot;
  notice?: SettingsNotice | null;
  vault?: PasswordVault;
}

/**
 * One setting's values equal? The list settings (reasons, rest minutes) are arrays parsed
 * anew from each patch and each policy read, so they are compared by content.
 */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'object' && typeof b === 'object' && sameJson(a, b));
}

function sameSettings(a: DeskSettings, b: DeskSettings): boolean {
  return settingsKeys.every((key) => sameValue(a[key], b[key]));
}

/** Equal as data (views and policy snapshots are plain JSON). */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The settings of this desktop, as the agent and the administrator set them. */
export class SettingsService {
  readonly vault: PasswordVault;
  /** Stored fields dropped at load, `key: reason` (the shell logs them). */
  readonly dropped: readonly string[];
  readonly #backend: SettingsBackend;
  #policy: PolicySnapshot;
  /** Built-in defaults with the recommended policy on top: the defaults in effect. */
  #base: DeskSettings;
  #own: Partial<DeskSettings>;
  #values: DeskSettings;
  #notice: SettingsNotice | null;
  readonly #listeners = new Set<(values: DeskSettings) => void>();
  readonly #viewListeners = new Set<(view: SettingsView) => void>();

  constructor(opts: SettingsServiceOptions) {
    this.#backend = opts.backend;
    this.vault = opts.vault ?? noPasswordVault;
    this.#notice = opts.notice ?? null;
    this.#policy = opts.policy ?? noPolicy;
    this.#base = this.#baseOf(this.#policy);
    const loaded = readStoredSettings(opts.backend.load());
    this.dropped = loaded.dropped;
    this.#own = loaded.values;
    this.#values = this.#effective(this.#own);
  }

  #baseOf(policy: PolicySnapshot): DeskSettings {
    return { ...defaultSettings, ...policy.recommended.values };
  }

  #isLocked(key: SettingsKey): boolean {
    return Object.hasOwn(this.#policy.mandatory.values, key);
  }

  #effective(own: Partial<DeskSettings>): DeskSettings {
    return Object.freeze({ ...this.#base, ...own, ...this.#policy.mandatory.values });
  }

  #sourceOf(key: SettingsKey): SettingSource {
    const { mandatory, recommended } = this.#policy;
    const origin = (o: string | undefined): { origin?: string } =>
      o === undefined ? {} : { origin: o };
    if (this.#isLocked(key)) return { kind: 'policy', ...origin(mandatory.origins[key]) };
    if (Object.hasOwn(this.#own, key)) return { kind: 'agent' };
    if (Object.hasOwn(recommended.values, key)) {
      return { kind: 'recommended', ...origin(recommended.origins[key]) };
    }
    return { kind: 'default' };
  }

  /** The effective values now. */
  values(): DeskSettings {
    return this.#values;
  }

  /** What the settings screen shows. */
  view(): SettingsView {
    const values = this.#values;
    const agentId = values.rememberedAgentId;
    return {
      values,
      locked: settingsKeys.filter((key) => this.#isLocked(key)),
      sources: Object.fromEntries(settingsKeys.map((key) => [key, this.#sourceOf(key)])) as Record<
        SettingsKey,
        SettingSource
      >,
      policyProblems: [...this.#policy.problems],
      notice: this.#notice,
      hasSavedPassword: this.vault.available && agentId !== '' && this.vault.has(agentId),
      canSavePassword: this.vault.available,
    };
  }

  /** The policies in effect (diagnostics). */
  policy(): PolicySnapshot {
    return this.#policy;
  }

  /**
   * Applies a policy re-read while running: values, locks and sources change at once, the
   * agent's own choices are kept (a field unlocked later shows the agent's value again).
   * Answers whether anything the settings screen shows changed.
   */
  applyPolicy(policy: PolicySnapshot): boolean {
    if (sameJson(policy, this.#policy)) return false;
    const before = this.view();
    const previous = this.#values;
    this.#policy = policy;
    this.#base = this.#baseOf(policy);
    this.#values = this.#effective(this.#own);
    if (!sameSettings(previous, this.#values)) {
      for (const listener of this.#listeners) listener(this.#values);
    }
    const after = this.view();
    if (sameJson(before, after)) return false;
    this.#emitView(after);
    return true;
  }

  /**
   * Applies a patch. A locked field may be sent with its current value (the form sends
   * everything) but not changed: `refused setting-locked`. A value equal to the default in
   * effect is stored as "not set", so it follows later admin changes.
   */
  update(patch: UpdateSettingsRequest): DeskResult<SettingsView> {
    const parsed = v.safeParse(settingsPatchSchema, patch, { abortEarly: true });
    if (!parsed.success) {
      return {
        ok: false,
        error: { kind: 'invalid-request', detail: describeIssue(parsed.issues[0]) },
      };
    }
    const current = this.#values;
    const own: Partial<DeskSettings> = { ...this.#own };
    for (const key of settingsKeys) {
      if (!Object.hasOwn(parsed.output, key)) continue;
      const value = parsed.output[key];
      if (this.#isLocked(key)) {
        if (!sameValue(value, current[key])) {
          return { ok: false, error: { kind: 'refused', reason: 'setting-locked', detail: key } };
        }
        continue;
      }
      if (sameValue(value, this.#base[key])) delete own[key];
      else Object.assign(own, { [key]: value });
    }
    const next = this.#effective(own);
    const ownChanged = settingsKeys.some((key) => !sameValue(own[key], this.#own[key]));
    if (!ownChanged) return { ok: true, value: this.view() };
    try {
      this.#backend.save({ version: settingsVersion, ...own });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { kind: 'internal', detail: `settings not saved: ${detail}` } };
    }
    this.#own = own;
    this.#values = next;
    if (!sameSettings(current, next)) for (const listener of this.#listeners) listener(next);
    const view = this.view();
    this.#emitView(view);
    return { ok: true, value: view };
  }

  /** Calls `listener` with the new effective values after each change. */
  onChange(listener: (values: DeskSettings) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /**
   * Calls `listener` with the whole view after each change of what the settings screen
   * shows (a save, a policy re-read): the shell pushes it to the renderer.
   */
  onViewChange(listener: (view: SettingsView) => void): () => void {
    this.#viewListeners.add(listener);
    return () => {
      this.#viewListeners.delete(listener);
    };
  }

  #emitView(view: SettingsView): void {
    for (const listener of this.#viewListeners) listener(view);
  }

  /** The notice is shown once: after a view carried it, it is gone. */
  takeNotice(): void {
    this.#notice = null;
  }
}
