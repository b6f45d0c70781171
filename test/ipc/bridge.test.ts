import { describe, expect, it } from 'vitest';
import { createDeskApi } from '../../main/ipc/bridge';
import type { DeskSnapshot, SettingsView } from '../../main/ipc/contract';
import { commandChannels } from '../../main/ipc/contract';
import { createCommandHandlers } from '../../main/ipc/handlers';
import { bindDesk } from '../../main/ipc/transport';
import { fakeHost, fakeSnapshot } from './fakes';

/** A push source like ipcRenderer.on/removeListener. */
function pushSource<T = DeskSnapshot>() {
  const listeners: Array<(s: T) => void> = [];
  return {
    listeners,
    subscribe(listener: (s: T) => void) {
      const wrapper = (s: T) => listener(s);
      listeners.push(wrapper);
      return () => {
        const index = listeners.indexOf(wrapper);
        if (index >= 0) listeners.splice(index, 1);
      };
    },
    emit(s: T) {
      for (const listener of [...listeners]) listener(s);
    },
  };
}

describe('createDeskApi', () => {
  it('sends each command on its channel with the request object', async () => {
    const sent: Array<[string, unknown]> = [];
    const api = createDeskApi(
      async (channel, payload) => {
        sent.push([channel, payload]);
        return { ok: true, value: channel };
      },
      pushSource().subscribe,
      pushSource<SettingsView>().subscribe,
    );
    expect(await api.sendDigits({ digits: '1#' })).toEqual({
      ok: true,
      value: commandChannels.sendDigits,
    });
    await api.hangUp();
    expect(sent).toEqual([
      [commandChannels.sendDigits, { digits: '1#' }],
      [commandChannels.hangUp, undefined],
    ]);
  });

  it('turns a rejected invoke into an internal Result', async () => {
    const api = createDeskApi(
      async () => {
        throw new Error("No handler registered for 'call:hang-up'");
      },
      pushSource().subscribe,
      pushSource<SettingsView>().subscribe,
    );
    expect(await api.hangUp()).toEqual({
      ok: false,
      error: { kind: 'internal', detail: "hangUp: No handler registered for 'call:hang-up'" },
    });
  });

  it('unsubscribes only the listener it returned', () => {
    const source = pushSource();
    const api = createDeskApi(
      async () => undefined,
      source.subscribe,
      pushSource<SettingsView>().subscribe,
    );
    const a: number[] = [];
    const b: number[] = [];
    const offA = api.onChanged((s) => a.push(s.seq));
    api.onChanged((s) => b.push(s.seq));
    source.emit(fakeSnapshot(1));
    offA();
    offA();
    source.emit(fakeSnapshot(2));
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
    expect(source.listeners).toHaveLength(1);
  });

  it('delivers settings views to onSettingsChanged and unsubscribes only that listener', () => {
    const views = pushSource<SettingsView>();
    const api = createDeskApi(async () => undefined, pushSource().subscribe, views.subscribe);
    const seen: string[] = [];
    const off = api.onSettingsChanged((view) => seen.push(view.values.gatewayUrl));
    const view = fakeHost().settings.view();
    views.emit(view);
    off();
    views.emit(view);
    expect(seen).toEqual(['https://gw.example:8043']);
    expect(views.listeners).toHaveLength(0);
    expect(() => api.onSettingsChanged(undefined as never)).toThrow(TypeError);
  });

  it('is frozen', () => {
    const api = createDeskApi(
      async () => undefined,
      pushSource().subscribe,
      pushSource<SettingsView>().subscribe,
    );
    expect(Object.isFrozen(api)).toBe(true);
  });
});

describe('bindDesk', () => {
  it('pushes every published snapshot until disposed, then refuses requests', async () => {
    const host = fakeHost();
    const pushed: number[] = [];
    const bound = bindDesk(host.desk, createCommandHandlers(host), {
      push: (s) => pushed.push(s.seq),
    });
    host.desk.publish(fakeSnapshot(1));
    expect(await bound.invoke(commandChannels.getSnapshot, undefined)).toEqual({
      ok: true,
      value: host.desk.current,
    });
    bound.dispose();
    host.desk.publish(fakeSnapshot(2));
    expect(pushed).toEqual([1]);
    expect(host.desk.listeners.size).toBe(0);
    expect(await bound.invoke(commandChannels.getSnapshot, undefined)).toMatchObject({
      ok: false,
      error: { kind: 'refused', reason: 'not-available' },
    });
  });

  it('pushes each settings view change until disposed', () => {
    const host = fakeHost();
    const pushed: string[] = [];
    const bound = bindDesk(
      host.desk,
      createCommandHandlers(host),
      { push: () => undefined, pushSettings: (view) => pushed.push(view.values.theme) },
      undefined,
      host.settings,
    );
    host.settings.update({ theme: 'dark' });
    bound.dispose();
    host.settings.update({ theme: 'light' });
    expect(pushed).toEqual(['dark']);
  });

  it('keeps pushing after a delivery fails, and logs it', () => {
    const host = fakeHost();
    const errors: unknown[] = [];
    const pushed: number[] = [];
    bindDesk(
      host.desk,
      createCommandHandlers(host),
      {
        push: (s) => {
          if (s.seq === 1) throw new Error('page gone');
          pushed.push(s.seq);
        },
      },
      { info: () => undefined, warn: () => undefined, error: (_e, data) => errors.push(data) },
    );
    host.desk.publish(fakeSnapshot(1));
    host.desk.publish(fakeSnapshot(2));
    expect(pushed).toEqual([2]);
    expect(errors).toEqual([{ seq: 1, error: 'page gone' }]);
  });

  it('bridges createDeskApi to the core end to end', async () => {
    const host = fakeHost();
    const source = pushSource();
    const bound = bindDesk(host.desk, createCommandHandlers(host), { push: (s) => source.emit(s) });
    const api = createDeskApi(
      (channel, payload) => bound.invoke(channel, payload),
      source.subscribe,
      pushSource<SettingsView>().subscribe,
    );
    const seen: number[] = [];
    api.onChanged((s) => seen.push(s.seq));
    expect(await api.setAgentState({ state: 'ready' })).toEqual({ ok: true, value: undefined });
    host.desk.publish(fakeSnapshot(7));
    expect(seen).toEqual([7]);
    expect(host.desk.calls).toEqual([{ method: 'setAgentState', req: { state: 'ready' } }]);
  });
});
