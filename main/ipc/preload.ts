/**
 * The preload (sandboxed, built as CommonJS by electron-vite): exposes the one `DeskApi`
 * object as `window.desk` and nothing else — no `ipcRenderer`, no `process`, no generic
 * send/invoke (threat: a compromised page reaching arbitrary IPC channels).
 */
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcRendererEvent } from 'electron';
import { createDeskApi } from './bridge';
import type { DeskSnapshot } from './contract';
import { pushChannel } from './contract';

const api = createDeskApi(
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (listener) => {
    // One wrapper per subscription, so unsubscribing removes only this listener.
    const onPush = (_event: IpcRendererEvent, snapshot: DeskSnapshot): void => listener(snapshot);
    ipcRenderer.on(pushChannel, onPush);
    return () => {
      ipcRenderer.removeListener(pushChannel, onPush);
    };
  },
);

contextBridge.exposeInMainWorld('desk', api);
