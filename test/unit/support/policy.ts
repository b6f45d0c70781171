/**
 * PolicySnapshots for tests, built through the real merge (main/settings/policy/merge.ts)
 * so they hold only what a policy source could deliver.
 */
import type { DeskSettings } from '../../../main/ipc/contract';
import { mergeReadings } from '../../../main/settings/policy/merge';
import type { PolicySnapshot } from '../../../main/settings/policy/types';

function entries(values: Partial<DeskSettings>): Array<{ name: string; value: unknown }> {
  return Object.entries(values).map(([name, value]) => ({ name, value }));
}

/** A policy from one source: `mandatory` locked, `recommended` as defaults. */
export function testPolicy(
  mandatory: Partial<DeskSettings>,
  recommended: Partial<DeskSettings> = {},
  origin = '/etc/agent-desk/policies.json',
): PolicySnapshot {
  return mergeReadings([
    { origin, level: 'mandatory', entries: entries(mandatory), problems: [] },
    { origin, level: 'recommended', entries: entries(recommended), problems: [] },
  ]);
}
