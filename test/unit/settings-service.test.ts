import { describe, expect, it } from 'vitest';
import type { DeskSettings, SettingsView } from '../../main/ipc/contract';
import { defaultSettings } from '../../main/settings/schema';
import {
  MemoryPasswordVault,
  MemorySettingsBackend,
  SettingsService,
  noPasswordVault,
} from '../../main/settings/service';
import { noPolicy } from '../../main/settings/policy/types';
import { testPolicy } from './support/policy';

const policy = testPolicy(
  { gatewayUrl: 'https://admin.example:8043' },
  { language: 'zh-CN', pollGapMs: 400, gatewayUrl: 'https://ignored.example:8043' },
);

describe('SettingsService', () => {
  it('layers mandatory policy > own value > recommended policy > built-in default', () => {
    const backend = new MemorySettingsBackend({
      version: 1,
      gatewayUrl: 'https://mine.example:8043',
      language: 'en',
      theme: 'dark',
    });
    const service = new SettingsService({ backend, policy });
    expect(service.values()).toEqual({
      ...defaultSettings,
      gatewayUrl: 'https://admin.example:8043', // mandatory beats the agent's own
      language: 'en', // the agent's own beats the recommended zh-CN
      theme: 'dark',
      pollGapMs: 400, // recommended beats the built-in 200
    });
    const view = service.view();
    expect(view.locked).toEqual(['gatewayUrl']);
    expect(view.sources.gatewayUrl).toEqual({
      kind: 'policy',
      origin: '/etc/agent-desk/policies.json',
    });
    expect(view.sources.language).toEqual({ kind: 'agent' });
    expect(view.sources.pollGapMs).toEqual({
      kind: 'recommended',
      origin: '/etc/agent-desk/policies.json',
    });
    expect(view.sources.countdownSeconds).toEqual({ kind: 'default' });
  });

  it('refuses to change a locked field but accepts it sent unchanged', () => {
    const backend = new MemorySettingsBackend();
    const service = new SettingsService({ backend, policy });
    expect(service.update({ gatewayUrl: 'https://other.example' })).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'setting-locked', detail: 'gatewayUrl' },
    });
    const same = service.update({ gatewayUrl: 'https://admin.example:8043', theme: 'light' });
    expect(same.ok && same.value.values.theme).toBe('light');
    expect(backend.load()).toEqual({ version: 1, theme: 'light' });
  });

  it('stores only what differs from the defaults in effect, so policy changes still apply', () => {
    const backend = new MemorySettingsBackend();
    const first = new SettingsService({ backend, policy: testPolicy({}, { pollGapMs: 500 }) });
    first.update({ pollGapMs: 500, theme: 'dark', countdownSeconds: 30 });
    expect(backend.load()).toEqual({ version: 1, theme: 'dark', countdownSeconds: 30 });
    // The administrator later changes the recommendation: the agent who never chose follows it.
    const later = new SettingsService({ backend, policy: testPolicy({}, { pollGapMs: 800 }) });
    expect(later.values().pollGapMs).toBe(800);
    // Setting a value back to the default forgets the override.
    later.update({ theme: 'system' });
    expect(backend.load()).toEqual({ version: 1, countdownSeconds: 30 });
  });

  it('validates patches itself and does not save or notify when nothing changed', () => {
    const backend = new MemorySettingsBackend();
    const service = new SettingsService({ backend });
    const seen: DeskSettings[] = [];
    service.onChange((v) => seen.push(v));
    expect(service.update({ pollGapMs: 1 })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-request', detail: 'pollGapMs: must be at least 50' },
    });
    expect(service.update({ theme: 'system' }).ok).toBe(true);
    expect(backend.saves).toBe(0);
    expect(seen).toEqual([]);
  });

  it('notifies listeners with the new values and stops after unsubscribe', () => {
    const service = new SettingsService({ backend: new MemorySettingsBackend() });
    const seen: number[] = [];
    const off = service.onChange((v) => seen.push(v.pollGapMs));
    service.update({ pollGapMs: 300 });
    off();
    service.update({ pollGapMs: 400 });
    expect(seen).toEqual([300]);
    expect(service.values().pollGapMs).toBe(400);
  });

  it('keeps the old values and answers internal when the backend cannot save', () => {
    const backend = new MemorySettingsBackend();
    backend.save = () => {
      throw new Error('EROFS: read-only file system');
    };
    const service = new SettingsService({ backend });
    expect(service.update({ theme: 'dark' })).toEqual({
      ok: false,
      error: { kind: 'internal', detail: 'settings not saved: EROFS: read-only file system' },
    });
    expect(service.values().theme).toBe('system');
  });

  it('keeps valid stored fields, reports the dropped ones, migrates v0', () => {
    const service = new SettingsService({
      backend: new MemorySettingsBackend({ gateway: 'https://v0.example', pollGapMs: 'fast' }),
    });
    expect(service.values().gatewayUrl).toBe('https://v0.example');
    expect(service.dropped).toEqual(['pollGapMs: must be a number']);
  });

  it('shows a notice until taken', () => {
    const service = new SettingsService({
      backend: new MemorySettingsBackend(),
      notice: { kind: 'corrupt-file-kept-aside', keptAs: '/p/settings.corrupt-1.json' },
    });
    expect(service.view().notice).not.toBeNull();
    service.takeNotice();
    expect(service.view().notice).toBeNull();
  });

  it('reports the saved password only for the remembered agent and a working vault', () => {
    const vault = new MemoryPasswordVault();
    const service = new SettingsService({ backend: new MemorySettingsBackend(), vault });
    vault.save('1001', 'pw');
    expect(service.view()).toMatchObject({ hasSavedPassword: false, canSavePassword: true });
    service.update({ rememberedAgentId: '1001' });
    expect(service.view().hasSavedPassword).toBe(true);
    vault.clear();
    expect(service.view().hasSavedPassword).toBe(false);
    const none = new SettingsService({ backend: new MemorySettingsBackend() });
    expect(none.vault).toBe(noPasswordVault);
    expect(none.view()).toMatchObject({ hasSavedPassword: false, canSavePassword: false });
    expect(() => noPasswordVault.save('1001', 'pw')).toThrow('no password vault');
  });

  it('compares list settings by content, not by identity', () => {
    const copy = <T>(value: T): T => structuredClone(value);
    const backend = new MemorySettingsBackend();
    const service = new SettingsService({
      backend,
      policy: testPolicy({ restMinutes: [10, 20] }, {}),
    });
    const changes: DeskSettings[] = [];
    service.onChange((v) => changes.push(v));
    // A list equal to the built-in default is "not set" (it follows later admin changes),
    // a patch of unchanged lists saves nothing and notifies nobody, and a locked list sent
    // back with its current value (as the settings form does) is accepted.
    const r = service.update({
      notReadyReasons: copy(defaultSettings.notReadyReasons),
      restReasons: copy(defaultSettings.restReasons),
      restMinutes: [10, 20],
    });
    expect(r.ok).toBe(true);
    expect(backend.saves).toBe(0);
    expect(changes).toHaveLength(0);
    expect(backend.load()).toBeUndefined();
    // A real change of a list is still saved, and setting it back forgets it.
    const mine = [{ code: 210, en: 'Callback', zh: '回拨' }];
    expect(service.update({ notReadyReasons: mine }).ok).toBe(true);
    expect(backend.load()).toEqual({ version: 1, notReadyReasons: mine });
    expect(service.update({ notReadyReasons: copy(defaultSettings.notReadyReasons) }).ok).toBe(
      true,
    );
    expect(backend.load()).toEqual({ version: 1 });
    expect(backend.saves).toBe(2);
  });

  it("applies a policy re-read while running, keeping the agent's own choices underneath", () => {
    const backend = new MemorySettingsBackend({ version: 1, theme: 'dark', pollGapMs: 300 });
    const service = new SettingsService({ backend });
    const values: DeskSettings[] = [];
    const views: SettingsView[] = [];
    service.onChange((v) => values.push(v));
    service.onViewChange((v) => views.push(v));

    // IT locks the theme and recommends a gap: the lock wins, the agent's own gap stays.
    expect(service.applyPolicy(testPolicy({ theme: 'light' }, { pollGapMs: 900 }))).toBe(true);
    expect(service.values()).toMatchObject({ theme: 'light', pollGapMs: 300 });
    expect(values.map((v) => v.theme)).toEqual(['light']);
    expect(views.at(-1)?.locked).toEqual(['theme']);
    expect(service.update({ theme: 'dark' })).toMatchObject({
      ok: false,
      error: { kind: 'refused', reason: 'setting-locked', detail: 'theme' },
    });

    // The same policy read again changes nothing and notifies nobody.
    expect(service.applyPolicy(testPolicy({ theme: 'light' }, { pollGapMs: 900 }))).toBe(false);
    expect(values).toHaveLength(1);

    // IT removes the lock: the agent's own choice, kept all along, is back.
    expect(service.applyPolicy(noPolicy)).toBe(true);
    expect(service.values().theme).toBe('dark');
    expect(service.view().sources.theme).toEqual({ kind: 'agent' });
    expect(backend.load()).toEqual({ version: 1, theme: 'dark', pollGapMs: 300 });
  });

  it('shows policy problems in the view and pushes a view when only they change', () => {
    const service = new SettingsService({ backend: new MemorySettingsBackend() });
    const views: SettingsView[] = [];
    service.onViewChange((v) => views.push(v));
    const problem = { origin: 'HKLM', key: 'pollGapMs', detail: 'must be at least 50' };
    expect(service.applyPolicy({ ...noPolicy, problems: [problem] })).toBe(true);
    expect(views).toHaveLength(1);
    expect(service.view().policyProblems).toEqual([problem]);
  });
});
