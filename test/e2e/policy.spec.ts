/**
 * Organisation policies on the agent's screen (issue #12 §2, §5): a policies.json written
 * as IT would, read by the real Linux policy reader, applied by the real settings service
 * and shown by the real renderer. A mandatory gateway address is locked in Settings, the
 * core refuses to change it, and a policy IT edits while the desk runs applies at once.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linuxPolicySource } from '../../main/settings/policy/linux';
import { readPolicy, readPolicySync } from '../../main/settings/policy/system';
import { PolicyWatcher } from '../../main/settings/policy/watcher';
import { seriousViolations, formatViolations } from './a11y';
import { expect, test as base } from './fixtures';
import { createTestDesk } from './harness';
import type { PageWindow } from './page-types';
import { openSettingsFromSignIn, signIn, t } from './ui';

interface PolicyFixture {
  /** Where IT's file lives for this test. */
  path: string;
  /** Writes the file as IT would (JSON). */
  write(content: unknown): void;
  /** What the shell does at focus or on its timer: read the policies again and apply them. */
  refresh(): Promise<void>;
}

const test = base.extend<{ policy: PolicyFixture; watcher: { current: PolicyWatcher | null } }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright needs a destructuring pattern
  watcher: async ({}, use) => {
    await use({ current: null });
  },
  policy: async ({ fileSim, watcher }, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'agent-desk-policy-'));
    const path = join(dir, 'policies.json');
    const write = (content: unknown) => writeFileSync(path, JSON.stringify(content, null, 2));
    write({ mandatory: { gatewayUrl: fileSim.sim.url, caFile: fileSim.caFile } });
    await use({
      path,
      write,
      refresh: async () => {
        if (watcher.current === null) throw new Error('no desk is watching the policy');
        await watcher.current.refresh();
      },
    });
    rmSync(dir, { recursive: true, force: true });
  },
  // The desk of these tests starts with IT's policy, as the shell starts with readPolicySync.
  agentDesk: async ({ fileSim, deskLog, policy, watcher }, use) => {
    const sources = [linuxPolicySource(policy.path)];
    const agentDesk = createTestDesk({
      gateway: fileSim.sim,
      caFile: fileSim.caFile,
      logging: deskLog.logging,
      policy: readPolicySync(sources),
    });
    watcher.current = new PolicyWatcher({
      read: () => readPolicy(sources),
      apply: (snapshot) => agentDesk.settings.applyPolicy(snapshot),
      logger: deskLog.logging.logger,
    });
    try {
      await use(agentDesk);
    } finally {
      watcher.current.stop();
      await agentDesk.dispose();
    }
  },
});

test('a mandatory gateway address is locked in Settings and the core refuses to change it', async ({
  deskPage: page,
  agentDesk,
  policy,
  sim,
  agent,
}) => {
  const dialog = await openSettingsFromSignIn(page);
  const url = dialog.getByTestId('settings-gatewayUrl');
  await expect(url).toHaveValue(sim.url);
  await expect(url).not.toBeEditable();
  await expect(dialog.getByTestId('settings-locked-gatewayUrl')).toHaveText(t('common.locked'));
  await expect(dialog.getByTestId('settings-caFile')).not.toBeEditable();
  // Fields IT does not manage stay the agent's.
  await expect(dialog.getByTestId('settings-pollGapMs')).toBeEditable();

  // Where each value comes from: the policy file, named.
  await dialog.getByTestId('settings-show-sources').check();
  await expect(dialog.getByTestId('settings-locked-gatewayUrl')).toHaveText(
    `${t('settings.source.policy')} (${policy.path})`,
  );
  await expect(dialog.getByTestId('settings-source-theme')).toHaveText(
    t('settings.source.default'),
  );

  // A page that sends the update anyway gets a typed refusal; nothing changes.
  const result = await page.evaluate(() => {
    const desk = (globalThis as unknown as PageWindow).desk;
    if (desk === undefined) throw new Error('window.desk is missing');
    return desk.updateSettings({ gatewayUrl: 'https://rogue.example:8043' });
  });
  expect(result).toEqual({
    ok: false,
    error: { kind: 'refused', reason: 'setting-locked', detail: 'gatewayUrl' },
  });
  expect(agentDesk.settings.values().gatewayUrl).toBe(sim.url);

  // The managed address is the one the desk signs in to.
  await dialog.getByLabel(t('common.close'), { exact: true }).click();
  await signIn(page, agent);
  expect(sim.sessions().some((s) => s.agentId === agent.id)).toBe(true);
});

test('a policy IT changes while the desk runs applies at once, without a restart', async ({
  deskPage: page,
  policy,
  sim,
  fileSim,
}) => {
  const dialog = await openSettingsFromSignIn(page);
  const theme = dialog.getByTestId('settings-theme');
  await expect(theme).toBeEnabled();

  policy.write({
    mandatory: { gatewayUrl: sim.url, caFile: fileSim.caFile, theme: 'dark', pollGapMs: 10 },
    recommended: { language: 'zh-CN' },
  });
  await policy.refresh();

  // Locked where the dialog is open, and the recommended language taken at once.
  await expect(theme).toBeDisabled();
  await expect(theme).toHaveValue('dark');
  await expect(dialog.getByTestId('settings-locked-theme')).toHaveText(
    t('common.locked', {}, 'zh-CN'),
  );
  await expect(
    dialog.getByRole('heading', { name: t('settings.title', {}, 'zh-CN'), exact: true }),
  ).toBeVisible();
  // The invalid entry is ignored and named, never its value.
  const problems = dialog.getByTestId('settings-policy-problem');
  await expect(problems).toHaveCount(1);
  await expect(problems.first()).toContainText('pollGapMs');
  await expect(problems.first()).toContainText(policy.path);
  await expect(dialog.getByTestId('settings-pollGapMs')).toBeEditable();

  const violations = await seriousViolations(page);
  expect(violations, formatViolations('settings managed by policy', violations)).toEqual([]);

  // IT removes the theme lock: the field is the agent's again.
  policy.write({ mandatory: { gatewayUrl: sim.url, caFile: fileSim.caFile } });
  await policy.refresh();
  await expect(theme).toBeEnabled();
  await expect(dialog.getByTestId('settings-policy-problem')).toHaveCount(0);
});
