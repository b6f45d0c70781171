import { describe, expect, it, vi } from 'vitest';
import type { DeskApi } from '../../main/ipc/contract';
import { commandChannels, pushChannel, settingsPushChannel } from '../../main/ipc/contract';
import { fakeSnapshot } from './fakes';

type PushHandler = (event: unknown, snapshot: unknown) => void;

const electron = vi.hoisted(() => {
  const exposed: Array<[string, unknown]> = [];
  const handlers = new Map<string, PushHandler[]>();
  const invoked: Array<[string, unknown]> = [];
  return {
    exposed,
    handlers,
    invoked,
    contextBridge: {
      exposeInMainWorld: (key: string, value: unknown) => exposed.push([key, value]),
    },
    ipcRenderer: {
      invoke: async (channel: string, payload: unknown) => {
        invoked.push([channel, payload]);
        return { ok: true, value: null };
      },
      on: (channel: string, handler: PushHandler) => {
        handlers.set(channel, [...(handlers.get(channel) ?? []), handler]);
      },
      removeListener: (channel: string, handler: PushHandler) => {
        handlers.set(
          channel,
          (handlers.get(channel) ?? []).filter((h) => h !== handler),
        );
      },
    },
  };
});

vi.mock('electron', () => ({
  contextBridge: electron.contextBridge,
  ipcRenderer: electron.ipcRenderer,
}));

describe('the preload', () => {
  it('exposes exactly one object, `desk`, wired to ipcRenderer', async () => {
    await import('../../main/ipc/preload');
    expect(electron.exposed.map(([key]) => key)).toEqual(['desk']);
    const api = electron.exposed[0]?.[1] as DeskApi;
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(commandChannels), 'onChanged', 'onSettingsChanged'].sort(),
    );

    await api.declinePreview({ controlId: '7' });
    expect(electron.invoked).toEqual([[commandChannels.declinePreview, { controlId: '7' }]]);

    const seen: number[] = [];
    const off = api.onChanged((s) => seen.push(s.seq));
    api.onChanged(() => undefined);
    const push = (seq: number) => {
      for (const h of electron.handlers.get(pushChannel) ?? [])
        h({ sender: 'ipc' }, fakeSnapshot(seq));
    };
    push(1);
    off();
    push(2);
    expect(seen).toEqual([1]);
    expect(electron.handlers.get(pushChannel)).toHaveLength(1);

    // Settings views arrive on their own channel, never on the snapshot one.
    const themes: unknown[] = [];
    const offSettings = api.onSettingsChanged((view) => themes.push(view.values.theme));
    for (const h of electron.handlers.get(settingsPushChannel) ?? []) {
      h({ sender: 'ipc' }, { values: { theme: 'dark' } });
    }
    offSettings();
    expect(themes).toEqual(['dark']);
    expect(electron.handlers.get(settingsPushChannel)).toHaveLength(0);
  });
});
