// Loads the app's main script the way Electron does for an ES-module entry
// (lib/browser/init.ts: `await cascadedLoader.import(main)`, then `appCodeLoaded()`): the
// entry's top level runs to its end before the runtime may become `ready`; a failure to
// load is reported as an uncaught exception.
import { pathToFileURL } from 'node:url';

const entry = process.argv[2];
const standIn = globalThis[Symbol.for('agent-desk.electron-stand-in.world')];
if (entry === undefined || standIn === undefined) {
  throw new Error('usage: node --import register.mjs launch.mjs <main.js>');
}
try {
  await import(pathToFileURL(entry).href);
} catch (error) {
  standIn.record('uncaught', [String(error?.stack ?? error)]);
  process.emit('uncaughtException', error);
} finally {
  standIn.appCodeLoaded();
}
