/**
 * The application menu, chosen rather than inherited. Electron otherwise installs its default
 * menu (lib/browser/default-menu.ts: File, Edit, View, Window), whose View menu reloads the
 * page and toggles the developer tools — neither belongs in an agent's hands.
 *
 * - macOS: the menus a Mac app is expected to have, with the roles that make Cmd+Q, Cmd+H,
 *   copy and paste in text fields, and Cmd+M work (on macOS those keys exist only as menu
 *   items), plus zoom.
 * - Windows and Linux: no visible menu bar; the menu only carries the zoom keys
 *   (Ctrl+Plus, Ctrl+Minus, Ctrl+0), which agents with low vision rely on and which exist
 *   only as menu accelerators. Copy and paste work there without a menu.
 * - Development builds add Reload and the developer tools.
 *
 * No accelerator collides with the desk's own shortcuts (renderer/lib/shortcuts.ts:
 * Ctrl+Enter, Ctrl+Shift+D, Ctrl+Shift+N, Ctrl+Shift+H, Ctrl+Shift+E, F1, F2).
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { Locale } from '../ipc/contract';

/** Inputs of {@link applicationMenuTemplate}. */
export interface AppMenuInput {
  platform: NodeJS.Platform;
  locale: Locale;
  isDevelopment: boolean;
}

type Labels = Record<
  | 'edit'
  | 'view'
  | 'window'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'selectAll'
  | 'actualSize'
  | 'zoomIn'
  | 'zoomOut'
  | 'fullScreen'
  | 'minimize'
  | 'zoom'
  | 'close'
  | 'front'
  | 'about'
  | 'hide'
  | 'hideOthers'
  | 'showAll'
  | 'quit'
  | 'reload'
  | 'devTools'
  | 'development',
  string
>;

const labels: Record<Locale, Labels> = {
  en: {
    edit: 'Edit',
    view: 'View',
    window: 'Window',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select All',
    actualSize: 'Actual Size',
    zoomIn: 'Zoom In',
    zoomOut: 'Zoom Out',
    fullScreen: 'Toggle Full Screen',
    minimize: 'Minimize',
    zoom: 'Zoom',
    close: 'Close Window',
    front: 'Bring All to Front',
    about: 'About Agent Desk',
    hide: 'Hide Agent Desk',
    hideOthers: 'Hide Others',
    showAll: 'Show All',
    quit: 'Quit Agent Desk',
    reload: 'Reload',
    devTools: 'Developer Tools',
    development: 'Development',
  },
  'zh-CN': {
    edit: '编辑',
    view: '显示',
    window: '窗口',
    undo: '撤销',
    redo: '重做',
    cut: '剪切',
    copy: '复制',
    paste: '粘贴',
    selectAll: '全选',
    actualSize: '实际大小',
    zoomIn: '放大',
    zoomOut: '缩小',
    fullScreen: '切换全屏',
    minimize: '最小化',
    zoom: '缩放',
    close: '关闭窗口',
    front: '全部置于顶层',
    about: '关于 Agent Desk',
    hide: '隐藏 Agent Desk',
    hideOthers: '隐藏其他',
    showAll: '全部显示',
    quit: '退出 Agent Desk',
    reload: '重新加载',
    devTools: '开发者工具',
    development: '开发',
  },
};

/** The menu template for this platform, language and build. */
export function applicationMenuTemplate(input: AppMenuInput): MenuItemConstructorOptions[] {
  const t = labels[input.locale];
  const isMac = input.platform === 'darwin';
  const zoomItems: MenuItemConstructorOptions[] = [
    { role: 'resetZoom', label: t.actualSize },
    { role: 'zoomIn', label: t.zoomIn },
    { role: 'zoomOut', label: t.zoomOut },
  ];
  const development: MenuItemConstructorOptions[] = input.isDevelopment
    ? [
        {
          label: t.development,
          submenu: [
            { role: 'reload', label: t.reload },
            { role: 'toggleDevTools', label: t.devTools },
          ],
        },
      ]
    : [];
  if (!isMac) return [{ label: t.view, submenu: zoomItems }, ...development];
  return [
    {
      label: 'Agent Desk',
      submenu: [
        { role: 'about', label: t.about },
        { type: 'separator' },
        { role: 'hide', label: t.hide },
        { role: 'hideOthers', label: t.hideOthers },
        { role: 'unhide', label: t.showAll },
        { type: 'separator' },
        // app.quit(): goes through the quit question like every other way out.
        { role: 'quit', label: t.quit },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { role: 'undo', label: t.undo },
        { role: 'redo', label: t.redo },
        { type: 'separator' },
        { role: 'cut', label: t.cut },
        { role: 'copy', label: t.copy },
        { role: 'paste', label: t.paste },
        { role: 'selectAll', label: t.selectAll },
      ],
    },
    {
      label: t.view,
      submenu: [
        ...zoomItems,
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.fullScreen },
      ],
    },
    {
      label: t.window,
      submenu: [
        { role: 'minimize', label: t.minimize },
        { role: 'zoom', label: t.zoom },
        { role: 'close', label: t.close },
        { type: 'separator' },
        { role: 'front', label: t.front },
      ],
    },
    ...development,
  ];
}

/** True when the window's menu bar is hidden (Windows and Linux): the menu only holds keys. */
export function hidesMenuBar(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}
