/**
 * Bridges a Playwright page to the REAL desk core running in the test process, standing in
 * for the Electron preload (main/ipc/preload.ts): `window.desk` is a DeskApi whose commands
 * go through `page.exposeBinding('__deskInvoke')` to `bindDesk(...).invoke`, and whose
 * `onChanged` listeners are fed by `window.__deskPush(snapshot)` (and `onSettingsChanged`
 * ones by `window.__deskSettingsPush(view)`), which the transport's pushes call through
 * `page.evaluate`. Every message crossing the bridge is recorded so a
 * test can scan them (e.g. for the session Guid, which must never reach the page).
 */
import type { Page } from '@playwright/test';
import type { AgentDesk } from '../../main/compose';
import { commandChannels, pushChannel, settingsPushChannel } from '../../main/ipc/contract';
import type { DeskSnapshot, SettingsView } from '../../main/ipc/contract';
import { bindDesk } from '../../main/ipc/transport';
import type { PageWindow } from './page-types';

/** One message that crossed the bridge, as JSON text (what the page could see). */
export interface BridgeRecord {
  kind: 'request' | 'result' | 'push';
  /** Epoch ms in the test process. */
  at: number;
  /** The command channel, or the push channel name for pushes. */
  channel: string;
  text: string;
}

export interface DeskBridgeOptions {
  /** Called for each push before it is sent to the page (benchmarks time it). */
  onPush?: (snapshot: DeskSnapshot, at: number) => void;
  /** Where bridge failures go (a push that could not reach the page, a failed command). */
  log?: (line: string) => void;
}

/** A live bridge between one page and one desk. */
export interface DeskBridge {
  readonly records: readonly BridgeRecord[];
  /** Resolves when every push sent so far has been delivered (or failed and was logged). */
  settled(): Promise<void>;
  dispose(): void;
}

/**
 * Runs in the page before any of its scripts (an init script, like the preload). Builds a
 * DeskApi with one method per command channel, mirroring main/ipc/preload.ts.
 */
function installDesk(channels: Record<string, string>): void {
  const w = globalThis as unknown as PageWindow;
  // The secret scan walks only what is not built in: remember what was there first.
  Object.defineProperty(w, '__deskBuiltinKeys', { value: Object.keys(w) });
  const listeners = new Set<(snapshot: DeskSnapshot) => void>();
  const settingsListeners = new Set<(view: SettingsView) => void>();
  const api: Record<string, unknown> = {};
  for (const [name, channel] of Object.entries(channels)) {
    api[name] = (request?: unknown) => {
      const invoke = w.__deskInvoke;
      if (invoke === undefined) return Promise.reject(new Error('__deskInvoke is not bound'));
      return invoke(channel, request);
    };
  }
  api.onChanged = (listener: (snapshot: DeskSnapshot) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  Object.defineProperty(w, '__deskPush', {
    value: (snapshot: DeskSnapshot) => {
      for (const listener of [...listeners]) listener(snapshot);
    },
  });
  api.onSettingsChanged = (listener: (view: SettingsView) => void) => {
    settingsListeners.add(listener);
    return () => {
      settingsListeners.delete(listener);
    };
  };
  Object.defineProperty(w, '__deskSettingsPush', {
    value: (view: SettingsView) => {
      for (const listener of [...settingsListeners]) listener(view);
    },
  });
  // Like contextBridge.exposeInMainWorld: one read-only key, a frozen object.
  Object.defineProperty(w, 'desk', { value: Object.freeze(api), enumerable: true });
}

/** Serialises for the record; the text is what a page-side attacker could read. */
function toText(value: unknown): string {
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

/**
 * Exposes `agentDesk` to `page` as `window.desk`. Call before the first `page.goto`.
 */
export async function connectDesk(
  page: Page,
  agentDesk: Pick<AgentDesk, 'desk' | 'handlers' | 'settings'>,
  options: DeskBridgeOptions = {},
): Promise<DeskBridge> {
  const records: BridgeRecord[] = [];
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let pushes: Promise<void> = Promise.resolve();
  let disposed = false;

  const bound = bindDesk(
    agentDesk.desk,
    agentDesk.handlers,
    {
      push(snapshot) {
        if (disposed || page.isClosed()) return;
        const at = Date.now();
        options.onPush?.(snapshot, at);
        records.push({ kind: 'push', at, channel: pushChannel, text: toText(snapshot) });
        // Chained so snapshots arrive in the order they were published.
        pushes = pushes
          .then(() =>
            page.evaluate((s) => {
              // Before the first document has run the init script there is no listener yet;
              // the renderer asks getSnapshot() when it starts, so nothing is lost.
              (globalThis as unknown as PageWindow).__deskPush?.(s);
            }, snapshot),
          )
          .catch((error: unknown) => {
            // A closed page is the end of its test or demo, not a lost push; anything else
            // (e.g. a navigation destroying the context mid-push) goes to the main log.
            if (!page.isClosed())
              log(`bridge: push #${snapshot.seq} not delivered: ${String(error)}`);
          });
      },
      pushSettings(view) {
        if (disposed || page.isClosed()) return;
        records.push({
          kind: 'push',
          at: Date.now(),
          channel: settingsPushChannel,
          text: toText(view),
        });
        // In the same chain as the snapshots: the page sees changes in the order they happened.
        pushes = pushes
          .then(() =>
            page.evaluate((v) => {
              (globalThis as unknown as PageWindow).__deskSettingsPush?.(v);
            }, view),
          )
          .catch((error: unknown) => {
            if (!page.isClosed()) log(`bridge: settings push not delivered: ${String(error)}`);
          });
      },
    },
    undefined,
    agentDesk.settings,
  );

  await page.exposeBinding('__deskInvoke', async (_source, channel: unknown, payload: unknown) => {
    const name = String(channel);
    records.push({ kind: 'request', at: Date.now(), channel: name, text: toText(payload) });
    try {
      const result = await bound.invoke(name, payload);
      records.push({ kind: 'result', at: Date.now(), channel: name, text: toText(result) });
      return result;
    } catch (error) {
      // invoke never throws by contract (dispatchCommand); if it does, the page must see it.
      log(`bridge: ${name} threw: ${String(error)}`);
      throw error;
    }
  });
  // Functions serialised into the page must run there as written, but tsx (esbuild with
  // keepNames: the demo and the benchmarks) rewrites them to call a `__name` helper that
  // only exists in Node. Give the page a harmless one, non-enumerable so scans skip it.
  await page.addInitScript({
    content:
      "Object.defineProperty(globalThis, '__name', { value: (target) => target, configurable: true });",
  });
  await page.addInitScript(installDesk, { ...commandChannels });

  return {
    records,
    settled: () => pushes,
    dispose() {
      disposed = true;
      bound.dispose();
    },
  };
}
