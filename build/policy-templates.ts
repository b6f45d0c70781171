/**
 * Generates the policy templates shipped with the app (issue #12 §3) from the settings
 * field table — one source — into build/policy/:
 *
 *   windows/AgentDesk.admx, windows/en-US/AgentDesk.adml, windows/zh-CN/AgentDesk.adml
 *   macos/com.agentdesk.desktop.mobileconfig
 *   linux/policies.json
 *
 * and the table of policy-settable settings in docs/admin.md (between its markers).
 *
 * Run `npm run policy-templates` after changing a setting or its policy metadata; the files
 * are checked in, and test/unit/policy-templates.test.ts fails when they drift.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { macBundleId } from '../main/settings/policy/macos';
import { renderAdml, renderAdmx } from './policy-admx';
import { withPolicyTable } from './policy-docs';
import { renderMobileconfig, renderPoliciesJson } from './policy-examples';
import { templateFields, type TemplateField } from './policy-fields-list';

/** Every template, by path relative to build/policy/. */
export function renderPolicyTemplates(
  fields: readonly TemplateField[] = templateFields(),
): Map<string, string> {
  return new Map([
    ['windows/AgentDesk.admx', renderAdmx(fields)],
    ['windows/en-US/AgentDesk.adml', renderAdml(fields, 'en')],
    ['windows/zh-CN/AgentDesk.adml', renderAdml(fields, 'zh-CN')],
    [`macos/${macBundleId}.mobileconfig`, renderMobileconfig(fields)],
    ['linux/policies.json', renderPoliciesJson(fields)],
  ]);
}

/** Where the templates live. */
export const policyTemplatesDir = new URL('policy/', import.meta.url);

/** The administrator guide, whose settings table is generated. */
export const adminGuide = new URL('../docs/admin.md', import.meta.url);

/** The administrator guide as it should read, with the current settings table. */
export function renderAdminGuide(fields: readonly TemplateField[] = templateFields()) {
  return withPolicyTable(readFileSync(adminGuide, 'utf8'), fields);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const [path, text] of renderPolicyTemplates()) {
    const file = fileURLToPath(new URL(path, policyTemplatesDir));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote build/policy/${path}`);
  }
  writeFileSync(adminGuide, await renderAdminGuide());
  console.log('updated the settings table in docs/admin.md');
}
