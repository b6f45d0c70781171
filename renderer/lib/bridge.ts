/**
 * The only module that reads `window.desk` (STYLE.md §1). Everything else receives the
 * DeskApi as a constructor argument, so tests pass a fake.
 */
import type { DeskApi } from '../../main/ipc/contract';

declare global {
  interface Window {
    /** Exposed once by the preload (contextBridge); absent in a plain browser tab. */
    desk?: DeskApi;
  }
}

/** Methods the bridge must have; a partial object is treated as no bridge at all. */
const required: ReadonlyArray<keyof DeskApi> = [
  'signIn',
  'signOut',
  'getSnapshot',
  'getSettings',
  'onChanged',
  'sendDigits',
];

/** The preload's DeskApi, or null when the page runs without it (the App shows why). */
export function getBridge(win: Window = window): DeskApi | null {
  const api = win.desk;
  if (!api || typeof api !== 'object') return null;
  return required.every((name) => typeof api[name] === 'function') ? api : null;
}
