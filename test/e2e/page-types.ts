/**
 * The few browser types the in-page functions of the suite use. The main tsconfig (which
 * covers test/**) has Node types and no DOM on purpose (STYLE.md §1: a DOM API in main/ is
 * a type error), so functions that Playwright serialises into the page cast `globalThis` to
 * these interfaces instead of pulling the whole DOM library into the main program.
 */
import type { DeskApi, DeskSnapshot, SettingsView } from '../../main/ipc/contract';

export interface PageAttr {
  name: string;
  value: string;
}

export interface PageElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly attributes: ArrayLike<PageAttr>;
  readonly isConnected: boolean;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  matches(selector: string): boolean;
}

export interface PageInput extends PageElement {
  readonly disabled: boolean;
  readonly value: string;
}

export interface PageDocument {
  readonly documentElement: PageElement;
  readonly body: PageElement;
  readonly activeElement: PageElement | null;
  readonly readyState: string;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getElementsByTagName(name: string): ArrayLike<PageElement>;
}

export interface PageMutationObserver {
  observe(
    target: PageElement,
    options: { childList?: boolean; subtree?: boolean; attributes?: boolean },
  ): void;
  disconnect(): void;
}

export interface PagePerformance {
  readonly timeOrigin: number;
  now(): number;
  getEntriesByType(type: string): ArrayLike<{ readonly name: string; readonly startTime: number }>;
}

/** The window as the suite sees it, including what connectDesk installs. */
export interface PageWindow {
  readonly document: PageDocument;
  readonly performance: PagePerformance;
  requestAnimationFrame(callback: (time: number) => void): number;
  MutationObserver: new (callback: () => void) => PageMutationObserver;
  desk?: DeskApi;
  /** Installed by connectDesk's binding: one request to the real desk core. */
  __deskInvoke?: (channel: string, payload: unknown) => Promise<unknown>;
  /** Installed by connectDesk's init script: fans a snapshot out to onChanged listeners. */
  __deskPush?: (snapshot: DeskSnapshot) => void;
  /** Installed by connectDesk's init script: fans a settings view out to its listeners. */
  __deskSettingsPush?: (view: SettingsView) => void;
}
