/**
 * The preload (sandboxed, built as CommonJS by electron-vite): exposes the one `DeskApi`
 * object as `window.desk` and nothing else — no `ipcRenderer`, no `process`, no generic
 * send/invoke (threat: a compromised page reaching arbitrary IPC channels).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { createDeskApi } from './bridge';
import type { DeskSnapshot, SettingsView } from './contract';
import { pushChannel, settingsPushChannel } from './contract';

/** Listens on one push channel; one wrapper per subscription, so unsubscribing removes only it. */
function subscribeTo<T>(channel: string, listener: (payload: T) => void): () => void {
  const onPush = (_event: IpcRendererEvent, payload: T): void => listener(payload);
  ipcRenderer.on(channel, onPush);
  return () => {
    ipcRenderer.removeListener(channel, onPush);
  };
}

const api = createDeskApi(
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (listener) => subscribeTo<DeskSnapshot>(pushChannel, listener),
  (listener) => subscribeTo<SettingsView>(settingsPushChannel, listener),
);

contextBridge.exposeInMainWorld('desk', api);
