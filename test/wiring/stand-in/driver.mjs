// The test's remote control of the Electron STAND-IN: each message from the test process is
// one thing Electron or the OS would do (become ready, a click, a second launch, a
// shutdown…), answered with its result. The app under test cannot tell it from the runtime.
import { describe, preventableEvent } from './world.mjs';

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function createDriver(standIn) {
  const { world, module: electron } = standIn;
  const window = () => {
    const win = electron.BrowserWindow.getAllWindows()[0];
    if (win === undefined) throw new Error('no window is open');
    return win;
  };

  const ops = {
    /** The main script has run its top level (Electron waits for this before `ready`). */
    loaded: () => world.codeLoaded,
    async ready() {
      await world.codeLoaded;
      world.becomeReady();
    },

    state: () => ({
      ready: world.ready,
      quitting: world.quitting,
      windows: world.windows.map((win) => win.view()),
      pendingDialogs: world.dialogs
        .filter((box) => !box.answered)
        .map((box) => ({
          id: box.id,
          options: describe(box.options),
        })),
      appMenu: world.appMenu === null ? null : describe(world.appMenu.template),
      ipcChannels: [...world.ipcHandlers.keys()],
      trays: world.trays.length,
    }),

    /** A command from our page's main frame (or from another frame, `foreign: true`). */
    async invoke({ channel, payload, foreign }) {
      const handler = world.ipcHandlers.get(channel);
      if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
      const contents = window().webContents;
      const frame = foreign
        ? {
            url: 'https://evil.example/',
            parent: contents.mainFrame,
            processId: 999,
            routingId: 999,
            isDestroyed: () => false,
          }
        : contents.mainFrame;
      const event = {
        sender: contents,
        senderFrame: frame,
        processId: frame.processId,
        frameId: frame.routingId,
      };
      return describe(await handler(event, payload));
    },

    answerDialogs({ responses }) {
      world.dialogAnswers.push(...responses);
      world.answerQueuedDialogs();
    },

    quit: () => electron.app.quit(),
    closeWindow: () => window().close(),
    minimize: () => window().minimize(),
    blur: () => window().blurByUser(),
    secondInstance: ({ argv = [] }) =>
      electron.app.emit('second-instance', preventableEvent(), argv, process.cwd(), {}),
    activate: () => electron.app.emit('activate', preventableEvent(), false),
    power: ({ event }) => electron.powerMonitor.emit(event),

    /** macOS/Linux shutdown; when the app does not prevent it, the OS quits it itself. */
    shutdown() {
      const prevented = world.emitShutdown();
      if (!prevented) electron.app.quit();
      return { prevented };
    },

    /**
     * Windows shutdown: WM_QUERYENDSESSION to every window, `gapMs` for the OS to query the
     * other applications, WM_ENDSESSION, then the OS kills the process at once
     * (shell/browser/native_window_views_win.cc: "The OS kills us … right after this returns").
     */
    async sessionEnd({ reasons = ['shutdown'], gapMs = 200 }) {
      let prevented = false;
      for (const win of electron.BrowserWindow.getAllWindows()) {
        const event = preventableEvent({ reasons });
        win.emit('query-session-end', event);
        prevented ||= event.defaultPrevented;
      }
      world.record('os query-session-end', [reasons], { prevented });
      if (prevented) return { prevented };
      await wait(gapMs);
      for (const win of electron.BrowserWindow.getAllWindows()) {
        win.emit('session-end', preventableEvent({ reasons }));
      }
      world.exit(0, 'killed by the OS after session-end');
      return { prevented };
    },

    /** A link or the page asking to navigate: details first; the deprecated positional
     *  arguments are withheld, so code that still reads them fails here first. */
    navigate({ url, redirect }) {
      const contents = window().webContents;
      const details = preventableEvent({
        url,
        isSameDocument: false,
        isMainFrame: true,
        frame: contents.mainFrame,
        initiator: contents.mainFrame,
      });
      contents.emit(redirect ? 'will-redirect' : 'will-navigate', details);
      return { prevented: details.defaultPrevented };
    },

    windowOpen({ url }) {
      const handler = window().webContents.windowOpenHandler;
      if (handler === null) return { action: 'allow (no handler)' };
      return describe(handler({ url, frameName: '', features: '', disposition: 'new-window' }));
    },

    async fetch({ url }) {
      const response = await world.fetchFromScheme(url);
      if (response === null) return { status: 'unhandled scheme' };
      const body = await response.text();
      return { status: response.status, headers: Object.fromEntries(response.headers), body };
    },

    clickNotification({ index }) {
      const notification = world.notifications[index]?.deref();
      if (notification === undefined) return { delivered: false, reason: 'collected' };
      notification.emit('click', preventableEvent());
      return { delivered: true };
    },

    closeNotification({ index, reason }) {
      const notification = world.notifications[index]?.deref();
      if (notification === undefined) return { delivered: false, reason: 'collected' };
      notification.emit('close', preventableEvent({ reason }));
      return { delivered: true };
    },

    async gc() {
      if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
      for (let i = 0; i < 3; i += 1) {
        globalThis.gc();
        await wait(10);
      }
      return { alive: world.notifications.filter((ref) => ref.deref() !== undefined).length };
    },

    trayMenu({ label }) {
      const tray = world.trays.at(-1);
      const item = tray?.menu?.template.find((entry) => entry.label === label);
      if (item === undefined) throw new Error(`no tray menu item "${label}"`);
      item.click?.(item, null, {});
    },
  };

  return async function handle(message) {
    const op = ops[message.op];
    if (op === undefined) throw new Error(`unknown stand-in op ${message.op}`);
    return op(message.args ?? {});
  };
}
