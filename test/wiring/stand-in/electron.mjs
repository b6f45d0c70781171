// `import … from 'electron'` under the STAND-IN: the object register.mjs built.
const electron = globalThis[Symbol.for('agent-desk.electron-stand-in')];
if (electron === undefined) throw new Error('the electron stand-in is not registered');

export default electron;
export const {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  webContents,
} = electron;
