#!/usr/bin/env node
// `npm run dist` — package the built app (out/) with electron-builder and electron-builder.yml.
//
//   node scripts/dist.mjs [--electron-dist <dir>] [--win|--mac|--linux ...] [--dir] [--x64|--arm64]
//
// --electron-dist <dir>  use an unpacked Electron (the folder holding electron / electron.exe /
//                        Electron.app) instead of downloading one: for build machines without
//                        internet. electron-builder's own tools (NSIS, WiX, AppImage) must then be
//                        in its cache already (ELECTRON_BUILDER_CACHE), or the build stops with
//                        electron-builder's download error.
// Never publishes (`--publish never`; the config has `publish: null` too).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const passThrough = new Set([
  '--win',
  '--mac',
  '--linux',
  '--dir',
  '--x64',
  '--arm64',
  '--ia32',
  '--universal',
]);

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(2);
}

const argv = process.argv.slice(2);
const builderArgs = ['--config', 'electron-builder.yml', '--publish', 'never'];
for (let i = 0; i < argv.length; i += 1) {
  const arg = argv[i];
  if (arg === '--electron-dist') {
    const dir = argv[i + 1];
    if (dir === undefined || dir.startsWith('--')) fail('--electron-dist needs a folder');
    const full = resolve(dir);
    if (!existsSync(full) || !statSync(full).isDirectory()) fail(`no such folder: ${full}`);
    builderArgs.push(`-c.electronDist=${full}`);
    i += 1;
  } else if (arg === '--help' || arg === '-h') {
    console.log(
      'usage: node scripts/dist.mjs [--electron-dist <dir>] [--win|--mac|--linux] [--dir] [--x64|--arm64]',
    );
    process.exit(0);
  } else if (passThrough.has(arg)) {
    builderArgs.push(arg);
  } else {
    fail(`unknown option ${arg} (see --help)`);
  }
}

for (const built of ['out/main/index.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) {
  if (!existsSync(built)) fail(`${built} is missing: run \`npm run build\` first`);
}

const bin = resolve(
  'node_modules/.bin',
  process.platform === 'win32' ? 'electron-builder.cmd' : 'electron-builder',
);
console.log(`dist: electron-builder ${builderArgs.join(' ')}`);
const run = spawnSync(bin, builderArgs, { stdio: 'inherit', shell: process.platform === 'win32' });
if (run.error) fail(`could not start electron-builder: ${run.error.message}`);
process.exit(run.status ?? 1);
