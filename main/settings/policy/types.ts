/**
 * The organisation's policies as the settings service consumes them (issue #12 §2):
 * mandatory values (locked in Settings) and recommended ones (defaults the agent may
 * change), each value with the place it came from, and what could not be used.
 */
import type { DeskSettings, PolicyProblem, SettingsKey } from '../../ipc/contract';

export type PolicyLevel = 'mandatory' | 'recommended';

/** One level of one source before validation: names and values as the source holds them. */
export interface PolicyReading {
  /** The registry key, profile or file, as shown to administrators. */
  origin: string;
  level: PolicyLevel;
  /** Setting name → value, already in JS form (numbers, booleans, strings, arrays). */
  entries: ReadonlyArray<{ name: string; value: unknown }>;
  /** Registry value names are case-insensitive: `GatewayURL` names `gatewayUrl`. */
  caseInsensitive?: boolean;
  /** Problems found while reading (a whole source unreadable, a value of the wrong type). */
  problems: PolicyProblem[];
}

/** Validated values of one level, with where each came from. */
export interface PolicyLayer {
  values: Partial<DeskSettings>;
  origins: Partial<Record<SettingsKey, string>>;
}

/** Everything the policies say, merged in precedence order. */
export interface PolicySnapshot {
  mandatory: PolicyLayer;
  recommended: PolicyLayer;
  problems: PolicyProblem[];
}

/** No policy at all (the browser demo, tests, a machine nobody manages). */
export const noPolicy: PolicySnapshot = Object.freeze({
  mandatory: Object.freeze({ values: {}, origins: {} }),
  recommended: Object.freeze({ values: {}, origins: {} }),
  problems: [],
});
