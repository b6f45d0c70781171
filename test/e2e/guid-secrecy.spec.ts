/**
 * The session Guid, the session cookie and the password never reach the page (design.md §4,
 * STYLE.md §8): after a whole shift in miniature, neither the DOM (text, attributes, form
 * values), nor any string reachable from the page's own globals, nor any message that
 * crossed the bridge holds a Guid, `JSESSIONID` or the password.
 */
import { expect, test } from './fixtures';
import { findSecrets, guidPattern, scanForSecrets } from './secrets';
import {
  callPreview,
  clickDigits,
  hangUp,
  openSettings,
  previewCard,
  signIn,
  waitForPhase,
  waitForSentDigits,
} from './ui';

test('the scanner finds a Guid, the cookie name and the password when they are there', () => {
  // The check below is only worth something if the scanner can fail.
  const guid = '279fe21d-2caa-4437-84c3-ab9e9dae20f5.AgentGateway0';
  expect(guidPattern.test(`Guid: ${guid}`)).toBe(true);
  const hits = findSecrets('sample', `Set-GUID: JSESSIONID=${guid} pw=s3cret-pw`, 's3cret-pw');
  expect(hits.map((h) => h.what).sort()).toEqual(['JSESSIONID', 'guid', 'password']);
});

test('no Guid, session cookie or password reaches the page during a whole flow', async ({
  deskPage: page,
  agent,
  sim,
  bridge,
}) => {
  await signIn(page, agent);
  const first = sim.injectPreview(agent.id, {
    numbers: ['5550701', '5550702'],
    callData: 'name=Test',
  });
  const second = sim.injectPreview(agent.id, { numbers: ['5550703'] });
  await callPreview(page, previewCard(page, first.controlId), '5550702');
  await waitForPhase(page, 'customer-ringing');
  sim.callAction(agent.id, 'answer');
  await waitForPhase(page, 'talking');
  await clickDigits(page, '9*#');
  await waitForSentDigits(page, '9*#');
  await hangUp(page);
  await previewCard(page, second.controlId).getByTestId('preview-decline').click();
  await expect(previewCard(page, second.controlId)).toHaveCount(0);
  // The whole event log crosses the bridge when its panel opens (getEventLog).
  await page.getByTestId('event-log-toggle').click();
  await expect(page.getByTestId('event-log-row').first()).toBeVisible();
  await openSettings(page);
  await page.getByTestId('settings-test-connection').click();
  await expect(page.getByTestId('settings-test-verdict')).toBeVisible({ timeout: 20_000 });
  await bridge.settled();

  // The main process did hold a Guid all along (the gateway saw it on its requests).
  expect(sim.requests().some((r) => r.agentId === agent.id && r.guidState === 'current')).toBe(
    true,
  );

  const scan = await scanForSecrets(page, bridge.records, agent.password);
  expect(scan.walked, 'the bridge object was walked').toContain('desk');
  expect(bridge.records.filter((r) => r.kind === 'push').length).toBeGreaterThan(5);
  expect(bridge.records.some((r) => r.channel === 'log:get-events' && r.kind === 'result')).toBe(
    true,
  );
  expect(scan.hits, JSON.stringify(scan.hits, null, 2)).toEqual([]);
});
