/**
 * The desk beside the CRM (issue #13 §7): from a full screen down to the compact single
 * column (~400 px), every button of the desk can be reached without sideways scrolling,
 * nothing is cut off or covered, and the preview, the call and the keypad come first.
 * Checked on the real desk with previews waiting and a call up, with the state menu open,
 * and on the sign-in screen and the settings dialog.
 */
import { expect, test } from './fixtures';
import { checkLayout } from './layout-check';
import { saveScreen } from './screens';
import { ids, openSettings, previewCard, signIn, signedInWithPreviews, startTalking } from './ui';

/** Full HD, the README's laptop, the sizes the issue found broken, and the compact panel. */
const sizes = [
  { width: 1920, height: 1080 },
  { width: 1366, height: 768 },
  { width: 1024, height: 640 },
  { width: 800, height: 600 },
  { width: 400, height: 720 },
  // A 400 px window's content area on Windows (frame and scroll bar take a few pixels).
  { width: 384, height: 560 },
] as const;

const label = (s: { width: number; height: number }): string => `${s.width}x${s.height}`;

test('every desk button is reachable at every size, with previews waiting and a call up', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  const first = await signedInWithPreviews(page, sim, agent);
  // Previews offered during the call wait at the gateway: the cards are there already.
  await startTalking(page, sim, agent, first);
  for (const size of sizes) {
    await page.setViewportSize(size);
    const report = await checkLayout(page, '[data-testid="desk"]');
    expect(report.problems, `${label(size)}:\n${report.problems.join('\n')}`).toEqual([]);
    expect(report.buttons).toBeGreaterThan(20);
    await saveScreen(page, `layout-call-${label(size)}`, 'light');
  }
});

test.describe('in wrap-up with its maximum, previews waiting', () => {
  test.use({ deskSettings: { afterCall: 'wrap-up', wrapUpMaxSeconds: 300 } });

  test('every desk button is reachable at every size', async ({ deskPage: page, agent, sim }) => {
    const first = await signedInWithPreviews(page, sim, agent);
    await startTalking(page, sim, agent, first);
    await page.getByTestId('call-hang-up').click();
    await expect(page.getByTestId('wrap-up-extend')).toBeVisible();
    await expect(page.getByTestId('wrap-up-ready-button')).toBeVisible();
    for (const size of sizes) {
      await page.setViewportSize(size);
      const report = await checkLayout(page, '[data-testid="desk"]');
      expect(report.problems, `${label(size)}:\n${report.problems.join('\n')}`).toEqual([]);
      await saveScreen(page, `layout-wrap-up-${label(size)}`, 'light');
    }
  });
});

test('the preview, the call and the keypad come first in the compact column', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await page.setViewportSize({ width: 400, height: 720 });
  const first = await signedInWithPreviews(page, sim, agent);
  const top = async (testid: string): Promise<number> => {
    // A hidden part has no box: a NaN would compare equal to itself and pass the order check.
    const box = await page.getByTestId(testid).first().boundingBox();
    if (box === null) throw new Error(`${testid} is not shown`);
    return box.y;
  };
  const order = ['preview-queue', 'call-panel', 'dtmf-pad', 'recent-list', 'event-log'];
  const ys = [];
  for (const id of order) ys.push(await top(id));
  expect(ys).toEqual([...ys].sort((a, b) => a - b));
  // One column: each of them spans the width.
  const widths = await Promise.all(
    order.map(async (id) => (await page.getByTestId(id).boundingBox())?.width ?? 0),
  );
  for (const width of widths) expect(width).toBeGreaterThan(340);
  await expect(previewCard(page, first)).toBeInViewport();
});

test('the state menu, the decline reasons and the shortcut list fit a narrow window', async ({
  deskPage: page,
  agent,
  sim,
}) => {
  await page.setViewportSize({ width: 384, height: 560 });
  const first = await signedInWithPreviews(page, sim, agent);
  for (const [button, panel] of [
    ['agent-state-change', 'agent-state-menu'],
    ['help-toggle', 'help-popover'],
  ] as const) {
    await page.getByTestId(button).click();
    const report = await checkLayout(page, `[data-testid="${panel}"]`);
    expect(report.problems, `${panel}:\n${report.problems.join('\n')}`).toEqual([]);
    await page.keyboard.press('Escape');
  }
  const card = previewCard(page, first);
  await card.getByTestId('preview-decline-reasons').click();
  const report = await checkLayout(page, '[data-testid="preview-decline-reasons-menu"]');
  expect(report.problems, report.problems.join('\n')).toEqual([]);
});

test('the sign-in screen and the settings dialog fit the compact width', async ({
  deskPage: page,
  agent,
}) => {
  await page.setViewportSize({ width: 384, height: 560 });
  await expect(page.getByTestId(ids.agentId)).toBeEnabled();
  let report = await checkLayout(page, 'body');
  expect(report.problems, report.problems.join('\n')).toEqual([]);
  await signIn(page, agent);
  await openSettings(page);
  report = await checkLayout(page, '[data-testid="settings-dialog"]');
  expect(report.problems, report.problems.join('\n')).toEqual([]);
});

test('keeps the window on top when the agent asks, and remembers it', async ({
  deskPage: page,
  agent,
  agentDesk,
  windowOnTop,
}) => {
  await signIn(page, agent);
  const toggle = page.getByRole('button', { name: 'Keep on top' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  expect(windowOnTop).toEqual([true]);
  expect(agentDesk.settings.values().stayOnTop).toBe(true);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Keep on top' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: 'Keep on top' }).click();
  await expect(page.getByRole('button', { name: 'Keep on top' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  expect(windowOnTop).toEqual([true, false]);
});
