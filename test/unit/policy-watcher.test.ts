/**
 * Live re-read of the organisation's policies: periodic reads, focus nudges (throttled),
 * no overlapping reads, changes applied to the real settings service without a restart.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PolicyWatcher, watchPolicy } from '../../main/settings/policy/watcher';
import { noPolicy, type PolicySnapshot } from '../../main/settings/policy/types';
import { MemorySettingsBackend, SettingsService } from '../../main/settings/service';
import { testPolicy } from './support/policy';

function recorder() {
  const lines: Array<[string, string, unknown]> = [];
  const at = (level: string) => (event: string, data?: unknown) => lines.push([level, event, data]);
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PolicyWatcher', () => {
  it('re-reads every interval and applies a change without a restart', async () => {
    const settings = new SettingsService({ backend: new MemorySettingsBackend() });
    let current: PolicySnapshot = noPolicy;
    const read = vi.fn(async () => current);
    const { lines, logger } = recorder();
    const watcher = watchPolicy(settings, noPolicy, read, logger);
    expect(lines[0]).toEqual([
      'info',
      'settings:policy-read',
      { mandatory: [], recommended: [], problems: 0 },
    ]);

    current = testPolicy({ gatewayUrl: 'https://locked.example:8043' });
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(read).toHaveBeenCalledTimes(1);
    expect(settings.values().gatewayUrl).toBe('https://locked.example:8043');
    expect(settings.view().locked).toEqual(['gatewayUrl']);
    expect(lines.at(-1)).toEqual([
      'info',
      'settings:policy-changed',
      { mandatory: ['gatewayUrl'], recommended: [], problems: 0 },
    ]);

    current = noPolicy;
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    expect(settings.view().locked).toEqual([]);
    watcher.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('re-reads at focus, but not again within the minimum gap', async () => {
    let now = 0;
    const read = vi.fn(async () => noPolicy);
    const watcher = new PolicyWatcher({
      read,
      apply: () => false,
      logger: recorder().logger,
      now: () => now,
      minGapMs: 10_000,
    });
    watcher.start(noPolicy);
    watcher.nudge(); // right after the start-up read
    expect(read).toHaveBeenCalledTimes(0);
    now = 10_000;
    watcher.nudge();
    watcher.nudge();
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(1);
    watcher.stop();
  });

  it('never overlaps reads: a refresh during a slow read joins it', async () => {
    let release: (policy: PolicySnapshot) => void = () => undefined;
    const read = vi.fn(() => new Promise<PolicySnapshot>((resolve) => (release = resolve)));
    const watcher = new PolicyWatcher({ read, apply: () => true, logger: recorder().logger });
    const first = watcher.refresh();
    const second = watcher.refresh();
    expect(second).toBe(first);
    release(noPolicy);
    await first;
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('keeps the policy in effect when a read fails, and logs it', async () => {
    const settings = new SettingsService({
      backend: new MemorySettingsBackend(),
      policy: testPolicy({ theme: 'dark' }),
    });
    const { lines, logger } = recorder();
    const watcher = new PolicyWatcher({
      read: async () => {
        throw new Error('spawn EAGAIN');
      },
      apply: (p) => settings.applyPolicy(p),
      logger,
    });
    await watcher.refresh();
    expect(settings.values().theme).toBe('dark');
    expect(lines).toEqual([['error', 'settings:policy-read-failed', { error: 'spawn EAGAIN' }]]);
  });

  it('logs each distinct set of problems once, by name only', async () => {
    const problem = { origin: '/etc/agent-desk/policies.json', key: 'pollGapMs', detail: 'x' };
    let current: PolicySnapshot = { ...noPolicy, problems: [problem] };
    const { lines, logger } = recorder();
    const watcher = new PolicyWatcher({ read: async () => current, apply: () => false, logger });
    watcher.start(current);
    await watcher.refresh();
    current = noPolicy;
    await watcher.refresh();
    expect(lines.filter(([, e]) => e.startsWith('settings:policy-problems'))).toEqual([
      ['warn', 'settings:policy-problems', { problems: [problem] }],
      ['info', 'settings:policy-problems-cleared', undefined],
    ]);
    watcher.stop();
  });
});
