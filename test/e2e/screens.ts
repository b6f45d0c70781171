/**
 * Screenshots of the main screens: always under test-results/screens/, and with
 * UPDATE_SCREENSHOTS=1 also copied to docs/screenshots/ (commit-ready PNGs for the README).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { repoRoot } from './static-server';

export const screensDir = join(repoRoot, 'test-results', 'screens');
export const docsScreensDir = join(repoRoot, 'docs', 'screenshots');

export type Scheme = 'light' | 'dark';

/** Saves `<name>-<scheme>.png` and returns its path. */
export async function saveScreen(page: Page, name: string, scheme: Scheme): Promise<string> {
  mkdirSync(screensDir, { recursive: true });
  const file = join(screensDir, `${name}-${scheme}.png`);
  // Caret and animations frozen, and no hover left by the last click, so two runs of the
  // same screen give the same picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(docsScreensDir, { recursive: true });
    copyFileSync(file, join(docsScreensDir, `${name}-${scheme}.png`));
  }
  return file;
}

/** Shoots the current screen in both schemes (the theme setting follows the system). */
export async function saveBothSchemes(page: Page, name: string): Promise<string[]> {
  const files: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    files.push(await saveScreen(page, name, scheme));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return files;
}
