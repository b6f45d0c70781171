/**
 * One flow suite, every profile (issue #9 §3): the desk's flows — sign-in, previews with one
 * and three numbers, dial, DTMF, hang-up, decline, resume after sleep, kick — on the real
 * client against the simulator, under each documented variation of the gateway. A new
 * protocol variation is one row of `PROFILES` (and one row of the README's profile table).
 *
 * The 45 s hold: the `hold 45 s` row runs the simulator's real 45 s hold against the desk's
 * real default poll timeout (40 s) — every flow is driven by events, which answer a held poll
 * at once, so no flow waits for the hold. What the hold changes when nothing happens (idle
 * polls time out, the Guid is renewed, the session is never called lost) would take minutes
 * at those timers, so the `hold 4.5 s` row keeps the same relation (hold > poll timeout) at a
 * tenth of the scale, with the liveness window scaled alike (11 s), and adds an idle check.
 * The unit suite (test/unit/desk-poll-health.test.ts) runs ten minutes of 40 s timeouts on a
 * fake clock.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Desk, DeskOptions } from '../../main/desk/desk';
import type { GatewayConnection } from '../../main/gateway/types';
import type { DeskSnapshot, SignInRequest } from '../../main/ipc/contract';
import { startSimulator, type Simulator, type SimulatorOptions } from '../simulator/index';
import { MANY_AGENTS } from '../gateway/helpers';
import { signIn, simDesk, until, waitFor } from './support/sim-harness';

interface Profile {
  name: string;
  sim: SimulatorOptions;
  desk?: Partial<DeskOptions>;
  connection?: Partial<GatewayConnection>;
  /** The agent is in wrap-up after each call and must press Ready. */
  wrapUp?: boolean;
  /** Also check that idle polls timing out never make the session look lost. */
  idleCheck?: boolean;
}

const PROFILES: Profile[] = [
  { name: 'defaults', sim: {} },
  {
    name: 'preview-then-callout + release-preview-late',
    sim: { previewEvent: 'preview-then-callout', releasePreviewLate: true },
  },
  {
    name: 'authmode 2 + guid-set-once (fast rotation)',
    sim: { authMode: 2, guidSetOnce: true, guidRotateMs: 400, guidGraceMs: 1_500 },
  },
  {
    name: 'hold 45 s > poll timeout 40 s (real timers)',
    sim: { longPollHoldMs: 45_000 },
    connection: { pollTimeoutMs: 40_000 },
  },
  {
    name: 'hold 4.5 s > poll timeout 4 s (scaled)',
    sim: { longPollHoldMs: 4_500 },
    connection: { pollTimeoutMs: 4_000 },
    desk: { lostAfterMs: 11_000 },
    idleCheck: true,
  },
  {
    name: 'after-call wrap-up (desk signs in for wrap-up)',
    sim: { afterCall: 'wrap-up' },
    desk: { afterCall: () => 'wrap-up' },
    wrapUp: true,
  },
  { name: 'after-call wrap-up site, desk on the ready pair', sim: { afterCall: 'wrap-up' } },
  { name: 'empty result on dial', sim: { emptyResultOnDial: true } },
  { name: 'event arrays', sim: { eventArray: true } },
  { name: 'callinfo legacy reading', sim: { callinfoLegacy: true } },
];

describe.each(PROFILES)('profile: $name', (profile) => {
  let sim: Simulator;
  let next = 0;
  const desks: Desk[] = [];
  const healthSeen = new Map<Desk, Set<string>>();

  beforeAll(async () => {
    sim = await startSimulator({
      longPollHoldMs: 300,
      callStepMs: 5,
      agents: MANY_AGENTS,
      ...profile.sim,
    });
  });
  afterEach(async () => {
    sim.clearFaults();
    await Promise.all(desks.splice(0).map((d) => d.dispose()));
  });
  afterAll(async () => {
    await sim.stop();
  });

  /** A signed-in desk on a fresh agent; health changes are recorded. */
  async function ready(): Promise<{ desk: Desk; id: string; req: SignInRequest }> {
    const a = MANY_AGENTS[next++];
    if (a === undefined) throw new Error('out of agents');
    const desk = simDesk(sim, profile.desk ?? {}, profile.connection ?? {});
    desks.push(desk);
    const seen = new Set<string>();
    healthSeen.set(desk, seen);
    desk.subscribe((s) => seen.add(s.connection.health));
    const req = { agentId: a.id, password: a.password, phone: a.phone };
    await signIn(desk, req);
    return { desk, id: a.id, req };
  }

  /** Offers a preview and waits until the desk shows it with its numbers. */
  async function offered(desk: Desk, id: string, numbers: string[]): Promise<string> {
    const { controlId } = sim.injectPreview(id, { numbers, callData: 'name=Ann' });
    await until(
      desk,
      (s) =>
        s.previews.some((p) => p.controlId === controlId && p.numbers.length === numbers.length),
      `preview ${controlId} with its numbers`,
    );
    return controlId;
  }

  async function talking(desk: Desk, id: string, numbers: string[], number: string) {
    const controlId = await offered(desk, id, numbers);
    const dial = await desk.dialPreview({ controlId, number });
    expect(dial, JSON.stringify(dial)).toMatchObject({ ok: true });
    await until(desk, (s) => s.call?.phase === 'customer-ringing', 'customer ringing');
    sim.callAction(id, 'answer');
    const s = await until(desk, (x) => x.call?.phase === 'talking', 'talking');
    expect(s.call?.callId).toMatch(/^\d{10}-\d+$/);
    return controlId;
  }

  /** The agent is ready again after a call (pressing Ready when the profile is wrap-up). */
  async function afterCall(desk: Desk, id: string): Promise<void> {
    if (profile.wrapUp) {
      await until(desk, (s) => s.agent.state === 'wrap-up', 'wrap-up after the call');
      expect((await desk.setAgentState({ state: 'ready' })).ok).toBe(true);
      expect(
        sim.requests().filter((r) => r.agentId === id && r.path.endsWith('/sayfree')),
      ).toHaveLength(1);
    }
    await until(desk, (s) => s.agent.state === 'ready', 'ready after the call');
  }

  const neverLost = (desk: Desk): void => {
    expect([...(healthSeen.get(desk) ?? [])]).not.toContain('lost');
    expect(desk.snapshot().session.phase).toBe('signed-in');
  };

  it('signs in and is ready', async () => {
    const { desk } = await ready();
    const s = desk.snapshot();
    expect(s.connection.health).toBe('live');
    expect(s.agent.state).toBe('ready');
  });

  it('shows previews with one and with three numbers', async () => {
    const { desk, id } = await ready();
    const one = await offered(desk, id, ['5550100']);
    const three = await offered(desk, id, ['5550200', '5550201', '5550202']);
    const s = desk.snapshot();
    expect(s.previews.map((p) => [p.controlId, p.numbers])).toEqual([
      [one, ['5550100']],
      [three, ['5550200', '5550201', '5550202']],
    ]);
    expect(s.previews[0]?.callData).toEqual({
      kind: 'fields',
      fields: [{ key: 'name', value: 'Ann' }],
    });
    neverLost(desk);
  });

  it('dials the chosen number once, sends DTMF and hangs up', async () => {
    const { desk, id } = await ready();
    const controlId = await talking(desk, id, ['5550300', '5550301', '5550302'], '5550301');
    const callouts = sim
      .requests()
      .filter((r) => r.agentId === id && r.path.endsWith('/previewCallout'));
    expect(callouts).toHaveLength(1);
    expect(callouts[0]?.body).toContain('"called":"5550301"');
    const rotating = profile.sim.authMode === 2 && profile.sim.guidRotateMs !== undefined;
    if (rotating) {
      // Talk across two rotations, each announced once (§2.2), before the digits.
      await waitFor(
        () => desk.eventLog().filter((e) => e.name === 'guid-rotated').length >= 2,
        'two Guid rotations',
      );
    }
    expect((await desk.sendDigits({ digits: '12#' })).ok).toBe(true);
    await until(desk, (s) => s.call?.dtmf.sent === '12#', 'digits sent');
    expect(sim.dtmf(id).calls.at(-1)?.requests.join('')).toBe('12#');
    expect((await desk.hangUp()).ok).toBe(true);
    const s = await until(desk, (x) => x.call?.phase === 'ended', 'ended');
    expect(s.recent[0]).toMatchObject({
      controlId,
      outcome: { kind: 'called', number: '5550301', result: 'talked' },
    });
    await afterCall(desk, id);
    neverLost(desk);
    if (profile.sim.authMode === 2 && profile.sim.guidRotateMs !== undefined) {
      expect(desk.eventLog().some((e) => e.name === 'guid-rotated')).toBe(true);
      expect(sim.requests().filter((r) => r.agentId === id && r.guidState === 'invalid')).toEqual(
        [],
      );
    }
  });

  it('declines a preview once and keeps the other', async () => {
    const { desk, id } = await ready();
    const first = await offered(desk, id, ['5550400']);
    const second = await offered(desk, id, ['5550401', '5550402', '5550403']);
    expect((await desk.declinePreview({ controlId: first })).ok).toBe(true);
    await waitFor(
      () => desk.eventLog().some((e) => e.name === 'AgentEvent_Release_Preview'),
      'the release of the decline',
    );
    const s = desk.snapshot();
    expect(s.previews.map((p) => p.controlId)).toEqual([second]);
    expect(s.recent[0]).toMatchObject({ controlId: first, outcome: { kind: 'declined' } });
    expect(
      sim.requests().filter((r) => r.agentId === id && r.path.endsWith('/cancelPreviewCallout')),
    ).toHaveLength(1);
    neverLost(desk);
  });

  it('re-syncs after a sleep: a call that ended meanwhile is not shown as live', async () => {
    const { desk, id } = await ready();
    await talking(desk, id, ['5550500'], '5550500');
    // Asleep: the desk's polls get no answer while the customer hangs up.
    sim.addFault({ kind: 'hang', agentId: id, path: '/agentevent/', count: 0 });
    await waitFor(() => sim.sessions().some((x) => x.agentId === id), 'session');
    sim.callAction(id, 'customer-hangup');
    await waitFor(() => !sim.sessions().some((x) => x.agentId === id && x.hasCall), 'call gone');
    desk.resume();
    const s = await until(
      desk,
      (x: DeskSnapshot) => x.call?.phase === 'ended' && !x.connection.resyncing,
      'the call ended by the re-sync',
    );
    expect(s.connection.health).toBe('live');
    sim.clearFaults();
    await afterCall(desk, id);
    neverLost(desk);
  });

  it('shows the reason when a supervisor signs the agent out, and never signs in again', async () => {
    const { desk, id } = await ready();
    // The ShutdownService reaches the desk through a held poll (the simulator's rule, README).
    await waitFor(() => sim.sessions().some((x) => x.agentId === id && x.pollHeld), 'held poll');
    sim.kick(id);
    const s = await until(desk, (x) => x.session.phase === 'signed-out', 'signed out', 20_000);
    // Issue #11: no other session holds the ID (a Guid-less agentstatus says 100-006).
    await until(desk, (x) => x.session.lastSignOut?.kind === 'supervisor', 'told apart');
    expect(s.connection.health).toBe('offline');
    expect(sim.sessions().filter((x) => x.agentId === id)).toEqual([]);
  });

  if (profile.idleCheck === true) {
    it('stays live while idle polls time out (hold longer than the poll timeout)', async () => {
      const { desk, id } = await ready();
      const since = Date.now();
      // Longer than the (scaled) liveness window: three poll timeouts, each one followed by
      // updateGuid (its reply may have carried Set-GUID, §2.2), then a poll again.
      await new Promise((resolve) => setTimeout(resolve, 13_000));
      neverLost(desk);
      expect(desk.snapshot().connection.health).toBe('live');
      const renewed = sim
        .requests()
        .filter((r) => r.agentId === id && r.at >= since && r.path.endsWith('/updateGuid'));
      expect(renewed.length).toBeGreaterThanOrEqual(2);
      const controlId = await offered(desk, id, ['5550600']);
      expect(desk.snapshot().previews.map((p) => p.controlId)).toEqual([controlId]);
    }, 30_000);
  }
});
