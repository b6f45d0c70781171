/**
 * The policy-settable fields as the template generators see them: key, shape (from the
 * schema), metadata (from policy-fields.ts) and the built-in default. One list, built from
 * the app's own tables, so a template cannot describe a field the app does not accept.
 */
import type { DeskSettings, SettingsKey } from '../main/ipc/contract';
import type { PolicyShape, SettablePolicy } from '../main/settings/policy-fields';
import { fieldPolicies, policyKeys, policyShape } from '../main/settings/policy-fields';
import { defaultSettings } from '../main/settings/schema';

export interface TemplateField {
  key: SettingsKey;
  shape: PolicyShape;
  meta: SettablePolicy<unknown>;
  /** The built-in default as text (`200`, `system`, `true`; `''` when empty). */
  defaultText: string;
}

function text(value: DeskSettings[SettingsKey]): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Every policy-settable field, in display order. */
export function templateFields(): TemplateField[] {
  return policyKeys.map((key) => {
    const meta = fieldPolicies[key];
    if (!meta.settable) throw new Error(`${key} is not policy-settable`);
    return {
      key,
      shape: policyShape(key),
      meta: meta as SettablePolicy<unknown>,
      defaultText: text(defaultSettings[key]),
    };
  });
}
