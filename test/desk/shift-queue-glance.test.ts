/**
 * The queue glance (issue #13 §4, gateway-protocol.md §5.9) on the real desk core over a
 * scripted gateway and a fake clock: figures per skill, at most every 30 s, only while
 * signed in, hidden without an error when refused, and never in the way of the event loop.
 */
import { describe, expect, it } from 'vitest';
import { makeDesk, signedIn } from './support/desk-harness';
import { deferred, ev, fail, netErr, ok, retcode } from './support/fake-gateway';
import type { AcdStat, Result } from '../../main/gateway/types';
import {
  QUEUE_GLANCE_FIRST_DELAY_MS,
  QUEUE_GLANCE_INTERVAL_MS,
} from '../../main/desk/queue-glance';

/**
 * The scripted gateway answers no poll unless told to, which after 110 s would count as a
 * lost session; these tests look at minutes of glance turns, so liveness is set far away.
 */
const quiet = { lostAfterMs: 3_600_000 };

const stat = (skillId: number, queueSize: number, queueTime: number): AcdStat => ({
  skillId,
  queueSize,
  queueTime,
  availAgents: 2,
  loggedOnAgents: 5,
});

describe('queue glance', () => {
  it('shows each skill with calls waiting, longest wait and agents available', async () => {
    const h = makeDesk(quiet, (gw) => {
      gw.skills = [
        { id: 7, name: 'Renewals', mediaType: 5 },
        { id: 3, name: 'Collections', mediaType: 5 },
      ];
      gw.acdStats = [stat(3, 4, 95), stat(7, 0, 0)];
    });
    const gw = await signedIn(h);
    expect(h.desk.snapshot().queue).toBeNull();
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS);
    expect(gw.calls.filter((c) => c.method === 'queryAcdStat').map((c) => c.args)).toEqual([
      [[7, 3]],
    ]);
    const queue = h.desk.snapshot().queue;
    // In the order of the agent's skills, named from agentskills.
    expect(queue?.skills).toEqual([
      {
        skillId: 7,
        name: 'Renewals',
        waiting: 0,
        longestWaitSeconds: 0,
        availableAgents: 2,
        loggedOnAgents: 5,
      },
      {
        skillId: 3,
        name: 'Collections',
        waiting: 4,
        longestWaitSeconds: 95,
        availableAgents: 2,
        loggedOnAgents: 5,
      },
    ]);
    expect(queue?.isStale).toBe(false);
    expect(queue?.updatedAt).toBe(h.clock.now());
  });

  it('asks the skills once and the figures every 30 s, never sooner', async () => {
    const h = makeDesk(quiet);
    const gw = await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS);
    expect(gw.count('agentSkills')).toBe(1);
    expect(gw.count('queryAcdStat')).toBe(1);
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS - 1);
    expect(gw.count('queryAcdStat')).toBe(1);
    await h.clock.advance(1);
    expect(gw.count('queryAcdStat')).toBe(2);
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS * 3);
    expect(gw.count('queryAcdStat')).toBe(5);
    expect(gw.count('agentSkills')).toBe(1);
  });

  it('keeps one request at a time: the next turn starts 30 s after a slow answer', async () => {
    const slow = deferred<Result<AcdStat[]>>();
    const h = makeDesk(quiet, (gw) => {
      gw.handlers.queryAcdStat = () => slow.promise;
    });
    const gw = await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS + QUEUE_GLANCE_INTERVAL_MS * 4);
    expect(gw.count('queryAcdStat')).toBe(1);
    slow.resolve(ok([stat(1, 2, 30)]));
    await h.clock.advance(0);
    expect(h.desk.snapshot().queue?.skills[0]?.waiting).toBe(2);
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS - 1);
    expect(gw.count('queryAcdStat')).toBe(1);
    await h.clock.advance(1);
    expect(gw.count('queryAcdStat')).toBe(2);
  });

  it('never delays the event loop or a command while its request hangs', async () => {
    const never = deferred<Result<AcdStat[]>>();
    const h = makeDesk(quiet, (gw) => {
      gw.handlers.queryAcdStat = () => never.promise;
    });
    const gw = await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS);
    expect(gw.count('queryAcdStat')).toBe(1);
    // Events keep flowing and being applied while the figures are outstanding …
    gw.emit(ev('state-not-ready', { reason: 201 }));
    await h.clock.advance(0);
    expect(h.desk.snapshot().agent.state).toBe('not-ready');
    gw.emit(ev('state-ready', {}));
    await h.clock.advance(0);
    expect(h.desk.snapshot().agent.state).toBe('ready');
    expect(gw.isPollWaiting).toBe(true);
    // … and a command answers at once.
    expect(await h.desk.setAgentState({ state: 'not-ready', reason: 202 })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(gw.count('sayBusy')).toBe(1);
  });

  it('hides the panel without an error when the gateway refuses, and stops asking', async () => {
    const h = makeDesk(quiet, (gw) => {
      let n = 0;
      gw.handlers.queryAcdStat = () =>
        ++n === 1 ? ok([stat(1, 1, 10)]) : fail(retcode('000-003x'));
    });
    const gw = await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS);
    expect(h.desk.snapshot().queue).not.toBeNull();
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS);
    expect(h.desk.snapshot().queue).toBeNull();
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS * 5);
    expect(gw.count('queryAcdStat')).toBe(2);
    // Logged for support, never as an error the agent sees.
    const log = h.desk.eventLog().filter((e) => e.name === 'queue-glance');
    expect(log.map((e) => e.category)).toEqual(['connection']);
    expect(log[0]?.summary).toContain('000-003x');
  });

  it('hides the panel when agentskills is refused, without asking for figures', async () => {
    const h = makeDesk(quiet, (gw) => {
      gw.handlers.agentSkills = () => fail(retcode('100-019'));
    });
    const gw = await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS + QUEUE_GLANCE_INTERVAL_MS * 2);
    expect(gw.count('agentSkills')).toBe(1);
    expect(gw.count('queryAcdStat')).toBe(0);
    expect(h.desk.snapshot().queue).toBeNull();
  });

  it('hides the panel when the agent has no skill', async () => {
    const h = makeDesk(quiet, (gw) => {
      gw.skills = [];
    });
    const gw = await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS + QUEUE_GLANCE_INTERVAL_MS);
    expect(gw.count('queryAcdStat')).toBe(0);
    expect(h.desk.snapshot().queue).toBeNull();
  });

  it('keeps the last figures, marked stale, over a network failure and refreshes later', async () => {
    const answers: Array<Result<AcdStat[]>> = [
      ok([stat(1, 3, 40)]),
      fail(netErr),
      ok([stat(1, 5, 70)]),
    ];
    const h = makeDesk(quiet, (gw) => {
      gw.handlers.queryAcdStat = () => answers.shift() ?? ok([]);
    });
    await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS);
    const first = h.desk.snapshot().queue;
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS);
    expect(h.desk.snapshot().queue).toEqual({ ...first, isStale: true });
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS);
    expect(h.desk.snapshot().queue?.skills[0]?.waiting).toBe(5);
    expect(h.desk.snapshot().queue?.isStale).toBe(false);
  });

  it('asks nothing while the connection is not live, and again once it is', async () => {
    const h = makeDesk(quiet);
    const gw = await signedIn(h);
    // The link fails: the poll, and the loop's recovery requests after it.
    gw.handlers.updateGuid = () => fail(netErr);
    gw.handlers.agentStatus = () => fail(netErr);
    gw.push(fail(netErr));
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS);
    expect(h.desk.snapshot().connection.health).toBe('reconnecting');
    expect(gw.count('agentSkills')).toBe(0);
    expect(gw.count('queryAcdStat')).toBe(0);
    // The link is back: the loop's next attempt succeeds, and the figures follow shortly.
    delete gw.handlers.updateGuid;
    delete gw.handlers.agentStatus;
    await h.clock.advance(5_000);
    expect(h.desk.snapshot().connection.health).toBe('live');
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS);
    expect(gw.count('queryAcdStat')).toBe(1);
    expect(h.desk.snapshot().queue).not.toBeNull();
  });

  it('asks only while signed in: nothing after sign-out, and the panel is gone', async () => {
    const h = makeDesk(quiet);
    const gw = await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS);
    expect(h.desk.snapshot().queue).not.toBeNull();
    expect((await h.desk.signOut()).ok).toBe(true);
    expect(h.desk.snapshot().queue).toBeNull();
    await h.clock.advance(QUEUE_GLANCE_INTERVAL_MS * 4);
    expect(gw.count('queryAcdStat')).toBe(1);
  });

  it('drops an answer that arrives after the session ended', async () => {
    const late = deferred<Result<AcdStat[]>>();
    const h = makeDesk(quiet, (gw) => {
      gw.handlers.queryAcdStat = () => late.promise;
    });
    await signedIn(h);
    await h.clock.advance(QUEUE_GLANCE_FIRST_DELAY_MS);
    expect((await h.desk.signOut()).ok).toBe(true);
    late.resolve(ok([stat(1, 9, 9)]));
    await h.clock.advance(0);
    expect(h.desk.snapshot().queue).toBeNull();
  });
});
