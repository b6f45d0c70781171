/**
 * Builds the `DeskApi` object from two primitives, so the Electron preload and the e2e
 * browser bridge expose exactly the same surface and it can be unit-tested in Node.
 * Pure: no Electron, no DOM.
 */
import type {
  CommandName,
  CommandRequest,
  CommandValue,
  DeskApi,
  DeskResult,
  DeskSnapshot,
  SettingsView,
} from './contract';
import { commandChannels } from './contract';

/** Sends one request on a channel and resolves with the main side's answer. */
export type DeskInvoke = (channel: string, payload: unknown) => Promise<unknown>;

/** Registers a snapshot listener; returns a function removing only that listener. */
export type DeskSubscribe = (listener: (snapshot: DeskSnapshot) => void) => () => void;

/** Registers a settings-view listener; returns a function removing only that listener. */
export type SettingsSubscribe = (listener: (view: SettingsView) => void) => () => void;

/**
 * The bridge object. A rejected invoke (no handler registered, the main process gone)
 * becomes an `internal` Result: nothing throws across the bridge (contract.ts DeskApi).
 */
export function createDeskApi(
  invoke: DeskInvoke,
  subscribe: DeskSubscribe,
  subscribeSettings: SettingsSubscribe,
): DeskApi {
  const command =
    <C extends CommandName>(name: C) =>
    async (req?: CommandRequest<C>): Promise<DeskResult<CommandValue<C>>> => {
      try {
        // The main side's dispatcher answers a DeskResult for every channel.
        return (await invoke(commandChannels[name], req)) as DeskResult<CommandValue<C>>;
      } catch (error) {
        const detail = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { kind: 'internal', detail: `${name}: ${detail}` } };
      }
    };
  const api: DeskApi = {
    signIn: command('signIn'),
    signOut: command('signOut'),
    setAgentState: command('setAgentState'),
    dialPreview: command('dialPreview'),
    declinePreview: command('declinePreview'),
    sendDigits: command('sendDigits'),
    hangUp: command('hangUp'),
    holdCall: command('holdCall'),
    unholdCall: command('unholdCall'),
    getSnapshot: command('getSnapshot'),
    getEventLog: command('getEventLog'),
    getSettings: command('getSettings'),
    updateSettings: command('updateSettings'),
    testConnection: command('testConnection'),
    exportDiagnostics: command('exportDiagnostics'),
    forgetSavedPassword: command('forgetSavedPassword'),
    notifyAgent: command('notifyAgent'),
    setStayOnTop: command('setStayOnTop'),
    extendWrapUp: command('extendWrapUp'),
    signInAgainNow: command('signInAgainNow'),
    stopSigningInAgain: command('stopSigningInAgain'),
    onChanged(listener) {
      if (typeof listener !== 'function') throw new TypeError('onChanged needs a function');
      return subscribe(listener);
    },
    onSettingsChanged(listener) {
      if (typeof listener !== 'function') throw new TypeError('onSettingsChanged needs a function');
      return subscribeSettings(listener);
    },
  };
  return Object.freeze(api);
}
