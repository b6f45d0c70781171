// ipcMain, dialog, Notification, Tray, Menu, powerMonitor, screen, shell, safeStorage and
// nativeImage of the Electron STAND-IN. Each records its calls; the ready-only ones throw
// before `ready` with Electron's own message (electron_api_notification.cc, _tray.cc,
// _screen.cc).
import { EventEmitter } from 'node:events';
import { preventableEvent } from './world.mjs';

export function createDesktop(world, BrowserWindow) {
  const { record, violate } = world;

  const ipcMain = new EventEmitter();
  Object.assign(ipcMain, {
    standInRef: 'ipcMain',
    handle(channel, handler) {
      // lib/browser/ipc-main-impl.ts
      if (world.ipcHandlers.has(channel)) {
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      }
      world.ipcHandlers.set(channel, handler);
    },
    handleOnce(channel, handler) {
      ipcMain.handle(channel, (...args) => {
        world.ipcHandlers.delete(channel);
        return handler(...args);
      });
    },
    removeHandler(channel) {
      world.ipcHandlers.delete(channel);
    },
  });

  const dialog = {
    showMessageBox(...args) {
      const parent = args[0] instanceof BrowserWindow ? args.shift() : null;
      const options = args[0] ?? {};
      const id = world.dialogs.length + 1;
      record('dialog.showMessageBox', [options], {
        dialog: id,
        parent: parent?.view() ?? null,
        windows: BrowserWindow.getAllWindows().map((win) => win.view()),
      });
      return new Promise((resolve) => {
        world.dialogs.push({ id, options, resolve, answered: false });
        world.answerQueuedDialogs();
      });
    },
    showErrorBox: (title, content) => record('dialog.showErrorBox', [title, content]),
    showOpenDialog: async (...args) => {
      record('dialog.showOpenDialog', args);
      return { canceled: true, filePaths: [] };
    },
    showSaveDialog: async (...args) => {
      record('dialog.showSaveDialog', args);
      return { canceled: true };
    },
  };

  /** Answers the oldest unanswered dialogs from the queue the test filled. */
  world.answerQueuedDialogs = () => {
    for (const box of world.dialogs) {
      if (box.answered) continue;
      if (world.dialogAnswers.length === 0) return;
      world.answer(box, world.dialogAnswers.shift());
    }
  };
  world.answer = (box, response) => {
    box.answered = true;
    record('dialog.answered', [response], { dialog: box.id });
    setImmediate(() => box.resolve({ response, checkboxChecked: false }));
  };

  class Notification extends EventEmitter {
    static isSupported() {
      return true;
    }
    constructor(options = {}) {
      if (!world.ready)
        violate('Cannot create Notification before app is ready', 'electron_api_notification.cc');
      super();
      this.index = world.notifications.length;
      this.standInRef = `Notification#${this.index}`;
      this.options = options;
      // A WeakRef only: like the native notification, it lives as long as the app keeps the
      // JavaScript object (notification.md). A collected one can no longer be clicked.
      world.notifications.push(new WeakRef(this));
      record('new Notification', [options], { notification: this.index });
    }
    show() {
      record('Notification.show', [], { notification: this.index });
    }
    close() {
      record('Notification.close', [], { notification: this.index });
    }
  }

  class Menu {
    constructor(template = []) {
      this.template = template;
      this.standInRef = 'Menu';
    }
    static buildFromTemplate(template) {
      if (!Array.isArray(template))
        violate('Invalid template for Menu: Menu template must be an array', 'menu.md', TypeError);
      for (const item of template) {
        if (item.label === undefined && item.role === undefined && item.type === undefined) {
          violate(
            'Invalid template for MenuItem: must have at least one of label, role or type',
            'menu.ts',
            TypeError,
          );
        }
      }
      return new Menu(template);
    }
    static setApplicationMenu(menu) {
      record('Menu.setApplicationMenu', [menu === null ? null : menu.template]);
      world.appMenu = menu;
      world.appMenuSetByApp = true;
    }
    static getApplicationMenu() {
      return world.appMenu;
    }
  }

  /** lib/browser/default-menu.ts: installed at will-finish-launching unless the app set one. */
  function defaultMenu() {
    const template = [
      ...(world.config.platform === 'darwin' ? [{ role: 'appMenu' }] : []),
      { role: 'fileMenu' },
      { role: 'editMenu' },
      { role: 'viewMenu' },
      { role: 'windowMenu' },
    ];
    world.appMenu = new Menu(template);
    record('default application menu', [template]);
  }

  class Tray extends EventEmitter {
    constructor(image) {
      if (!world.ready) violate('Cannot create Tray before app is ready', 'electron_api_tray.cc');
      super();
      this.standInRef = `Tray#${world.trays.length}`;
      this.menu = null;
      this.destroyed = false;
      world.trays.push(this);
      record('new Tray', [image]);
    }
    setToolTip(text) {
      record('Tray.setToolTip', [text]);
    }
    setImage(image) {
      record('Tray.setImage', [image]);
    }
    setContextMenu(menu) {
      record('Tray.setContextMenu', [menu?.template ?? null]);
      this.menu = menu;
    }
    destroy() {
      record('Tray.destroy');
      this.destroyed = true;
    }
  }

  const powerMonitor = new EventEmitter();
  Object.assign(powerMonitor, {
    standInRef: 'powerMonitor',
    getSystemIdleState: () => 'active',
    getSystemIdleTime: () => 0,
    isOnBatteryPower: () => false,
  });

  const readyOnly = (name) => () => {
    if (!world.ready) {
      violate(
        "The 'screen' module can't be used before the app 'ready' event",
        'electron_api_screen.cc',
      );
    }
    record(`screen.${name}`);
  };
  const display = {
    id: 1,
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    scaleFactor: 1,
  };
  const screen = {
    getAllDisplays: () => (readyOnly('getAllDisplays')(), [display]),
    getPrimaryDisplay: () => (readyOnly('getPrimaryDisplay')(), display),
    getDisplayMatching: () => (readyOnly('getDisplayMatching')(), display),
  };

  const shell = {
    openExternal: async (url) => void record('shell.openExternal', [url]),
    openPath: async (path) => (record('shell.openPath', [path]), ''),
    showItemInFolder: (path) => record('shell.showItemInFolder', [path]),
  };

  // No OS keychain behind the stand-in: encryption is reported unavailable, as on a bare
  // Linux desktop (safe-storage.md), so the vault must say it cannot remember a password.
  const safeStorage = {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString() {
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    },
    decryptString() {
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    },
  };

  function image() {
    const reps = [];
    return {
      standInRef: 'NativeImage',
      addRepresentation: (rep) => reps.push(rep),
      isEmpty: () => reps.length === 0,
      getSize: () => ({ width: reps[0]?.width ?? 0, height: reps[0]?.height ?? 0 }),
      toPNG: () => Buffer.alloc(0),
    };
  }
  const nativeImage = {
    createEmpty: image,
    createFromBuffer: image,
    createFromPath: image,
    createFromDataURL: image,
  };

  /** A shutdown as the OS reports it; without preventDefault the OS quits the app itself. */
  world.emitShutdown = () => {
    const event = preventableEvent();
    powerMonitor.emit('shutdown', event);
    record('powerMonitor shutdown', [], { prevented: event.defaultPrevented });
    return event.defaultPrevented;
  };

  return {
    ipcMain,
    dialog,
    Notification,
    Menu,
    Tray,
    powerMonitor,
    screen,
    shell,
    safeStorage,
    nativeImage,
    defaultMenu,
  };
}
