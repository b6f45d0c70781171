/**
 * What the suite, the browser demo and the benchmark do on the agent's screen, in one
 * place: locators by role, label or the renderer's `data-testid`s (renderer/components).
 * Language-neutral test ids are used where a test may switch the language.
 */
import type { Locator, Page } from '@playwright/test';
import { en } from '../../renderer/lib/i18n/en';
import type { MessageKey } from '../../renderer/lib/i18n/en';
import { zhCN } from '../../renderer/lib/i18n/zh-CN';
import type { SimAgent } from '../simulator/types';

/**
 * A text of the renderer's own catalogue (renderer/lib/i18n), so assertions follow wording
 * changes and prove the right key is shown.
 */
export function t(
  key: MessageKey,
  params: Record<string, string | number> = {},
  locale: 'en' | 'zh-CN' = 'en',
): string {
  const template = (locale === 'en' ? en : zhCN)[key];
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** The renderer's `data-testid`s the suite relies on (listed by the renderer's author). */
export const ids = {
  signInForm: 'sign-in-form',
  agentId: 'sign-in-agent-id',
  password: 'sign-in-password',
  phone: 'sign-in-phone',
  submit: 'sign-in-submit',
  signInError: 'sign-in-error',
  signOutReason: 'sign-out-reason',
  health: 'connection-health',
  banner: 'connection-banner',
  previewCard: 'preview-card',
  dtmfSent: 'dtmf-sent',
  dtmfQueued: 'dtmf-queued',
} as const;

/** Fills the sign-in form and submits it. */
export async function submitSignIn(page: Page, agent: SimAgent): Promise<void> {
  await page.getByTestId(ids.agentId).fill(agent.id);
  await page.getByTestId(ids.password).fill(agent.password);
  await page.getByTestId(ids.phone).fill(agent.phone);
  await page.getByTestId(ids.submit).click();
}

/** Signs in and waits until the desk replaced the sign-in form. */
export async function signIn(page: Page, agent: SimAgent): Promise<void> {
  await submitSignIn(page, agent);
  await page.getByTestId(ids.signInForm).waitFor({ state: 'detached' });
  await page.locator(`[data-testid="${ids.health}"][data-health="live"]`).waitFor();
}

/** The card of one preview. */
export function previewCard(page: Page, controlId: string): Locator {
  return page.locator(`[data-testid="${ids.previewCard}"][data-control-id="${controlId}"]`);
}

/** Opens settings from the sign-in screen ("Change" beside the gateway) and returns it. */
export async function openSettingsFromSignIn(page: Page): Promise<Locator> {
  await page.getByTestId('sign-in-gateway').getByRole('button').click();
  const dialog = page.getByTestId('settings-dialog');
  await dialog.waitFor();
  return dialog;
}

/** Picks `number` on the card (when given) and presses Call. */
export async function callPreview(page: Page, card: Locator, number?: string): Promise<void> {
  if (number !== undefined) {
    // check() clicks and then verifies the radio is checked.
    await card.locator(`[data-testid="number-chip"][data-number="${number}"] input`).check();
  }
  await card.getByTestId('preview-call').click();
}

/** Waits until the call panel shows `phase` (CallView.phase, or 'none'). */
export async function waitForPhase(page: Page, phase: string, timeout?: number): Promise<void> {
  await page
    .locator(`[data-testid="call-panel"][data-phase="${phase}"]`)
    .waitFor(timeout === undefined ? {} : { timeout });
}

const keyTestId = (key: string): string =>
  `dtmf-key-${key === '*' ? 'star' : key === '#' ? 'hash' : key}`;

/** Presses the pad's buttons with the mouse, one per digit. */
export async function clickDigits(page: Page, digits: string): Promise<void> {
  for (const key of digits) await page.getByTestId(keyTestId(key)).click();
}

/** Types the digits on the keyboard (the pad listens on the whole desk). */
export async function pressDigits(page: Page, digits: string): Promise<void> {
  for (const key of digits) await page.keyboard.press(key);
}

/** Waits until the pad says these digits were sent (DtmfView.sent), unmasked. */
export async function waitForSentDigits(page: Page, digits: string): Promise<void> {
  await page.locator(`[data-testid="${ids.dtmfSent}"]`, { hasText: digits }).waitFor();
}

export async function hangUp(page: Page): Promise<void> {
  await page.getByTestId('call-hang-up').click();
  await page.locator('[data-testid="call-panel"][data-phase="ended"]').waitFor();
}

/** Opens settings from the desk's status bar and returns the dialog. */
export async function openSettings(page: Page): Promise<Locator> {
  await page.getByTestId('open-settings').click();
  const dialog = page.getByTestId('settings-dialog');
  await dialog.waitFor();
  return dialog;
}

/** What the screens show as customers: JSON, key=value and plain-text call data (§7.1). */
export const sampleCustomers = [
  {
    numbers: ['13800138000', '02088886666', '13900139000'],
    callData: JSON.stringify({
      name: 'Li Wei',
      account: 'ACC-20931',
      product: 'Home broadband 500M',
      balance: '¥ 318.40',
      lastContact: '2026-11-12',
    }),
  },
  { numbers: ['5550188'], callData: 'name=Ada Lovelace\naccount=ACC-1001\nreason=Renewal due' },
  { numbers: ['5550199', '5550200'], callData: 'Callback requested about the November invoice.' },
] as const;

/** The simulator's side of a test: injects previews and drives calls. */
export interface SimDriver {
  injectPreview(
    agentId: string,
    p: { numbers: string[]; callData?: string },
  ): { controlId: string };
  callAction(agentId: string, action: 'answer' | 'fail' | 'customer-hangup'): void;
}

/** Offers the sample customers and waits until their cards show; returns their IDs. */
export async function offerSamplePreviews(
  page: Page,
  sim: SimDriver,
  agent: SimAgent,
): Promise<string[]> {
  const controlIds: string[] = [];
  for (const c of sampleCustomers) {
    const { controlId } = sim.injectPreview(agent.id, {
      numbers: [...c.numbers],
      callData: c.callData,
    });
    await previewCard(page, controlId).waitFor();
    controlIds.push(controlId);
  }
  return controlIds;
}

/** Signs `agent` in and offers the sample customers; the first card's ID. */
export async function signedInWithPreviews(
  page: Page,
  sim: SimDriver,
  agent: SimAgent,
): Promise<string> {
  await signIn(page, agent);
  const [first] = await offerSamplePreviews(page, sim, agent);
  if (first === undefined) throw new Error('no preview offered');
  return first;
}

/** Calls the first number of `controlId`, has the customer answer, waits for talking. */
export async function startTalking(
  page: Page,
  sim: SimDriver,
  agent: SimAgent,
  controlId: string,
): Promise<void> {
  await callPreview(page, previewCard(page, controlId));
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
}
