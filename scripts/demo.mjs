#!/usr/bin/env node
// `npm run demo`: the Electron app against an embedded simulator. When the Electron binary
// is missing it is fetched once with electron's own installer (one progress line, a time
// limit); when that is not possible or fails (offline), ONE line says why and the browser
// demo runs instead (scripts/demo-browser.ts: the same renderer and desk core in Chromium).
// Never hangs: the download has a limit, and a failed Electron start falls back too.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { installElectron, installTimeoutMs, isHeadless, locateElectron } from './demo-electron.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

// TypeScript children run as ONE node process with tsx's loader (not through npx, whose
// wrapper does not pass SIGTERM on and would leave the simulator running).
const tsx = ['--import', 'tsx'];

/** An Electron that fails sooner than this after spawn is taken as unable to start. */
const startupGraceMs = 5_000;

function runBrowserDemo(reason) {
  console.log(`Electron cannot start (${reason}): running the browser demo instead.`);
  const child = spawn(process.execPath, [...tsx, 'scripts/demo-browser.ts'], {
    stdio: 'inherit',
    env: process.env,
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

/** Starts the simulator CLI and resolves with its one JSON line (test/simulator/cli.ts). */
function startSimulator(caFile) {
  const sim = spawn(
    process.execPath,
    [
      ...tsx,
      'test/simulator/cli.ts',
      '--port',
      '0',
      '--ca-out',
      caFile,
      '--preview-every-ms',
      '8000',
      '--auto-answer-ms',
      '3000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((done, fail) => {
    const lines = createInterface({ input: sim.stdout });
    lines.once('line', (line) => {
      try {
        done({ sim, info: JSON.parse(line) });
      } catch (error) {
        sim.kill();
        fail(new Error(`the simulator printed no JSON line: ${line} (${error})`));
      }
    });
    sim.once('exit', (code) =>
      fail(new Error(`the simulator exited (${code}) before it was ready`)),
    );
  });
}

async function runElectronDemo(binary) {
  if (!existsSync(join(root, 'out', 'main', 'index.js'))) {
    console.log('Building the app (npx electron-vite build)…');
    const built = spawnSync('npx', ['electron-vite', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error(`the build failed (exit ${built.status})`);
  }
  const work = mkdtempSync(join(tmpdir(), 'agent-desk-demo-'));
  const caFile = join(work, 'ca.pem');
  const { sim, info } = await startSimulator(caFile);
  console.log(`Simulator: ${info.url}`);
  for (const agent of info.agents) {
    console.log(`  agent ${agent.id}  password ${agent.password}  phone ${agent.phone}`);
  }
  const app = spawn(binary, [root], {
    stdio: 'inherit',
    env: {
      ...process.env,
      // Read by the shell in development only (main/index.ts).
      AGENT_DESK_GATEWAY_URL: info.url,
      AGENT_DESK_CA_FILE: info.ca ?? caFile,
      AGENT_DESK_USER_DATA: join(work, 'user-data'),
    },
  });
  const startedAt = Date.now();
  const stop = () => {
    sim.kill('SIGTERM');
    rmSync(work, { recursive: true, force: true });
  };
  process.on('SIGINT', () => app.kill('SIGINT'));
  return new Promise((done) => {
    app.once('error', (error) => {
      stop();
      done({ started: false, reason: error.message });
    });
    app.once('exit', (code, signal) => {
      stop();
      // A failure within seconds is a start failure (missing libraries, no GPU/display
      // access …), not the agent closing the app: fall back to the browser.
      const early = Date.now() - startedAt < startupGraceMs;
      if (code !== 0 && signal === null && early) {
        done({ started: false, reason: `Electron exited with code ${code} while starting` });
      } else {
        done({ started: true, code: code ?? 1 });
      }
    });
  });
}

const locate = () =>
  locateElectron({
    root,
    env: process.env,
    platform: process.platform,
    exists: existsSync,
    readText: (path) => (existsSync(path) ? readFileSync(path, 'utf8') : null),
  });

let found = locate();
if (isHeadless(process.env, process.platform)) {
  runBrowserDemo('no display: DISPLAY and WAYLAND_DISPLAY are unset');
} else {
  if (found.binary === null && found.canInstall) {
    const timeoutMs = installTimeoutMs(process.env);
    const version = JSON.parse(
      readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8'),
    ).version;
    console.log(
      `Downloading Electron ${version} once with its own installer (about 100 MB, at most ${Math.round(timeoutMs / 1000)} s)…`,
    );
    const started = Date.now();
    const installed = await installElectron({ root, env: process.env, timeoutMs });
    if (installed.ok) {
      console.log(`Electron installed in ${Math.round((Date.now() - started) / 1000)} s.`);
      found = locate();
    } else {
      found = { binary: null, reason: installed.reason };
    }
  }
  if (found.binary === null) {
    runBrowserDemo(found.reason);
  } else {
    const outcome = await runElectronDemo(found.binary);
    if (outcome.started) process.exit(outcome.code);
    runBrowserDemo(outcome.reason);
  }
}
