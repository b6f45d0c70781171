#!/usr/bin/env node
// `npm run dist` — package the built app (out/) with electron-builder and electron-builder.yml.
//
//   node scripts/dist.mjs [--electron-dist <dir>] [--output <dir>] [--win|--mac|--linux ...] [--dir] [--x64|--arm64]
//
// --electron-dist <dir>  use an unpacked Electron (the folder holding electron / electron.exe /
//                        Electron.app) instead of downloading one: for build machines without
//                        internet. electron-builder's own tools (NSIS, WiX, AppImage) must then be
//                        in its cache already (ELECTRON_BUILDER_CACHE), or the build stops with
//                        electron-builder's download error.
// --output <dir>         where the installers go (default dist/).
// Never publishes (`--publish never`; the config has `publish: null` too). How the command is
// built (no shell, macOS signing) is scripts/dist-plan.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DistUsageError, distPlan, usage } from './dist-plan.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function fail(message) {
  console.error(`dist: ${message}`);
  process.exit(2);
}

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  console.log(usage);
  process.exit(0);
}

let plan;
try {
  plan = distPlan({
    argv,
    env: process.env,
    platform: process.platform,
    root,
    execPath: process.execPath,
    folderExists: (path) => existsSync(path) && statSync(path).isDirectory(),
  });
} catch (error) {
  if (error instanceof DistUsageError) fail(error.message);
  throw error;
}

for (const built of ['out/main/index.js', 'out/preload/preload.cjs', 'out/renderer/index.html']) {
  if (!existsSync(resolve(root, built))) fail(`${built} is missing: run \`npm run build\` first`);
}

for (const note of plan.notes) console.log(`dist: ${note}`);
console.log(`dist: electron-builder ${plan.args.slice(1).join(' ')}`);
const run = spawnSync(plan.command, plan.args, { stdio: 'inherit', shell: plan.shell, cwd: root });
if (run.error) fail(`could not start electron-builder: ${run.error.message}`);
process.exit(run.status ?? 1);
