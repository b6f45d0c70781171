/** The state objects App builds once and shares with every component by context. */
import { getContext, setContext } from 'svelte';
import type { DeskApi } from '../../main/ipc/contract';
import type { Announcer } from './state/announcer.svelte';
import type { ClockState } from './state/clock-state.svelte';
import type { DeskState } from './state/desk-state.svelte';
import type { I18n } from './state/i18n.svelte';
import type { SettingsState } from './state/settings-state.svelte';

export interface DeskContext {
  api: DeskApi;
  desk: DeskState;
  settings: SettingsState;
  i18n: I18n;
  clock: ClockState;
  announcer: Announcer;
}

const key = Symbol('desk-context');

export function provideDesk(context: DeskContext): void {
  setContext(key, context);
}

export function useDesk(): DeskContext {
  const context = getContext<DeskContext | undefined>(key);
  if (!context) throw new Error('useDesk() outside <App> or a test wrapper');
  return context;
}

/** The context as a Map, for `mount(…, { context })` (tests and embedding). */
export function contextMap(context: DeskContext): Map<unknown, unknown> {
  return new Map<unknown, unknown>([[key, context]]);
}
