/**
 * The packaging check: the real electron-builder 26.17 (`npm run dist -- --linux --dir`,
 * through scripts/dist.mjs, into folders whose paths hold spaces) packages the built app
 * around a stand-in Electron distribution (electron-dist.ts). From the produced folder it
 * checks what an installer would ship: the fuses as configured, an app.asar holding out/,
 * package.json and the production dependencies only, the administrator defaults example in
 * resources — and that the packaged main starts from the asar's own node_modules alone
 * (under the Electron stand-in, signed in against the simulator). Electron does not run.
 */
import { extractAll, extractFile, listPackage, statFile } from '@electron/asar';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse as parsePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commandChannels, type DeskResult } from '../../main/ipc/contract';
import { startSimulator, type Simulator } from '../simulator/index';
import { configureGateway, requireBuild } from '../wiring/desk';
import { StandInApp } from '../wiring/harness';
import { electron45Fuses, writeStandInElectronDist } from './electron-dist';

const root = fileURLToPath(new URL('../../', import.meta.url));
const builderConfig = parse(readFileSync(join(root, 'electron-builder.yml'), 'utf8')) as {
  appId: string;
  electronFuses: Record<string, boolean>;
  extraResources: Array<{ from: string; to: string }>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<
    string,
    { version?: string; dev?: boolean; devOptional?: boolean; optional?: boolean }
  >;
};

/** electron-builder.yml's fuse names → @electron/fuses wire positions (PlatformPackager.generateFuseConfig). */
const fuseIndex: Record<string, FuseV1Options> = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
};

let work: string;
let appDir: string;
let asarPath: string;
let files: string[];
let builderSeconds: number;

beforeAll(async () => {
  requireBuild();
  // Spaces on purpose: the path must reach electron-builder as one argument (issue #10, 9).
  work = mkdtempSync(join(tmpdir(), 'agent desk packaging '));
  const electronDist = join(work, 'electron dist');
  const output = join(work, 'dist out');
  await writeStandInElectronDist(electronDist);
  const started = performance.now();
  const run = spawnSync(
    process.execPath,
    ['scripts/dist.mjs', '--linux', '--dir', '--electron-dist', electronDist, '--output', output],
    {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        ELECTRON_OVERRIDE_DIST_PATH: '/nonexistent',
        CSC_IDENTITY_AUTO_DISCOVERY: 'false',
      },
      timeout: 120_000,
    },
  );
  builderSeconds = (performance.now() - started) / 1000;
  if (run.status !== 0) {
    throw new Error(`electron-builder failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  appDir = join(output, 'linux-unpacked');
  asarPath = join(appDir, 'resources', 'app.asar');
  files = listPackage(asarPath, { isPack: false }).map((file) => file.replace(/^[\\/]/, ''));
  console.log(
    `packaging check: electron-builder --linux --dir took ${builderSeconds.toFixed(1)} s`,
  );
});

afterAll(() => {
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
});

/** Regular files only. */
function asarFiles(): string[] {
  return files.filter((file) => !('files' in statFile(asarPath, file)));
}

/** `name@version` of every package folder in the asar's node_modules. */
function packagedModules(): Set<string> {
  const manifests = files.filter((file) =>
    /(^|\/)node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(file),
  );
  return new Set(
    manifests.map((file) => {
      const manifest = JSON.parse(extractFile(asarPath, file).toString('utf8')) as {
        name: string;
        version: string;
      };
      return `${manifest.name}@${manifest.version}`;
    }),
  );
}

/** The production dependency closure, as npm resolved it (package-lock.json). */
function productionModules(): { required: Set<string>; optional: Set<string> } {
  const required = new Set<string>();
  const optional = new Set<string>();
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.dev === true || entry.devOptional === true) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    (entry.optional === true ? optional : required).add(`${name}@${entry.version}`);
  }
  return { required, optional };
}

describe('the packaged app (electron-builder --linux --dir, stand-in Electron)', () => {
  it('wrote every fuse as electron-builder.yml configures it', async () => {
    const wire = (await getCurrentFuseWire(join(appDir, 'agent-desk'))) as unknown as Record<
      number,
      number
    >;
    const on = (value: boolean) => (value ? 49 : 48); // '1' / '0'
    const unknown = Object.keys(builderConfig.electronFuses).filter(
      (key) => !(key in fuseIndex) && key !== 'resetAdHocDarwinSignature',
    );
    expect(unknown).toEqual([]);
    for (const [name, index] of Object.entries(fuseIndex)) {
      const configured = builderConfig.electronFuses[name];
      const expected =
        configured === undefined ? electron45Fuses.charCodeAt(index) : on(configured);
      expect(wire[index], name).toBe(expected);
    }
    // Electron 45's ninth fuse (wasm trap handlers) is unknown to @electron/fuses 1.8: kept.
    expect(wire[8]).toBe(electron45Fuses.charCodeAt(8));
  });

  it('holds out/ and package.json at the top of app.asar, and nothing else of ours', () => {
    const top = new Set(files.map((file) => file.split('/')[0]));
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json']);
    const ours = asarFiles().filter((file) => !file.startsWith('node_modules/'));
    expect(
      ours.filter(
        (file) => !/^out\/(main|preload|renderer)\//.test(file) && file !== 'package.json',
      ),
    ).toEqual([]);
    expect(ours).toEqual(
      expect.arrayContaining([
        'out/main/index.js',
        'out/preload/preload.cjs',
        'out/renderer/index.html',
      ]),
    );
    const manifest = JSON.parse(extractFile(asarPath, 'package.json').toString('utf8')) as Record<
      string,
      unknown
    >;
    expect(manifest['main']).toBe('out/main/index.js');
    expect(manifest).not.toHaveProperty('devDependencies');
    expect(manifest).not.toHaveProperty('scripts');
  });

  it('packs exactly the production dependencies npm resolved, no devDependency', () => {
    const packaged = packagedModules();
    const { required, optional } = productionModules();
    expect([...packaged].filter((id) => !required.has(id) && !optional.has(id))).toEqual([]);
    expect([...required].filter((id) => !packaged.has(id))).toEqual([]);
    for (const dev of [
      'electron',
      'vitest',
      'svelte',
      'typescript',
      '@playwright/test',
      'electron-builder',
    ]) {
      expect(
        [...packaged].some((id) => id.startsWith(`${dev}@`)),
        dev,
      ).toBe(false);
    }
  });

  it('ships no source maps, TypeScript sources, tests or secrets', () => {
    const all = asarFiles();
    expect(all.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(all.filter((file) => /\.(ts|cts|mts|tsbuildinfo)$/.test(file))).toEqual([]);
    expect(all.filter((file) => /^(test|src|main|renderer|scripts|build)\//.test(file))).toEqual(
      [],
    );
    expect(
      all.filter((file) => /(^|\/)(\.env[^/]*|\.npmrc|[^/]+\.(pem|key|p12|pfx|crt))$/.test(file)),
    ).toEqual([]);
    const privateKey = /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
    expect(
      all.filter((file) => privateKey.test(extractFile(asarPath, file).toString('latin1'))),
    ).toEqual([]);
  });

  it('puts the administrator defaults example and the policy templates in resources, as in build/', () => {
    /** Every file under a resource (a file, or a folder such as build/policy/). */
    const filesOf = (path: string): string[] =>
      statSync(path).isDirectory()
        ? readdirSync(path).flatMap((name) => filesOf(join(path, name)).map((f) => join(name, f)))
        : [''];
    for (const resource of builderConfig.extraResources) {
      const source = join(root, resource.from);
      for (const file of filesOf(source)) {
        const shipped = join(appDir, 'resources', resource.to, file);
        expect(existsSync(shipped), join(resource.to, file)).toBe(true);
        expect(readFileSync(shipped, 'utf8')).toBe(readFileSync(join(source, file), 'utf8'));
      }
    }
    expect(builderConfig.extraResources.map((r) => r.to)).toEqual(
      expect.arrayContaining(['agent-desk.defaults.example.json', 'policy']),
    );
  });

  it('would catch a production module missing from the asar (the check can fail)', async () => {
    const broken = join(work, 'broken app');
    extractAll(asarPath, broken);
    rmSync(join(broken, 'node_modules', 'valibot'), { recursive: true, force: true });
    const app = new StandInApp({
      entry: join(broken, 'out', 'main', 'index.js'),
      isPackaged: true,
    });
    try {
      await app.op('loaded');
      const uncaught = app.violations().map((entry) => String(entry.args[0]));
      expect(uncaught.join('\n')).toMatch(/Cannot find package 'valibot'|ERR_MODULE_NOT_FOUND/);
    } finally {
      await app.dispose();
    }
  });

  it('starts from the asar alone: every import resolves in its own node_modules', async () => {
    const unpacked = join(work, 'unpacked app');
    extractAll(asarPath, unpacked);
    // Node resolves bare imports through every node_modules above the file: none may exist.
    for (let dir = dirname(unpacked); dir !== parsePath(dir).root; dir = dirname(dir)) {
      expect(existsSync(join(dir, 'node_modules')), `${dir}/node_modules would leak in`).toBe(
        false,
      );
    }
    expect(existsSync(join(parsePath(unpacked).root, 'node_modules'))).toBe(false);
    mkdirSync(join(work, 'cwd'));
    const sim: Simulator = await startSimulator({ pollHoldMs: 300 });
    const app = new StandInApp({
      entry: join(unpacked, 'out', 'main', 'index.js'),
      isPackaged: true,
      platform: 'win32',
      cwd: join(work, 'cwd'),
    });
    try {
      await app.op('ready');
      await app.waitFor('the window to show', () => app.calls('BrowserWindow.show')[0]);
      expect(app.calls('app.setAppUserModelId').map((e) => e.args[0])).toEqual([
        builderConfig.appId,
      ]);
      await configureGateway(app, sim);
      const agent = sim.agents[0]!;
      const signedIn = await app.invoke<DeskResult<unknown>>(commandChannels.signIn, {
        agentId: agent.id,
        password: agent.password,
        phone: agent.phone,
      });
      expect(signedIn).toMatchObject({ ok: true });
      expect(await app.invoke(commandChannels.signOut)).toMatchObject({ ok: true });
      await app.op('quit');
      expect(await app.exitedWithin(10_000)).toEqual({ code: 0, how: 'app.exit' });
      expect(app.violations()).toEqual([]);
      expect(app.output).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (module|package)/);
    } finally {
      await app.dispose();
      await sim.stop();
    }
  });
});
