/**
 * The settings service: effective values = built-in default ← admin default ← the agent's
 * own value (unless the field is locked). Pure Node: the shell supplies the backend
 * (electron-store) and the password vault (safeStorage); tests use the memory ones.
 */
import * as v from 'valibot';
import type {
  DeskResult,
  DeskSettings,
  SettingsKey,
  SettingsNotice,
  SettingsView,
  UpdateSettingsRequest,
} from '../ipc/contract';
import { describeIssue, settingsKeys, settingsPatchSchema } from './fields';
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
  admin?: { defaults: Partial<DeskSettings>; locked: readonly SettingsKey[] };
  notice?: SettingsNotice | null;
  vault?: PasswordVault;
}

function sameSettings(a: DeskSettings, b: DeskSettings): boolean {
  return settingsKeys.every((key) => a[key] === b[key]);
}

/** The settings of this desktop, as the agent and the administrator set them. */
export class SettingsService {
  readonly vault: PasswordVault;
  /** Stored fields dropped at load, `key: reason` (the shell logs them). */
  readonly dropped: readonly string[];
  readonly #backend: SettingsBackend;
  readonly #base: DeskSettings;
  readonly #locked: ReadonlySet<SettingsKey>;
  #own: Partial<DeskSettings>;
  #values: DeskSettings;
  #notice: SettingsNotice | null;
  readonly #listeners = new Set<(values: DeskSettings) => void>();

  constructor(opts: SettingsServiceOptions) {
    this.#backend = opts.backend;
    this.vault = opts.vault ?? noPasswordVault;
    this.#notice = opts.notice ?? null;
    this.#base = { ...defaultSettings, ...(opts.admin?.defaults ?? {}) };
    this.#locked = new Set(opts.admin?.locked ?? []);
    const loaded = readStoredSettings(opts.backend.load());
    this.dropped = loaded.dropped;
    this.#own = loaded.values;
    this.#values = this.#effective(this.#own);
  }

  #effective(own: Partial<DeskSettings>): DeskSettings {
    const values = { ...this.#base, ...own };
    for (const key of this.#locked) Object.assign(values, { [key]: this.#base[key] });
    return Object.freeze(values);
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
      locked: settingsKeys.filter((key) => this.#locked.has(key)),
      notice: this.#notice,
      hasSavedPassword: this.vault.available && agentId !== '' && this.vault.has(agentId),
      canSavePassword: this.vault.available,
    };
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
      if (this.#locked.has(key)) {
        if (value !== current[key]) {
          return { ok: false, error: { kind: 'refused', reason: 'setting-locked', detail: key } };
        }
        continue;
      }
      if (value === this.#base[key]) delete own[key];
      else Object.assign(own, { [key]: value });
    }
    const next = this.#effective(own);
    const ownChanged = settingsKeys.some((key) => own[key] !== this.#own[key]);
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
    return { ok: true, value: this.view() };
  }

  /** Calls `listener` with the new effective values after each change. */
  onChange(listener: (values: DeskSettings) => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** The notice is shown once: after a view carried it, it is gone. */
  takeNotice(): void {
    this.#notice = null;
  }
}
