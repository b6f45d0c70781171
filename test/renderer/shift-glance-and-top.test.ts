/**
 * The queue glance panel (issue #13 §4) and the stay-on-top toggle (§7) against a fake bridge.
 */
import { fireEvent, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import QueueGlance from '../../renderer/components/queue/QueueGlance.svelte';
import StatusBar from '../../renderer/components/session/StatusBar.svelte';
import type { QueueGlanceView } from '../../main/ipc/contract';
import { FakeDesk, makeSettings, makeSettingsView, makeSnapshot, t0 } from './fake-desk';
import { renderIn, setup } from './harness';

const glance: QueueGlanceView = {
  skills: [
    {
      skillId: 7,
      name: 'Renewals',
      waiting: 4,
      longestWaitSeconds: 95,
      availableAgents: 2,
      loggedOnAgents: 9,
    },
    {
      skillId: 3,
      name: '',
      waiting: 0,
      longestWaitSeconds: 0,
      availableAgents: null,
      loggedOnAgents: null,
    },
  ],
  updatedAt: t0,
  isStale: false,
};

describe('queue glance', () => {
  it('lists each skill with calls waiting, longest wait and agents available', async () => {
    const h = await setup(new FakeDesk(makeSnapshot({ queue: glance })));
    renderIn(h, QueueGlance, {});
    const panel = within(screen.getByRole('region', { name: 'Queue' }));
    expect(panel.getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      'Skill',
      'Waiting',
      'Longest wait',
      'Available',
    ]);
    const rows = panel.getAllByTestId('queue-glance-skill');
    expect(rows.map((r) => [...r.children].map((c) => c.textContent?.trim()))).toEqual([
      ['Renewals', '4', '1:35', '2'],
      ['Skill 3', '0', '0:00', '–'],
    ]);
    expect(screen.getByTestId('queue-glance-when').textContent).toContain('Updated');
  });

  it('says since when stale figures are old', async () => {
    const h = await setup(new FakeDesk(makeSnapshot({ queue: { ...glance, isStale: true } })));
    renderIn(h, QueueGlance, {});
    expect(screen.getByTestId('queue-glance-when').textContent).toContain(
      'the gateway did not answer',
    );
  });

  it('is not there at all without figures (not yet, refused, or no skill)', async () => {
    const h = await setup(new FakeDesk(makeSnapshot({ queue: null })));
    renderIn(h, QueueGlance, {});
    expect(screen.queryByTestId('queue-glance')).toBeNull();
    h.fake.push({ queue: { ...glance, skills: [] } });
    flushSync();
    expect(screen.queryByTestId('queue-glance')).toBeNull();
    h.fake.push({ queue: glance });
    flushSync();
    expect(screen.getByTestId('queue-glance')).toBeTruthy();
  });
});

describe('stay on top', () => {
  it('is a toggle button that asks main and shows the saved choice', async () => {
    const fake = new FakeDesk(makeSnapshot());
    const h = await setup(fake);
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    const button = screen.getByRole('button', { name: 'Keep on top', pressed: false });
    fake.respond('setStayOnTop', (req) => {
      fake.settingsView = makeSettingsView({ values: makeSettings({ stayOnTop: true }) });
      return { ok: true, value: req };
    });
    await fireEvent.click(button);
    expect(fake.callsOf('setStayOnTop')).toEqual([{ onTop: true }]);
    await screen.findByRole('button', { name: 'Keep on top', pressed: true });
  });

  it('shows why when the host cannot keep the window on top', async () => {
    const fake = new FakeDesk(makeSnapshot());
    fake.fail('setStayOnTop', { kind: 'refused', reason: 'not-available' });
    const h = await setup(fake);
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    await fireEvent.click(screen.getByTestId('stay-on-top'));
    expect((await screen.findByTestId('stay-on-top-error')).textContent).toContain(
      'Not available here.',
    );
    expect(screen.getByTestId('stay-on-top').getAttribute('aria-pressed')).toBe('false');
  });
});

describe('stay on top set by the organisation', () => {
  it('shows the choice but cannot be switched', async () => {
    const view = makeSettingsView({
      values: makeSettings({ stayOnTop: true }),
      locked: ['stayOnTop'],
    });
    const h = await setup(new FakeDesk(makeSnapshot(), view));
    renderIn(h, StatusBar, { onOpenSettings: () => undefined });
    const button = screen.getByTestId('stay-on-top') as HTMLButtonElement;
    expect(button.getAttribute('aria-pressed')).toBe('true');
    expect(button.disabled).toBe(true);
    expect(button.title).toContain('Managed by your organisation');
  });
});
