/**
 * The OS ends the session (shutdown, restart, log-off) while the agent is signed in: the
 * built app under the Electron stand-in signs out within the time the OS allows and never
 * asks anything. Windows: query-session-end, then session-end, then the OS kills the
 * process. macOS and Linux: powerMonitor `shutdown`. (Electron does not run here.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeDesk, commandsSeen, customerRinging, dialogs, signedInDesk, type Desk } from './desk';

let running: Desk[] = [];
afterEach(async () => {
  await Promise.all(running.map(closeDesk));
  running = [];
});

async function desk(platform: NodeJS.Platform): Promise<Desk> {
  const d = await signedInDesk({ platform });
  running.push(d);
  return d;
}

describe('the OS session ends', () => {
  it('Windows: signs out when asked, never prevents the shutdown, asks nothing', async () => {
    const d = await desk('win32');
    const answer = await d.app.op<{ prevented: boolean }>('sessionEnd', {
      reasons: ['shutdown'],
      gapMs: 300,
    });
    expect(answer).toEqual({ prevented: false });
    expect(await d.app.exitedWithin(10_000)).toEqual({
      code: 0,
      how: 'killed by the OS after session-end',
    });
    expect(commandsSeen(d)).toEqual(['DELETE /logout']);
    expect(dialogs(d.app)).toEqual([]);
  });

  it('macOS: delays the shutdown, signs out, quits by itself with no question', async () => {
    const d = await desk('darwin');
    expect(await d.app.op('shutdown')).toEqual({ prevented: true });
    expect(await d.app.exitedWithin(10_000)).toEqual({ code: 0, how: 'app.exit' });
    expect(commandsSeen(d)).toEqual(['DELETE /logout']);
    expect(dialogs(d.app)).toEqual([]);
  });

  it('macOS: still quits within the OS’s allowance when the gateway hangs', async () => {
    const d = await desk('darwin');
    d.sim.addFault({ kind: 'hang', path: 'logout', count: 0 });
    await d.app.op('shutdown');
    await d.app.exitedWithin(10_000);
    // logind's default delay lock is 5 s; the app budgets 4 s for the sign-out. On the
    // app's own clock, from the OS's announcement to the process's end:
    expect(d.app.between('powerMonitor shutdown', 'process.exit')).toBeLessThan(5_000);
    expect(commandsSeen(d)).toEqual(['DELETE /logout']);
    expect(dialogs(d.app)).toEqual([]);
  });

  it('Linux, during a call: leaves the call alone and quits without a question', async () => {
    const d = await desk('linux');
    await customerRinging(d);
    expect(await d.app.op('shutdown')).toEqual({ prevented: true });
    await d.app.exitedWithin(10_000);
    expect(commandsSeen(d)).toEqual([]);
    expect(dialogs(d.app)).toEqual([]);
  });
});
