// The shared state of the Electron STAND-IN (not Electron): the journal of every call made
// on it, the rule violations, and the process's way out. Plain JavaScript, because the
// packaging check loads it in a bare `node` with no TypeScript loader (test/packaging/).
import { EventEmitter } from 'node:events';

/** Reduces a value to what can cross the IPC channel to the test (JSON). */
export function describe(value, depth = 0) {
  if (value === null || value === undefined) return value ?? null;
  if (typeof value === 'function') return '[function]';
  if (typeof value !== 'object') return typeof value === 'bigint' ? String(value) : value;
  if (typeof value.standInRef === 'string') return { ref: value.standInRef };
  if (value instanceof Error) return { error: value.message };
  if (ArrayBuffer.isView(value)) return { bytes: value.byteLength };
  if (depth > 12) return '[deep]';
  if (Array.isArray(value)) return value.map((item) => describe(item, depth + 1));
  const out = {};
  for (const [key, item] of Object.entries(value)) out[key] = describe(item, depth + 1);
  return out;
}

/** An Electron-like preventable event. */
export function preventableEvent(fields = {}) {
  const event = {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

/**
 * Creates the world. `send(message, done?)` reaches the test process (process.send in the
 * child), `exitProcess(code)` really ends it.
 */
export function createWorld(config, send, exitProcess) {
  let seq = 0;
  let codeLoaded;
  const world = {
    /** Resolves once the app's main script has been evaluated (launch.mjs). */
    codeLoaded: new Promise((resolve) => {
      codeLoaded = resolve;
    }),
    appCodeLoaded: () => codeLoaded(),
    config,
    events: new EventEmitter(),
    ready: false,
    exited: false,
    quitting: false,
    windows: [],
    nextId: 1,
    dialogs: [],
    dialogAnswers: [],
    notifications: [],
    trays: [],
    appMenu: null,
    appMenuSetByApp: false,
    privilegedSchemes: [],
    ipcHandlers: new Map(),
    defaultSession: null,

    /** Records one call; the entry is streamed to the test at once (it survives an exit). */
    record(api, args = [], extra = {}) {
      const entry = { seq: ++seq, at: Date.now(), api, args: args.map((a) => describe(a)) };
      for (const [key, value] of Object.entries(extra)) entry[key] = describe(value);
      send({ type: 'journal', entry });
      return entry;
    },

    /**
     * A call Electron's documentation calls illegal: journaled as a violation (so a test sees
     * it even when the app catches the error) and thrown, as Electron throws.
     */
    violate(message, source, ErrorType = Error) {
      world.record('violation', [message], { source });
      throw new ErrorType(`[electron stand-in] ${message} (${source})`);
    },

    /** Ends the process now: app.exit(), the end of app.quit(), or the OS killing it. */
    exit(code, how) {
      if (world.exited) return;
      world.exited = true;
      for (const win of world.windows) win.destroyQuietly();
      world.record('process.exit', [code], { how });
      send({ type: 'exit', code, how }, () => exitProcess(code));
    },
  };
  return world;
}
