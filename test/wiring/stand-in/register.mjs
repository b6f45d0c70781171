// `node --import ./register.mjs launch.mjs <main.js>`: makes `electron` resolve to the STAND-IN for
// both ESM imports (a resolve hook) and CommonJS requires (electron-log/main uses require),
// fakes `process.platform` when the test asks for another OS, and opens the driver channel
// to the test process. Nothing else is redirected: every other module resolves as Node
// resolves it, so a module missing from node_modules fails here as it would in the app.
import Module, { register } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createDriver } from './driver.mjs';
import { configFromEnv, createElectronStandIn } from './index.mjs';

const config = configFromEnv(process.env);
if (config.platform !== process.platform) {
  // The app's own platform branches follow; Node's modules loaded before this keep theirs.
  Object.defineProperty(process, 'platform', { value: config.platform });
}

const send = (message, done) => {
  if (typeof process.send === 'function' && process.connected) process.send(message, done);
  else done?.();
};
const standIn = createElectronStandIn(config, send, (code) => process.exit(code));
globalThis[Symbol.for('agent-desk.electron-stand-in')] = standIn.module;
globalThis[Symbol.for('agent-desk.electron-stand-in.world')] = standIn.world;

register('./hooks.mjs', import.meta.url);
const commonJsEntry = fileURLToPath(new URL('./electron.cjs', import.meta.url));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveElectron(request, ...rest) {
  if (request === 'electron' || request === 'electron/main') return commonJsEntry;
  return resolveFilename.call(this, request, ...rest);
};

// Errors the app does not catch reach the test as they would end a real main process.
process.on('uncaughtExceptionMonitor', (error) => {
  standIn.world.record('uncaught', [String(error?.stack ?? error)]);
});

if (typeof process.send === 'function') {
  const handle = createDriver(standIn);
  process.on('message', (message) => {
    if (message?.type !== 'op') return;
    Promise.resolve()
      .then(() => handle(message))
      .then(
        (value) => send({ type: 'reply', id: message.id, ok: true, value: value ?? null }),
        (error) =>
          send({ type: 'reply', id: message.id, ok: false, error: String(error?.stack ?? error) }),
      );
  });
}
