/**
 * The whole main side through the bridge: createDeskApi → bindDesk → guards → handlers →
 * the real Desk (main/compose.ts) → the real HTTPS client → the simulator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentDesk } from '../../main/compose';
import { createAgentDesk } from '../../main/compose';
import { createDeskApi } from '../../main/ipc/bridge';
import type { DeskApi, DeskSnapshot } from '../../main/ipc/contract';
import type { BoundDesk } from '../../main/ipc/transport';
import { bindDesk } from '../../main/ipc/transport';
import {
  MemoryPasswordVault,
  MemorySettingsBackend,
  SettingsService,
} from '../../main/settings/service';
import { startSimulator, type Simulator } from '../simulator/index';

let sim: Simulator;
let dir: string;
let caFile: string;
const open: Array<{ agentDesk: AgentDesk; bound: BoundDesk }> = [];

beforeAll(async () => {
  sim = await startSimulator({ pollHoldMs: 300, callStepMs: 5 });
  dir = mkdtempSync(join(tmpdir(), 'agent-desk-ipc-'));
  caFile = join(dir, 'ca.pem');
  writeFileSync(caFile, sim.caPem);
});
afterEach(async () => {
  for (const { agentDesk, bound } of open.splice(0)) {
    bound.dispose();
    await agentDesk.dispose();
  }
});
afterAll(async () => {
  await sim.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A desk composed as the shell does, reached only through the bridge object. */
function connect(vault = new MemoryPasswordVault()) {
  const settings = new SettingsService({ backend: new MemorySettingsBackend(), vault });
  const agentDesk = createAgentDesk({ settings });
  const listeners = new Set<(s: DeskSnapshot) => void>();
  const bound = bindDesk(agentDesk.desk, agentDesk.handlers, {
    push: (s) => {
      for (const listener of listeners) listener(structuredClone(s));
    },
  });
  open.push({ agentDesk, bound });
  const api = createDeskApi(
    // Structured clone both ways, as IPC does.
    async (channel, payload) =>
      structuredClone(await bound.invoke(channel, structuredClone(payload))),
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    // Settings views are not pushed in this suite (no policy changes while it runs).
    () => () => undefined,
  );
  return { api, vault };
}

/** The sign-in fields of the simulator's agent `index`. */
function credentials(index: number): { agentId: string; password: string; phone: string } {
  const agent = sim.agents[index];
  if (agent === undefined) throw new Error(`simulator has no agent #${index}`);
  return { agentId: agent.id, password: agent.password, phone: agent.phone };
}

/** Resolves with the first pushed snapshot that satisfies `test` (the test timeout bounds it). */
function until(api: DeskApi, test: (s: DeskSnapshot) => boolean): Promise<DeskSnapshot> {
  return new Promise((resolve) => {
    const off = api.onChanged((s) => {
      if (test(s)) {
        off();
        resolve(s);
      }
    });
  });
}

describe('the composed desk over a transport', () => {
  it('signs in, remembers the password, dials a preview and signs out', async () => {
    const { api, vault } = connect();
    const agent = credentials(0);
    const saved = await api.updateSettings({ gatewayUrl: sim.url, caFile, pollGapMs: 50 });
    expect(saved.ok).toBe(true);

    const ready = until(api, (s) => s.agent.state === 'ready');
    const signedIn = await api.signIn({ ...agent, rememberPassword: true });
    expect(signedIn.ok && signedIn.value.agentId).toBe(agent.agentId);
    await ready;
    expect(vault.load(agent.agentId)).toBe(agent.password);
    const view = await api.getSettings();
    expect(view.ok && view.value.hasSavedPassword).toBe(true);

    const offered = until(api, (s) => s.previews.length === 1);
    const { controlId } = sim.injectPreview(agent.agentId, { numbers: ['5550001', '5550002'] });
    const withPreview = await offered;
    expect(withPreview.previews[0]?.controlId).toBe(controlId);

    const dialled = await api.dialPreview({ controlId, number: '5550002' });
    expect(dialled.ok).toBe(true);
    const callouts = sim.requests().filter((r) => /previewcallout/i.test(r.path));
    expect(callouts).toHaveLength(1);

    const ended = until(api, (s) => s.call === null || s.call.phase === 'ended');
    await api.hangUp();
    await ended;
    const out = await api.signOut();
    expect(out.ok).toBe(true);
  });

  it('signs in again with the saved password when the field is left empty', async () => {
    const vault = new MemoryPasswordVault();
    const agent = credentials(1);
    vault.save(agent.agentId, agent.password);
    const { api } = connect(vault);
    await api.updateSettings({ gatewayUrl: sim.url, caFile });
    const result = await api.signIn({ ...agent, password: '' });
    expect(result.ok).toBe(true);
    expect((await api.signOut()).ok).toBe(true);
  });

  it('answers a missing CA file as invalid-request in plain words', async () => {
    const { api } = connect();
    await api.updateSettings({ gatewayUrl: sim.url, caFile: join(dir, 'missing.pem') });
    const result = await api.signIn(credentials(2));
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'invalid-request',
        detail: `The CA file ${join(dir, 'missing.pem')} could not be read (ENOENT).`,
      },
    });
  });

  it('tests the connection with the dialog values and reports every step', async () => {
    const { api } = connect();
    const report = await api.testConnection({ gatewayUrl: sim.url, caFile, ...credentials(3) });
    expect(report.ok && report.value.ok).toBe(true);
    expect(report.ok && report.value.steps.map((s) => [s.name, s.ok])).toEqual([
      ['dns', true],
      ['tcp', true],
      ['tls', true],
      ['sign-in', true],
      ['poll', true],
      ['sign-out', true],
    ]);
    const untrusted = await api.testConnection({ gatewayUrl: sim.url });
    expect(untrusted.ok && untrusted.value.ok).toBe(false);
  });

  it('refuses host-only commands in the browser host', async () => {
    const { api } = connect();
    expect(await api.exportDiagnostics()).toEqual({
      ok: false,
      error: { kind: 'refused', reason: 'not-available' },
    });
    expect(await api.notifyAgent({ kind: 'preview', title: 't', body: 'b' })).toMatchObject({
      ok: false,
      error: { reason: 'not-available' },
    });
  });
});
