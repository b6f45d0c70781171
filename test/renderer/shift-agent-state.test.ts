/**
 * The agent's state in the status bar (issue #13 §2): reasons by name in both languages, time
 * in state, rest time left then "rest time is over" with a one-key way back, a state asked
 * for during a call shown as coming after it, and a supervisor's forced state said as such.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { flushSync, tick } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import AgentStateControl from '../../renderer/components/session/AgentStateControl.svelte';
import type { AgentView } from '../../main/ipc/contract';
import {
  FakeDesk,
  makeAgent,
  makeCall,
  makeSettings,
  makeSettingsView,
  makeSnapshot,
  t0,
} from './fake-desk';
import { renderApp, renderIn, setup } from './harness';

afterEach(() => {
  delete window.desk;
});

async function bar(view: Partial<AgentView>, language: 'en' | 'zh-CN' = 'en', callUp = false) {
  const settings = makeSettingsView({ values: makeSettings({ language }) });
  const fake = new FakeDesk(
    makeSnapshot({ agent: makeAgent(view), call: callUp ? makeCall() : null }),
    settings,
  );
  const h = await setup(fake);
  renderIn(h, AgentStateControl, {});
  return h;
}

describe('status bar agent state', () => {
  it('shows the not-ready reason by name and the time in state', async () => {
    const h = await bar({ state: 'not-ready', reason: 201, since: t0 - 65_000 });
    expect(screen.getByTestId('agent-state-name').textContent).toBe('Not ready');
    expect(screen.getByTestId('agent-state-reason').textContent).toBe('Training');
    expect(screen.getByTestId('agent-state-time').textContent?.trim()).toBe('for 1:05');
    h.setNow(60_000);
    expect(screen.getByTestId('agent-state-time').textContent?.trim()).toBe('for 2:05');
  });

  it('names the reason in Chinese, and an unlisted code by its number', async () => {
    await bar({ state: 'not-ready', reason: 201 }, 'zh-CN');
    expect(screen.getByTestId('agent-state-name').textContent).toBe('示忙');
    expect(screen.getByTestId('agent-state-reason').textContent).toBe('培训');
  });

  it('shows a code the list does not know as "Reason N"', async () => {
    await bar({ state: 'not-ready', reason: 247 });
    expect(screen.getByTestId('agent-state-reason').textContent).toBe('Reason 247');
  });

  it('says when a supervisor forced the agent not ready, once (not again as a reason)', async () => {
    await bar({ state: 'not-ready', reason: 3, bySupervisor: true });
    expect(screen.getByTestId('agent-state-by-supervisor').textContent).toContain(
      'Set by a supervisor',
    );
    expect(screen.queryByTestId('agent-state-reason')).toBeNull();
  });

  it('names busy reason 3 without the forced event as set by a supervisor (§6.3)', async () => {
    await bar({ state: 'not-ready', reason: 3 });
    expect(screen.queryByTestId('agent-state-by-supervisor')).toBeNull();
    expect(screen.getByTestId('agent-state-reason').textContent).toBe('By a supervisor');
  });

  it('counts the rest time down, then says it is over and offers Ready with its shortcut', async () => {
    const h = await bar({ state: 'rest', reason: 2, restEndsAt: t0 + 90_000 });
    expect(screen.getByTestId('agent-state-reason').textContent).toBe('Lunch');
    expect(screen.getByTestId('agent-state-time').textContent?.trim()).toBe('1:30 left');
    h.setNow(30_000);
    expect(screen.getByTestId('agent-state-time').textContent?.trim()).toBe('1:00 left');
    h.fake.push({
      agent: makeAgent({ state: 'rest', reason: 2, restEndsAt: t0 + 90_000, restOverdue: true }),
    });
    flushSync();
    expect(screen.getByTestId('agent-rest-overdue').textContent).toContain('Rest time is over');
    const ready = screen.getByRole('button', { name: 'Ready: back to work' });
    expect(ready.getAttribute('aria-keyshortcuts')).toBe('F2');
    await fireEvent.click(ready);
    expect(h.fake.callsOf('setAgentState')).toEqual([{ state: 'ready' }]);
  });

  it('drops a refused change once the state moved on by itself', async () => {
    const h = await bar({ state: 'not-ready', reason: 201 });
    h.fake.fail('setAgentState', { kind: 'network', code: 'ECONNRESET', detail: '' });
    await fireEvent.click(screen.getByTestId('agent-ready'));
    await screen.findByTestId('agent-state-error');
    // Not for a mere refresh of the same state...
    h.fake.push({ agent: makeAgent({ state: 'not-ready', reason: 201 }) });
    flushSync();
    expect(screen.getByTestId('agent-state-error')).toBeTruthy();
    // ...but the gateway made the agent ready another way (a supervisor, another desk).
    h.fake.push({ agent: makeAgent({ state: 'ready', since: t0 + 30_000 }) });
    flushSync();
    expect(screen.queryByTestId('agent-state-error')).toBeNull();
  });

  it('shows a state asked for during a call as coming after it', async () => {
    await bar({ state: 'busy', pending: { state: 'rest', seconds: 900, reason: 1 } }, 'en', true);
    expect(screen.getByTestId('agent-state-pending').textContent).toBe('After this call: Rest');
    expect(screen.queryByTestId('agent-ready')).toBeNull();
  });

  it('starts a rest with the chosen cause and duration from the lists', async () => {
    const h = await bar({ state: 'ready' });
    await fireEvent.click(screen.getByTestId('agent-state-change'));
    const menu = within(screen.getByTestId('agent-state-menu'));
    await fireEvent.click(
      menu.getAllByTestId('agent-state-rest-cause').find((r) => r.dataset['code'] === '2')!,
    );
    await fireEvent.click(
      menu.getAllByTestId('agent-state-rest-minutes').find((r) => r.dataset['minutes'] === '30')!,
    );
    await fireEvent.click(menu.getByTestId('agent-state-start-rest'));
    expect(h.fake.callsOf('setAgentState')).toEqual([{ state: 'rest', seconds: 1800, reason: 2 }]);
  });

  it('marks the current reason and changes to another one', async () => {
    const h = await bar({ state: 'not-ready', reason: 200 });
    await fireEvent.click(screen.getByTestId('agent-state-change'));
    const options = screen.getAllByTestId('agent-state-reason-option');
    const current = options.find((o) => o.dataset['code'] === '200')!;
    expect(current.getAttribute('aria-current')).toBe('true');
    expect((current as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(options.find((o) => o.dataset['code'] === '203')!);
    expect(h.fake.callsOf('setAgentState')).toEqual([{ state: 'not-ready', reason: 203 }]);
  });

  it('opens the state menu as a button that says it is expanded, and Escape closes it', async () => {
    await bar({ state: 'ready' });
    const button = screen.getByRole('button', { name: 'Change state', expanded: false });
    await fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('group', { name: 'Change your state' });
    await tick();
    expect(menu.contains(document.activeElement)).toBe(true);
    await fireEvent.keyDown(menu, { key: 'Escape' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(button);
  });
});

describe('the Ready shortcut', () => {
  it.each(['not-ready', 'rest', 'wrap-up'] as const)(
    'makes the agent ready from %s',
    async (state) => {
      const fake = new FakeDesk(makeSnapshot({ agent: makeAgent({ state }) }));
      await renderApp(fake);
      await fireEvent.keyDown(window, { key: 'F2' });
      expect(fake.callsOf('setAgentState')).toEqual([{ state: 'ready' }]);
    },
  );

  it('does nothing while ready or on a call', async () => {
    const fake = new FakeDesk(
      makeSnapshot({ agent: makeAgent({ state: 'busy' }), call: makeCall() }),
    );
    await renderApp(fake);
    await fireEvent.keyDown(window, { key: 'F2' });
    fake.push({ agent: makeAgent({ state: 'ready' }), call: null });
    flushSync();
    await fireEvent.keyDown(window, { key: 'F2' });
    expect(fake.callsOf('setAgentState')).toEqual([]);
  });
});
