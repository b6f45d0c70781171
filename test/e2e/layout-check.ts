/**
 * The in-page check behind the layout spec (issue #13 §7): at the current window size, every
 * visible button of the screen can be brought into view by scrolling only vertically, then
 * lies wholly inside the viewport and inside every scrolling or clipping box around it, is
 * the element under its own centre (nothing covers it) and shows its whole text; and nothing
 * scrolls sideways. Runs in the page; returns the problems in words, [] when all is well. A
 * root that is not shown is a problem too: a check of the wrong screen never passes.
 */
import type { Page } from '@playwright/test';

/** The few DOM members the check uses (the main tsconfig has no DOM types on purpose). */
interface Rect {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
interface El {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly parentElement: El | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  readonly scrollHeight: number;
  readonly clientHeight: number;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): Rect;
  scrollIntoView(options: { block: string; inline: string }): void;
  contains(other: El | null): boolean;
  checkVisibility(): boolean;
}
interface Win {
  readonly innerWidth: number;
  readonly innerHeight: number;
  readonly document: {
    readonly documentElement: El;
    querySelectorAll(selector: string): ArrayLike<El>;
    elementFromPoint(x: number, y: number): El | null;
  };
  getComputedStyle(el: El): { overflowX: string; overflowY: string; position: string };
}

export interface LayoutReport {
  buttons: number;
  problems: string[];
}

/** Checks every button inside `rootSelector` (and the whole page for sideways scrolling). */
export async function checkLayout(page: Page, rootSelector: string): Promise<LayoutReport> {
  return page.evaluate((root: string): LayoutReport => {
    const w = globalThis as unknown as Win;
    const doc = w.document;
    const problems: string[] = [];
    const slack = 1;
    const name = (el: El): string =>
      `${el.tagName.toLowerCase()}[data-testid=${el.getAttribute('data-testid') ?? '-'}] "${(
        el.getAttribute('aria-label') ??
        el.textContent ??
        ''
      )
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 40)}"`;
    const html = doc.documentElement;
    if (html.scrollWidth > w.innerWidth + slack) {
      problems.push(`the page scrolls sideways: ${html.scrollWidth} px > ${w.innerWidth} px`);
    }
    for (const el of Array.from(doc.querySelectorAll(`${root} *`))) {
      const style = w.getComputedStyle(el);
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      if (scrolls && el.scrollWidth > el.clientWidth + slack) {
        problems.push(`${name(el)} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    const buttons = Array.from(doc.querySelectorAll(`${root} button`)).filter((b) =>
      b.checkVisibility(),
    );
    if (!Array.from(doc.querySelectorAll(root)).some((el) => el.checkVisibility())) {
      problems.push(`${root} is not on the screen`);
    }
    for (const b of buttons) {
      b.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      const r = b.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) continue;
      if (
        r.left < -slack ||
        r.top < -slack ||
        r.right > w.innerWidth + slack ||
        r.bottom > w.innerHeight + slack
      ) {
        problems.push(
          `${name(b)} is outside the ${w.innerWidth}×${w.innerHeight} viewport: ` +
            `${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}`,
        );
        continue;
      }
      for (let a = b.parentElement; a !== null && a !== html; a = a.parentElement) {
        // A fixed box (a popover) is placed against the viewport: boxes around it don't clip it.
        if (w.getComputedStyle(a).position === 'fixed') break;
        const s = w.getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const box = a.getBoundingClientRect();
        if (
          r.left < box.left - slack ||
          r.right > box.right + slack ||
          r.top < box.top - slack ||
          r.bottom > box.bottom + slack
        ) {
          problems.push(`${name(b)} is cut off by ${name(a)}`);
          break;
        }
      }
      const hit = doc.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!b.contains(hit)) {
        problems.push(`${name(b)} is covered by ${hit === null ? 'nothing?' : name(hit)}`);
      }
      if (b.scrollWidth > b.clientWidth + slack) {
        problems.push(
          `${name(b)} does not show its whole text (${b.scrollWidth} > ${b.clientWidth})`,
        );
      }
    }
    return { buttons: buttons.length, problems };
  }, rootSelector);
}
