// BrowserWindow, webContents, session and protocol of the Electron STAND-IN. Each throws
// where Electron throws before `ready` (browser-window.md: "cannot be used until the ready
// event"; electron_api_session.cc: "Session can only be received when app is ready";
// protocol.md: registerSchemesAsPrivileged "only before ready", every other method after).
import { EventEmitter } from 'node:events';
import { preventableEvent } from './world.mjs';

export function createWindows(world, app) {
  const { record, violate } = world;
  let frameIds = 0;

  class WebFrameMain {
    constructor(contents) {
      this.processId = 100 + contents.id;
      this.routingId = ++frameIds;
      this.url = '';
      this.parent = null;
      this.detached = false;
      this.contents = contents;
      this.standInRef = `WebFrameMain#${this.routingId}`;
    }
    isDestroyed() {
      return this.contents.isDestroyed();
    }
  }

  class WebContents extends EventEmitter {
    #destroyed = false;
    constructor(win) {
      super();
      this.id = win.id;
      this.standInRef = `WebContents#${this.id}`;
      this.window = win;
      this.mainFrame = new WebFrameMain(this);
      this.windowOpenHandler = null;
    }
    get session() {
      return session.defaultSession;
    }
    #alive(method) {
      if (this.#destroyed)
        violate(`webContents.${method}: Object has been destroyed`, 'web-contents.md', TypeError);
    }
    send(channel, ...args) {
      this.#alive('send');
      record('webContents.send', [channel, ...args], { contents: this.id });
    }
    setWindowOpenHandler(handler) {
      record('webContents.setWindowOpenHandler', [], { contents: this.id });
      this.windowOpenHandler = handler;
    }
    async loadURL(url) {
      this.#alive('loadURL');
      record('webContents.loadURL', [url], { contents: this.id });
      const response = await fetchFromScheme(url);
      if (response === null) {
        throw new Error(`ERR_UNKNOWN_URL_SCHEME (-302) loading '${url}'`);
      }
      if (response.status !== 200) {
        this.emit('did-fail-load', preventableEvent(), -6, `HTTP ${response.status}`, url);
        throw new Error(`ERR_FILE_NOT_FOUND (-6) loading '${url}'`);
      }
      this.mainFrame.url = url;
      this.emit('did-finish-load', preventableEvent());
      this.window.emit('ready-to-show', preventableEvent());
    }
    getURL() {
      return this.mainFrame.url;
    }
    reload() {
      this.#alive('reload');
      record('webContents.reload', [], { contents: this.id });
    }
    isDestroyed() {
      return this.#destroyed;
    }
    isCrashed() {
      return false;
    }
    openDevTools() {
      record('webContents.openDevTools', [], { contents: this.id });
    }
    destroy() {
      this.#destroyed = true;
    }
  }

  class BrowserWindow extends EventEmitter {
    #destroyed = false;
    constructor(options = {}) {
      if (!world.ready) {
        violate(
          'Cannot create BrowserWindow before app is ready',
          'electron_api_browser_window.cc',
        );
      }
      super();
      this.id = world.nextId++;
      this.standInRef = `BrowserWindow#${this.id}`;
      this.options = options;
      this.state = {
        visible: options.show !== false,
        focused: false,
        minimized: false,
        maximized: false,
        title: options.title ?? 'Electron',
        progress: -1,
        menuBarVisible: true,
        flashing: false,
        alwaysOnTop: options.alwaysOnTop === true,
      };
      record('new BrowserWindow', [options], { window: this.id });
      this.webContents = new WebContents(this);
      world.windows.push(this);
      app.emit('browser-window-created', preventableEvent(), this);
      app.emit('web-contents-created', preventableEvent(), this.webContents);
    }
    static getAllWindows() {
      return world.windows.filter((win) => !win.isDestroyed());
    }
    static getFocusedWindow() {
      return BrowserWindow.getAllWindows().find((win) => win.state.focused) ?? null;
    }
    static fromWebContents(contents) {
      return contents.window ?? null;
    }
    #call(method, args = []) {
      if (this.#destroyed)
        violate(`BrowserWindow.${method}: Object has been destroyed`, 'base-window.md', TypeError);
      record(`BrowserWindow.${method}`, args, { window: this.id });
    }
    /** The window as the agent would see it, for the journal. */
    view() {
      return { id: this.id, destroyed: this.#destroyed, ...this.state };
    }
    loadURL(url) {
      this.#call('loadURL', [url]);
      return this.webContents.loadURL(url);
    }
    show() {
      this.#call('show');
      const wasHidden = !this.state.visible;
      this.state.visible = true;
      this.#focus();
      if (wasHidden) this.emit('show');
    }
    hide() {
      this.#call('hide');
      this.state.visible = false;
      this.state.focused = false;
      this.emit('hide');
    }
    focus() {
      this.#call('focus');
      if (this.state.visible && !this.state.minimized) this.#focus();
    }
    #focus() {
      if (this.state.focused) return;
      this.state.focused = true;
      this.emit('focus');
    }
    /** The agent switches to another application (driver only). */
    blurByUser() {
      this.state.focused = false;
      this.emit('blur');
    }
    minimize() {
      this.#call('minimize');
      this.state.minimized = true;
      this.state.focused = false;
      this.emit('minimize');
    }
    restore() {
      this.#call('restore');
      this.state.minimized = false;
      this.emit('restore');
    }
    maximize() {
      this.#call('maximize');
      this.state.maximized = true;
    }
    isFocused() {
      return this.state.focused;
    }
    isVisible() {
      return this.state.visible;
    }
    isMinimized() {
      return this.state.minimized;
    }
    isMaximized() {
      return this.state.maximized;
    }
    isDestroyed() {
      return this.#destroyed;
    }
    flashFrame(flag) {
      this.#call('flashFrame', [flag]);
      this.state.flashing = flag;
    }
    setProgressBar(progress, options) {
      this.#call('setProgressBar', [progress, options ?? null]);
      this.state.progress = progress;
    }
    setTitle(title) {
      this.#call('setTitle', [title]);
      this.state.title = title;
    }
    getTitle() {
      return this.state.title;
    }
    setAlwaysOnTop(flag, level, relativeLevel) {
      if (typeof flag !== 'boolean')
        violate(
          'BrowserWindow.setAlwaysOnTop: flag must be a boolean',
          'base-window.md',
          TypeError,
        );
      this.#call('setAlwaysOnTop', [flag, level ?? null, relativeLevel ?? null]);
      this.state.alwaysOnTop = flag;
    }
    isAlwaysOnTop() {
      return this.state.alwaysOnTop;
    }
    setMenuBarVisibility(visible) {
      this.#call('setMenuBarVisibility', [visible]);
      this.state.menuBarVisible = visible;
    }
    getNormalBounds() {
      return { x: 10, y: 10, width: this.options.width ?? 800, height: this.options.height ?? 600 };
    }
    getBounds() {
      return this.getNormalBounds();
    }
    /** Closing as Electron does: `close` may be prevented; otherwise the window goes. */
    close() {
      this.#call('close');
      const event = preventableEvent();
      this.emit('close', event);
      if (event.defaultPrevented) {
        world.onWindowCloseCancelled();
        return;
      }
      setImmediate(() => this.destroy());
    }
    destroy() {
      if (this.#destroyed) return;
      this.#destroyed = true;
      this.webContents.destroy();
      this.state.visible = false;
      this.state.focused = false;
      record('lifecycle', ['window closed'], { window: this.id });
      this.emit('closed');
      if (BrowserWindow.getAllWindows().length === 0) world.onAllWindowsClosed();
    }
    /** app.exit() and the end of the process: windows go without any event (app.md). */
    destroyQuietly() {
      this.#destroyed = true;
      this.webContents.destroy();
    }
  }

  // ---- session and protocol ----
  function createSession() {
    const handlers = new Map();
    return {
      standInRef: 'Session#default',
      handlers,
      permissionRequestHandler: null,
      permissionCheckHandler: null,
      protocol: {
        handle(scheme, handler) {
          record('session.protocol.handle', [scheme]);
          if (handlers.has(scheme))
            violate(`Failed to register protocol: ${scheme}`, 'protocol.ts');
          handlers.set(scheme, handler);
        },
        unhandle(scheme) {
          record('session.protocol.unhandle', [scheme]);
          handlers.delete(scheme);
        },
        isProtocolHandled: (scheme) => handlers.has(scheme),
      },
      setPermissionRequestHandler(handler) {
        record('session.setPermissionRequestHandler');
        this.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler) {
        record('session.setPermissionCheckHandler');
        this.permissionCheckHandler = handler;
      },
      setDevicePermissionHandler: () => record('session.setDevicePermissionHandler'),
      webRequest: { onHeadersReceived: () => record('session.webRequest.onHeadersReceived') },
      getPreloads: () => [],
      setPreloads: (preloads) => record('session.setPreloads', [preloads]),
      registerPreloadScript: (script) => record('session.registerPreloadScript', [script]),
    };
  }

  const session = {
    get defaultSession() {
      if (!world.ready) {
        violate(
          'Session can only be received when app is ready',
          'electron_api_session.cc',
          TypeError,
        );
      }
      world.defaultSession ??= createSession();
      return world.defaultSession;
    },
    fromPartition(partition) {
      if (!world.ready) {
        violate(
          'Session can only be received when app is ready',
          'electron_api_session.cc',
          TypeError,
        );
      }
      if (partition !== '') violate('the stand-in has only the default session', 'stand-in');
      return session.defaultSession;
    },
  };

  const protocol = {
    registerSchemesAsPrivileged(schemes) {
      if (world.ready) {
        violate(
          'protocol.registerSchemesAsPrivileged should be called before app is ready',
          'protocol.md; electron_api_protocol.cc',
        );
      }
      record('protocol.registerSchemesAsPrivileged', [schemes]);
      world.privilegedSchemes.push(...schemes);
    },
    handle(scheme, handler) {
      if (!world.ready)
        violate('protocol.handle can only be used after the ready event', 'protocol.md');
      session.defaultSession.protocol.handle(scheme, handler);
    },
  };

  /** A request through the handler registered for the URL's scheme, or null when none is. */
  async function fetchFromScheme(url) {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = world.defaultSession?.handlers.get(scheme);
    if (handler === undefined) return null;
    return handler(new Request(url));
  }
  world.fetchFromScheme = fetchFromScheme;

  const webContents = {
    getAllWebContents: () => BrowserWindow.getAllWindows().map((win) => win.webContents),
    getFocusedWebContents: () => BrowserWindow.getFocusedWindow()?.webContents ?? null,
    fromId: (id) => BrowserWindow.getAllWindows().find((win) => win.id === id)?.webContents,
  };

  return { BrowserWindow, session, protocol, webContents };
}
