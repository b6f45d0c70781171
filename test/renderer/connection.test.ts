import { screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import ConnectionBanner from '../../renderer/components/session/ConnectionBanner.svelte';
import ConnectionStatus from '../../renderer/components/session/ConnectionStatus.svelte';
import LiveRegions from '../../renderer/components/common/LiveRegions.svelte';
import type { ConnectionView } from '../../main/ipc/contract';
import { FakeDesk, makeCall, makePreview, makeSnapshot, t0 } from './fake-desk';
import { renderIn, setup } from './harness';

function connection(overrides: Partial<ConnectionView>): ConnectionView {
  return { ...makeSnapshot().connection, ...overrides };
}

async function desk() {
  const h = await setup(new FakeDesk());
  renderIn(h, ConnectionStatus, {});
  renderIn(h, ConnectionBanner, {});
  renderIn(h, LiveRegions, {});
  return h;
}

describe('connection health', () => {
  it('shows no banner while live, and the indicator with its word', async () => {
    await desk();
    expect(screen.queryByTestId('connection-banner')).toBeNull();
    const health = screen.getByTestId('connection-health');
    expect(health.dataset['health']).toBe('live');
    expect(health.textContent).toContain('Connected');
  });

  it('counts down to the next reconnect attempt', async () => {
    const h = await desk();
    h.fake.push({ connection: connection({ health: 'reconnecting', nextAttemptAt: t0 + 4000 }) });
    flushSync();
    const banner = screen.getByTestId('connection-banner');
    expect(banner.dataset['health']).toBe('reconnecting');
    expect(banner.textContent).toContain('next attempt in 4 s');
    h.setNow(2500);
    expect(banner.textContent).toContain('next attempt in 2 s');
    h.setNow(5000);
    expect(banner.textContent).toContain('Reconnecting to the gateway now');
  });

  it('says what to do when the connection is lost, assertively', async () => {
    const h = await desk();
    h.fake.push({
      connection: connection({
        health: 'lost',
        error: { kind: 'network', code: 'ENETUNREACH', detail: '' },
      }),
    });
    flushSync();
    const banner = screen.getByTestId('connection-banner');
    expect(banner.textContent).toContain('Check the network');
    expect(banner.textContent).toContain('ENETUNREACH');
    expect(screen.getByTestId('connection-sign-out')).toBeTruthy();
    expect(screen.getByTestId('live-assertive').textContent?.trim()).toBe(
      'Connection to the gateway lost.',
    );
    h.fake.push({ connection: connection({ health: 'live' }) });
    flushSync();
    expect(screen.getByTestId('live-assertive').textContent?.trim()).toBe('');
    expect(screen.getByTestId('live-polite').textContent).toContain('is back');
  });

  it('shows a degraded banner that lets the agent keep working', async () => {
    const h = await desk();
    h.fake.push({ connection: connection({ health: 'degraded' }) });
    flushSync();
    expect(screen.getByTestId('connection-banner').textContent).toContain('you can keep working');
  });
});

describe('polite live region', () => {
  it('announces new previews and call phases', async () => {
    const h = await desk();
    h.fake.push({ previews: [makePreview('77', { numbers: ['13911112222'] })] });
    flushSync();
    expect(screen.getByTestId('live-polite').textContent?.trim()).toBe('New preview: 13911112222');
    h.fake.push({ call: makeCall({ phase: 'customer-ringing', number: '13911112222' }) });
    flushSync();
    expect(screen.getByTestId('live-polite').textContent?.trim()).toBe(
      'Call 13911112222: Customer phone ringing',
    );
    h.fake.push({ call: makeCall({ phase: 'talking', number: '13911112222' }) });
    flushSync();
    expect(screen.getByTestId('live-polite').textContent?.trim()).toBe('Call 13911112222: Talking');
  });
});
