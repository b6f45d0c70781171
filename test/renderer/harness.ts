/** Builds the renderer's state objects around a FakeDesk and renders a component in them. */
import { render, screen } from '@testing-library/svelte';
import { flushSync, tick, type Component } from 'svelte';
import { onTestFinished } from 'vitest';
import App from '../../renderer/App.svelte';
import { contextMap, type DeskContext } from '../../renderer/lib/context';
import { Announcer } from '../../renderer/lib/state/announcer.svelte';
import { ClockState } from '../../renderer/lib/state/clock-state.svelte';
import { DeskState } from '../../renderer/lib/state/desk-state.svelte';
import { I18n } from '../../renderer/lib/state/i18n.svelte';
import { SettingsState } from '../../renderer/lib/state/settings-state.svelte';
import { FakeDesk, t0 } from './fake-desk';

export interface Harness {
  fake: FakeDesk;
  ctx: DeskContext;
  /** Moves the shared clock to `t0 + ms`. */
  setNow(ms: number): void;
}

/** Loads the fake's snapshot and settings into fresh state objects. */
export async function setup(fake = new FakeDesk()): Promise<Harness> {
  let now = t0;
  const desk = new DeskState(fake.api);
  const settings = new SettingsState(fake.api);
  const i18n = new I18n(() => settings.values?.language ?? 'en');
  const clock = new ClockState({ now: () => now, tickMs: 3_600_000 });
  const announcer = new Announcer(desk, i18n);
  await Promise.all([desk.load(), settings.load()]);
  const ctx: DeskContext = { api: fake.api, desk, settings, i18n, clock, announcer };
  onTestFinished(() => {
    announcer.dispose();
    clock.dispose();
    desk.dispose();
    settings.dispose();
  });
  return {
    fake,
    ctx,
    setNow(ms) {
      now = t0 + ms;
      clock.tick();
      flushSync();
    },
  };
}

export function renderIn<P extends Record<string, unknown>>(
  h: Harness,
  component: Component<P>,
  props: P,
): ReturnType<typeof render> {
  return render(component as Component<Record<string, unknown>>, {
    props,
    context: contextMap(h.ctx),
  });
}

/**
 * Renders the whole App on `fake`'s bridge (left in `window.desk`; the test file removes it)
 * and waits until the element `testId` is shown.
 */
export async function renderApp(fake: FakeDesk, testId = 'desk'): Promise<void> {
  window.desk = fake.api;
  render(App);
  await tick();
  await tick();
  flushSync();
  await screen.findByTestId(testId);
}
