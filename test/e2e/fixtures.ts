/**
 * Playwright fixtures of the end-to-end suite (STYLE.md §7): one simulator per test file,
 * a fresh real AgentDesk and page per test, the page bridged to the desk as `window.desk`,
 * and the main-side log and the page console attached to every failed test. Every desk logs
 * through the shell's pipeline into the test's own file (desk-log.ts), which is scanned for
 * secrets when the test ends: a Guid, a cookie, a password or DTMF digits fail the test.
 */
import { test as base, expect } from '@playwright/test';
import type { Page, TestInfo } from '@playwright/test';
import { join } from 'node:path';
import type { AgentDesk } from '../../main/compose';
import type { DeskSettings } from '../../main/ipc/contract';
import { startSimulator } from '../simulator/index';
import type { SimAgent, Simulator, SimulatorOptions } from '../simulator/types';
import { checkTestLog, e2eLogDir, logFileName, openTestLog } from './desk-log';
import type { TestLog } from './desk-log';
import { connectDesk, createTestDesk, removeCaFile, serveRenderer, writeCaFile } from './harness';
import type { DeskBridge, RendererServer } from './harness';

/**
 * Accounts with distinctive passwords, so the secret scan cannot mistake an agent ID or a
 * number for the password. Each test takes the next one: tests of a file share the
 * simulator but never an agent session.
 */
export const e2eAgents: SimAgent[] = Array.from({ length: 24 }, (_, i) => ({
  id: String(2001 + i),
  password: `e2e-Pw-${2001 + i}-xQ!`,
  phone: String(76_001 + i),
}));

/** Short holds and steps so flows finish fast; the protocol timings stay untouched. */
export const defaultSimOptions: SimulatorOptions = {
  pollHoldMs: 1_000,
  callStepMs: 10,
  agents: e2eAgents,
};

interface FileSim {
  key: string;
  sim: Simulator;
  caFile: string;
  nextAgent: number;
}

interface WorkerFixtures {
  renderer: RendererServer;
  simPool: Map<string, FileSim>;
}

interface TestFixtures {
  /** Per-file simulator options (`test.use({ simOptions: … })`), merged over the defaults. */
  simOptions: SimulatorOptions;
  /** Desk settings for this test (`test.use({ deskSettings: … })`). */
  deskSettings: Partial<DeskSettings>;
  fileSim: FileSim;
  sim: Simulator;
  agent: SimAgent;
  /** The main-side log file of this test, scanned for secrets at teardown. */
  deskLog: TestLog;
  pageLog: string[];
  agentDesk: AgentDesk;
  bridge: DeskBridge;
  /** The page with the renderer loaded and bridged to `agentDesk`. */
  deskPage: Page;
  /**
   * What the desk asked of the window's stay-on-top (the Electron shell's part, which
   * cannot exist here): each `applyStayOnTop` call in order.
   */
  windowOnTop: boolean[];
  /** Another real AgentDesk on the same simulator (e.g. "signed in elsewhere"). */
  makeDesk: (settings?: Partial<DeskSettings>) => AgentDesk;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  renderer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs a destructuring pattern
    async ({}, use) => {
      const server = await serveRenderer();
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  simPool: [
    // eslint-disable-next-line no-empty-pattern -- Playwright needs a destructuring pattern
    async ({}, use) => {
      const pool = new Map<string, FileSim>();
      await use(pool);
      for (const entry of pool.values()) {
        await entry.sim.stop();
        removeCaFile(entry.caFile);
      }
    },
    { scope: 'worker' },
  ],
  simOptions: [{}, { option: true }],
  deskSettings: [{}, { option: true }],

  fileSim: async ({ simPool, simOptions }, use, testInfo) => {
    // Files run one after another in a worker: a simulator lives as long as its file.
    const key = `${testInfo.file}\n${JSON.stringify(simOptions)}`;
    for (const [other, entry] of simPool) {
      if (!other.startsWith(`${testInfo.file}\n`)) {
        simPool.delete(other);
        await entry.sim.stop();
        removeCaFile(entry.caFile);
      }
    }
    let entry = simPool.get(key);
    if (entry === undefined) {
      const sim = await startSimulator({ ...defaultSimOptions, ...simOptions });
      entry = { key, sim, caFile: writeCaFile(sim.caPem), nextAgent: 0 };
      simPool.set(key, entry);
    }
    await use(entry);
  },
  sim: async ({ fileSim }, use) => {
    await use(fileSim.sim);
  },
  agent: async ({ fileSim }, use) => {
    const agents = fileSim.sim.agents;
    const agent = agents[fileSim.nextAgent++ % agents.length];
    if (agent === undefined) throw new Error('the simulator has no agents');
    await use(agent);
  },
  deskLog: async ({ fileSim }, use, testInfo) => {
    const log = openTestLog(join(e2eLogDir, logFileName(testInfo.titlePath, runSuffix(testInfo))));
    // Written through the pipeline first, so the file exists even if no desk logs anything.
    log.logging.logger.info('e2e:test-start', { worker: testInfo.workerIndex });
    await use(log);
    // Every desk and bridge of the test is disposed by now (they depend on this fixture).
    const problems = checkTestLog(log, fileSim.sim);
    const failed = testInfo.status !== testInfo.expectedStatus;
    if (failed || problems.length > 0) {
      await testInfo.attach('main-log', { body: log.read(), contentType: 'text/plain' });
    }
    if (problems.length > 0) {
      throw new Error(`the main-side log ${log.file} is not clean:\n${problems.join('\n')}`);
    }
  },
  pageLog: async ({ page }, use) => {
    const lines: string[] = [];
    page.on('console', (msg) =>
      lines.push(`${new Date().toISOString()} ${msg.type()} ${msg.text()}`),
    );
    page.on('response', (response) => {
      if (response.status() >= 400)
        lines.push(`${new Date().toISOString()} http ${response.status()} ${response.url()}`);
    });
    page.on('pageerror', (error) =>
      lines.push(`${new Date().toISOString()} pageerror ${error.stack ?? error.message}`),
    );
    await use(lines);
  },
  // eslint-disable-next-line no-empty-pattern -- Playwright needs a destructuring pattern
  windowOnTop: async ({}, use) => {
    await use([]);
  },
  agentDesk: async ({ fileSim, deskSettings, deskLog, pageLog, windowOnTop }, use, testInfo) => {
    const agentDesk = createTestDesk({
      gateway: fileSim.sim,
      caFile: fileSim.caFile,
      settings: deskSettings,
      logging: deskLog.logging,
      applyStayOnTop: (onTop) => {
        windowOnTop.push(onTop);
        return { ok: true, value: undefined };
      },
    });
    try {
      await use(agentDesk);
    } finally {
      await agentDesk.dispose();
      if (testInfo.status !== testInfo.expectedStatus) {
        await testInfo.attach('page-console', {
          body: pageLog.join('\n'),
          contentType: 'text/plain',
        });
      }
    }
  },
  bridge: async ({ page, agentDesk, deskLog }, use, testInfo) => {
    const bridge = await connectDesk(page, agentDesk, { log: (line) => deskLog.line(line) });
    deskLog.watch(bridge.records);
    await use(bridge);
    bridge.dispose();
    if (testInfo.status !== testInfo.expectedStatus) {
      // The last messages that crossed the bridge: what the page asked and was told.
      const lines = bridge.records
        .slice(-200)
        .map((r) => `${new Date(r.at).toISOString()} ${r.kind} ${r.channel} ${r.text}`);
      await testInfo.attach('bridge-messages', {
        body: lines.join('\n'),
        contentType: 'text/plain',
      });
    }
  },
  deskPage: async ({ page, bridge, renderer }, use) => {
    void bridge; // the bridge must be installed before the first navigation
    await page.goto(renderer.url);
    await use(page);
  },
  makeDesk: async ({ fileSim, deskLog }, use) => {
    const made: AgentDesk[] = [];
    await use((settings = {}) => {
      const desk = createTestDesk({
        gateway: fileSim.sim,
        caFile: fileSim.caFile,
        settings,
        logging: {
          logger: deskLog.prefixed(`other-desk-${made.length + 1} `),
          onGatewayCall: deskLog.logging.onGatewayCall,
        },
      });
      made.push(desk);
      return desk;
    });
    for (const desk of made) await desk.dispose();
  },
});

export { expect };

/** `-retry1`, `-repeat2`: a rerun of a test gets its own log file. */
function runSuffix(testInfo: TestInfo): string {
  return `${testInfo.retry > 0 ? `-retry${testInfo.retry}` : ''}${
    testInfo.repeatEachIndex > 0 ? `-repeat${testInfo.repeatEachIndex}` : ''
  }`;
}
