/**
 * Every way out of the built app under the Electron stand-in, against the simulator: each
 * quit choice, during a call, with the gateway hung on logout, a second launch, and a
 * second instance that finds the lock taken. The gateway's request log says what each
 * choice really did. (Electron itself does not run here: see test/wiring/harness.ts.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { StandInApp, type JournalEntry } from './harness';
import {
  builtMain,
  closeDesk,
  commandsSeen,
  customerRinging,
  dialogs,
  lastPushed,
  nthDialog,
  requireBuild,
  signedInDesk,
  type Desk,
} from './desk';

let running: Array<Partial<Desk>> = [];
afterEach(async () => {
  await Promise.all(running.map(closeDesk));
  running = [];
});

async function desk(platform: NodeJS.Platform = 'win32'): Promise<Desk> {
  const d = await signedInDesk({ platform });
  running.push(d);
  return d;
}

/** Parent window state when a message box appeared. */
function parentOf(entry: JournalEntry | undefined) {
  return entry?.['parent'] as {
    visible: boolean;
    minimized: boolean;
    focused: boolean;
    destroyed: boolean;
  };
}

async function inCall(d: Desk): Promise<void> {
  await customerRinging(d);
  d.sim.callAction(d.agent.id, 'answer');
  await lastPushed(d.app, (s) => s.call?.phase === 'talking');
}

describe('quitting a signed-in desk', () => {
  it('"Cancel" keeps the app and the session; the next quit asks again', async () => {
    const d = await desk();
    await d.app.op('closeWindow');
    const first = await nthDialog(d.app, 1);
    expect(parentOf(first)).toMatchObject({ visible: true, minimized: false, focused: true });
    await d.app.op('answerDialogs', { responses: [2] });
    await d.app.next('dialog.answered');
    await d.app.op('quit');
    await nthDialog(d.app, 2);
    expect(d.app.exit).toBeNull();
    expect(commandsSeen(d)).toEqual([]);
    expect(d.app.violations()).toEqual([]);
  });

  it('"Sign out and quit" signs out once, with progress shown, before the window goes', async () => {
    const d = await desk();
    await d.app.op('answerDialogs', { responses: [0] });
    await d.app.op('closeWindow');
    expect(await d.app.exitedWithin(10_000)).toEqual({ code: 0, how: 'app.exit' });
    expect(commandsSeen(d)).toEqual(['DELETE /logout']);
    const progress = d.app.calls('BrowserWindow.setProgressBar').map((e) => e.args[0]);
    expect(progress).toEqual([2, -1]);
    expect(d.app.calls('BrowserWindow.setTitle')[0]?.args[0]).toContain('signing out');
    const logoutAt = d.sim.requests().find((r) => r.path.endsWith('/logout'))!.at;
    const closed = d.app.journal.find(
      (e) => e.api === 'lifecycle' && e.args[0] === 'window closed',
    );
    expect(closed!.at).toBeGreaterThanOrEqual(logoutAt);
    expect(d.app.violations()).toEqual([]);
  });

  it('"Quit anyway" leaves the agent signed in at the gateway', async () => {
    const d = await desk();
    await d.app.op('answerDialogs', { responses: [1] });
    await d.app.op('quit');
    expect(await d.app.exitedWithin(10_000)).toEqual({ code: 0, how: 'app.exit' });
    expect(commandsSeen(d)).toEqual([]);
    expect(d.sim.sessions().map((s) => s.agentId)).toContain(d.agent.id);
  });

  it('restores and focuses a minimized window before asking (quit from the tray)', async () => {
    const d = await desk('linux');
    await d.app.op('minimize');
    await d.app.op('trayMenu', { label: 'Quit' });
    const box = await nthDialog(d.app, 1);
    expect(parentOf(box)).toMatchObject({ visible: true, minimized: false, focused: true });
    const restore = d.app.calls('BrowserWindow.restore').at(-1);
    expect(restore!.seq).toBeLessThan(box.seq);
  });

  it('during a call, "Sign out and quit" hangs up, then signs out', async () => {
    const d = await desk();
    await inCall(d);
    await d.app.op('answerDialogs', { responses: [0] });
    await d.app.op('quit');
    const box = await nthDialog(d.app, 1);
    expect(String((box.args[0] as { detail: string }).detail)).toContain('A call is in progress');
    expect(await d.app.exitedWithin(10_000)).toMatchObject({ code: 0 });
    expect(commandsSeen(d)).toEqual(['DELETE /release', 'DELETE /logout']);
  });

  it('during a call, "Quit anyway" neither hangs up nor signs out', async () => {
    const d = await desk();
    await inCall(d);
    await d.app.op('answerDialogs', { responses: [1] });
    await d.app.op('quit');
    await d.app.exitedWithin(10_000);
    expect(commandsSeen(d)).toEqual([]);
  });

  it('gives up on a hung logout with the window shown, then quits on the agent’s word', async () => {
    const d = await desk();
    d.sim.addFault({ kind: 'hang', path: 'logout', count: 0 });
    await d.app.op('answerDialogs', { responses: [0] });
    await d.app.op('quit');
    const second = await nthDialog(d.app, 2, 15_000);
    expect(second.args[0]).toMatchObject({ message: 'Could not sign out.' });
    expect(String((second.args[0] as { detail: string }).detail)).toContain(
      'did not answer within 8 seconds',
    );
    expect(parentOf(second)).toMatchObject({ visible: true, destroyed: false, focused: true });
    await d.app.op('answerDialogs', { responses: [0] });
    expect(await d.app.exitedWithin(10_000)).toMatchObject({ code: 0 });
    // Out at once: no second logout, no wait on the dead gateway once the window is gone
    // (a second logout would wait out its 10 s request timeout). On the app's own clock.
    const answered = d.app.calls('dialog.answered')[1]!;
    expect(d.app.calls('process.exit')[0]!.at - answered.at).toBeLessThan(5_000);
    expect(commandsSeen(d)).toEqual(['DELETE /logout']);
  });

  it('stays when the agent goes back to the desk after the logout hung', async () => {
    const d = await desk();
    d.sim.addFault({ kind: 'hang', path: 'logout', count: 1 });
    await d.app.op('answerDialogs', { responses: [0, 1] });
    await d.app.op('quit');
    await nthDialog(d.app, 2, 15_000);
    await d.app.waitFor('the second answer', () => d.app.calls('dialog.answered')[1]);
    const state = await d.app.op<{ windows: Array<{ destroyed: boolean; progress: number }> }>(
      'state',
    );
    expect(state.windows[0]).toMatchObject({ destroyed: false, progress: -1 });
    expect(d.app.exit).toBeNull();
  });
});

describe('a second launch', () => {
  it('brings the running window back', async () => {
    const d = await desk();
    await d.app.op('minimize');
    const before = d.app.lastSeq;
    await d.app.op('secondInstance', { argv: ['agent-desk'] });
    await d.app.next('BrowserWindow.focus', before);
    const apis = d.app.journal
      .filter((e) => e.seq > before && /^BrowserWindow\.(restore|show|focus)$/.test(e.api))
      .map((e) => e.api);
    expect(apis).toEqual(['BrowserWindow.restore', 'BrowserWindow.show', 'BrowserWindow.focus']);
  });

  it('while the old instance is signing out: shows it, and starts anew after it exits', async () => {
    const d = await desk();
    d.sim.addFault({ kind: 'hang', path: 'logout', count: 0 });
    await d.app.op('answerDialogs', { responses: [0] });
    await d.app.op('quit');
    await d.app.waitFor('progress', () => d.app.calls('BrowserWindow.setProgressBar')[0]);
    const before = d.app.lastSeq;
    await d.app.op('secondInstance', { argv: ['agent-desk'] });
    await d.app.next('BrowserWindow.focus', before);
    await nthDialog(d.app, 2, 15_000);
    await d.app.op('answerDialogs', { responses: [0] });
    await d.app.exitedWithin(10_000);
    const relaunch = d.app.calls('app.relaunch');
    expect(relaunch).toHaveLength(1);
    expect(relaunch[0]!.seq).toBeLessThan(d.app.calls('process.exit')[0]!.seq);
  });

  it('as the second instance itself: quits at once, before any window', async () => {
    requireBuild();
    const app = new StandInApp({ entry: builtMain, isPackaged: true, lockHeldElsewhere: true });
    running.push({ app });
    await app.op('loaded');
    expect(await app.exitedWithin(10_000)).toEqual({ code: 0, how: 'app.quit' });
    expect(app.calls('new BrowserWindow')).toEqual([]);
    expect(app.violations()).toEqual([]);
    expect(dialogs(app)).toEqual([]);
  });
});
