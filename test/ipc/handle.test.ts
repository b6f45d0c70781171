import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { commandChannels } from '../../main/ipc/contract';
import type { FrameLike } from '../../main/ipc/handle';
import { isAppOrigin, registerIpcHandlers, trustedFrameCheck } from '../../main/ipc/handle';
import { createCommandHandlers } from '../../main/ipc/handlers';
import { fakeHost } from './fakes';

type Listener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** The two ipcMain methods the wrapper uses. */
function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  return {
    handlers,
    handle(channel: string, listener: Listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
  };
}

const mainFrame: FrameLike = { url: 'app://desk/index.html', parent: null };

function eventFrom(frame: FrameLike | null): IpcMainInvokeEvent {
  return { senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

describe('isAppOrigin', () => {
  it.each([
    ['app://desk/index.html', true],
    ['app://desk', true],
    ['APP://desk/x?y#z', true],
    ['app://DESK/', true],
    ['app://desk.evil/', false],
    ['app://deskx/', false],
    ['app://evil/desk', false],
    ['app://desk@evil/', false],
    ['app://evil@desk/', false],
    ['app://desk:8080/', false],
    ['https://desk/', false],
    ['file:///app/desk/index.html', false],
    ['about:blank', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isAppOrigin(url)).toBe(expected);
  });

  it('compares http origins with their port (the dev server)', () => {
    expect(isAppOrigin('http://localhost:5173/src/main.ts', 'http://localhost:5173')).toBe(true);
    expect(isAppOrigin('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
  });
});

describe('trustedFrameCheck', () => {
  const check = trustedFrameCheck(['app://desk']);
  it('trusts only a live main frame of our origin', () => {
    expect(check(mainFrame)).toBe(true);
    expect(check(null)).toBe(false);
    expect(check({ ...mainFrame, parent: mainFrame })).toBe(false);
    expect(check({ ...mainFrame, url: 'https://evil.example/' })).toBe(false);
    expect(check({ ...mainFrame, detached: true })).toBe(false);
    expect(check({ ...mainFrame, isDestroyed: () => true })).toBe(false);
  });
});

describe('registerIpcHandlers', () => {
  it('handles every channel, refuses untrusted senders and unregisters', async () => {
    const ipc = fakeIpcMain();
    const host = fakeHost();
    const warnings: string[] = [];
    const unregister = registerIpcHandlers(ipc, createCommandHandlers(host), {
      isTrustedFrame: trustedFrameCheck(['app://desk']),
      logger: { info: () => undefined, warn: (e) => warnings.push(e), error: () => undefined },
    });
    expect([...ipc.handlers.keys()].sort()).toEqual(Object.values(commandChannels).sort());

    const hangUp = ipc.handlers.get(commandChannels.hangUp);
    expect(await hangUp?.(eventFrom(mainFrame), undefined)).toEqual({ ok: true, value: undefined });
    const iframe = { url: 'app://desk/index.html', parent: mainFrame };
    expect(await hangUp?.(eventFrom(iframe), undefined)).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'not-available', detail: 'untrusted sender' },
    });
    expect(await hangUp?.(eventFrom(null), undefined)).toMatchObject({ ok: false });
    expect(host.desk.calls).toEqual([{ method: 'hangUp', req: undefined }]);
    expect(warnings).toEqual(['ipc.untrusted-sender', 'ipc.untrusted-sender']);

    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('treats a frame that throws on inspection as untrusted', async () => {
    const ipc = fakeIpcMain();
    const host = fakeHost();
    registerIpcHandlers(ipc, createCommandHandlers(host), {
      isTrustedFrame: () => {
        throw new Error('Render frame was disposed');
      },
      logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const result = await ipc.handlers.get(commandChannels.signOut)?.(eventFrom(mainFrame));
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused' } });
    expect(host.desk.calls).toEqual([]);
  });
});
