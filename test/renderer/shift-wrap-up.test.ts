/**
 * The wrap-up panel (issue #13 §1) against a fake bridge: the running time, the countdown to
 * "ready by itself", Ready and the one Extend with their shortcuts, previews waiting visibly
 * with the reason, and a failed automatic Ready explained.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import WrapUpPanel from '../../renderer/components/call/WrapUpPanel.svelte';
import PreviewQueue from '../../renderer/components/queue/PreviewQueue.svelte';
import type { WrapUpView } from '../../main/ipc/contract';
import {
  FakeDesk,
  makeAgent,
  makePreview,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
  t0,
} from './fake-desk';
import { renderApp, renderIn, setup } from './harness';

afterEach(() => {
  delete window.desk;
});

const inWrapUp = makeAgent({ state: 'wrap-up' });
const wrap = (over: Partial<WrapUpView> = {}): WrapUpView => ({
  startedAt: t0,
  endsAt: t0 + 120_000,
  extended: false,
  canExtend: true,
  autoReadyError: null,
  ...over,
});
const settings = makeSettingsView({ values: makeSettings({ wrapUpMaxSeconds: 120 }) });

async function panel(view: WrapUpView | null, previews = 0) {
  const fake = new FakeDesk(
    makeSnapshot({
      agent: inWrapUp,
      wrapUp: view,
      previews: Array.from({ length: previews }, (_, i) => makePreview(String(1536 + i))),
    }),
    settings,
  );
  const h = await setup(fake);
  renderIn(h, WrapUpPanel, {});
  return h;
}

describe('wrap-up panel', () => {
  it('runs a timer and counts down to ready by itself', async () => {
    const h = await panel(wrap());
    h.setNow(42_000);
    expect(screen.getByTestId('wrap-up-elapsed').textContent?.trim()).toBe('Wrap-up for 0:42');
    expect(screen.getByTestId('wrap-up-ends-in').textContent?.trim()).toBe(
      'Ready by itself in 1:18',
    );
    h.setNow(100_000);
    expect(screen.getByTestId('wrap-up-ends-in').textContent?.trim()).toBe(
      'Ready by itself in 0:20',
    );
  });

  it('extends once (Ready lives in the status bar, not twice on screen)', async () => {
    const h = await panel(wrap());
    expect(screen.queryByRole('button', { name: 'Ready' })).toBeNull();
    const extend = screen.getByRole('button', { name: 'Extend by 2:00' });
    expect(extend.getAttribute('aria-keyshortcuts')).toBe('Control+Shift+E');
    await fireEvent.click(extend);
    expect(h.fake.callsOf('extendWrapUp')).toHaveLength(1);
    h.fake.push({ wrapUp: wrap({ endsAt: t0 + 240_000, extended: true, canExtend: false }) });
    flushSync();
    expect(screen.queryByTestId('wrap-up-extend')).toBeNull();
    expect(screen.getByTestId('wrap-up-extended').textContent).toBe('Extended once');
  });

  it('has no countdown and no Extend without a maximum', async () => {
    await panel(wrap({ endsAt: null, canExtend: false }));
    expect(screen.getByTestId('wrap-up-elapsed')).toBeTruthy();
    expect(screen.queryByTestId('wrap-up-countdown')).toBeNull();
    expect(screen.queryByTestId('wrap-up-extend')).toBeNull();
  });

  it('says how many previews wait, and says why the desk could not make the agent ready', async () => {
    await panel(
      wrap({ autoReadyError: { kind: 'network', code: 'ECONNRESET', detail: 'reset' } }),
      2,
    );
    expect(screen.getByTestId('wrap-up-waiting').textContent).toContain(
      '2 previews wait until you are ready',
    );
    const error = within(screen.getByTestId('wrap-up-auto-ready-error'));
    expect(error.getByText('The desk could not make you ready by itself:')).toBeTruthy();
    expect(error.getByRole('alert').textContent).toContain('ECONNRESET');
  });

  it("starts the next wrap-up without the last one's Extend error", async () => {
    const h = await panel(wrap());
    h.fake.fail('extendWrapUp', { kind: 'network', code: 'ECONNRESET', detail: '' });
    await fireEvent.click(screen.getByTestId('wrap-up-extend'));
    await screen.findByTestId('wrap-up-error');
    h.fake.push({ wrapUp: null });
    flushSync();
    h.fake.push({ wrapUp: wrap({ startedAt: t0 + 300_000, endsAt: t0 + 420_000 }) });
    flushSync();
    expect(screen.getByTestId('wrap-up')).toBeTruthy();
    expect(screen.queryByTestId('wrap-up-error')).toBeNull();
  });

  it('is not there outside wrap-up', async () => {
    await panel(null);
    expect(screen.queryByTestId('wrap-up')).toBeNull();
  });
});

describe('previews during wrap-up', () => {
  it('stay visible with Call disabled and the reason, and a held dial-first countdown says so', async () => {
    const fake = new FakeDesk(
      makeSnapshot({
        agent: inWrapUp,
        wrapUp: wrap(),
        previews: [makePreview('1536', { countdown: { endsAt: t0, action: 'dial-first' } })],
      }),
      settings,
    );
    const h = await setup(fake);
    renderIn(h, PreviewQueue, {});
    const card = within(screen.getByTestId('preview-card'));
    const call = card.getByTestId('preview-call') as HTMLButtonElement;
    expect(call.disabled).toBe(true);
    expect(card.getByText('Finish wrap-up before the next call.')).toBeTruthy();
    expect(card.getByTestId('preview-countdown').textContent).toContain(
      'Calls the first number when you are ready',
    );
    // Declining stays possible.
    expect((card.getByTestId('preview-decline') as HTMLButtonElement).disabled).toBe(false);
  });
});

describe('wrap-up shortcuts', () => {
  it('Ctrl+Shift+E extends, F2 makes the agent ready', async () => {
    const fake = new FakeDesk(makeSnapshot({ agent: inWrapUp, wrapUp: wrap() }), settings);
    await renderApp(fake, 'wrap-up');
    await fireEvent.keyDown(window, { key: 'E', ctrlKey: true, shiftKey: true });
    expect(fake.callsOf('extendWrapUp')).toHaveLength(1);
    fake.push({ wrapUp: wrap({ extended: true, canExtend: false }) });
    flushSync();
    await fireEvent.keyDown(window, { key: 'E', ctrlKey: true, shiftKey: true });
    expect(fake.callsOf('extendWrapUp')).toHaveLength(1);
    await fireEvent.keyDown(window, { key: 'F2' });
    expect(fake.callsOf('setAgentState')).toEqual([{ state: 'ready' }]);
  });

  it('says a refused Ready once, in the status bar, not once per wrap-up part', async () => {
    const fake = new FakeDesk(makeSnapshot({ agent: inWrapUp, wrapUp: wrap() }), settings);
    fake.fail('setAgentState', { kind: 'network', code: 'ECONNRESET', detail: '' });
    await renderApp(fake, 'wrap-up');
    await fireEvent.keyDown(window, { key: 'F2' });
    await screen.findByTestId('agent-state-error');
    flushSync();
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });
});
