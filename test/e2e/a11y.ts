/**
 * Accessibility scan with axe-core: no serious or critical violation on a screen, in the
 * light and the dark scheme (contrast differs). The violations are printed in full on
 * failure — rule, elements and axe's own summary (e.g. the contrast ratio found) — so the
 * message says what to fix.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';

export interface A11yViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string; summary: string }>;
}

/** Serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<A11yViolation[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: `${v.help} (${v.helpUrl})`,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
}

/** One readable block per violation, for the assertion message. */
export function formatViolations(screen: string, violations: A11yViolation[]): string {
  return [
    `${violations.length} serious/critical accessibility violation(s) on ${screen}:`,
    ...violations.map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help}\n` +
        v.nodes.map((n) => `    ${n.target}: ${n.summary}`).join('\n'),
    ),
  ].join('\n');
}

/** Scans the screen in both colour schemes; fails with every violation listed. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const violations = await seriousViolations(page);
    if (violations.length > 0) found.push(formatViolations(`${screen} (${scheme})`, violations));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  expect(found, found.join('\n\n')).toEqual([]);
}
