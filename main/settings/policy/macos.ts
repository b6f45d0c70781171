/**
 * macOS policies (issue #12 §2): the managed preferences an MDM configuration profile
 * installs for the app's bundle id (payload type `com.agentdesk.desktop`, example in
 * build/policy/macos/). macOS writes them to `/Library/Managed Preferences/<bundle id>.plist`
 * (device profiles) and `/Library/Managed Preferences/<user>/<bundle id>.plist` (user
 * profiles); only root can write there. Keys at the top level are mandatory (a profile's
 * preferences are forced); a `Recommended` dictionary holds the recommended ones. The
 * device profile wins over the user profile.
 */
import { posix } from 'node:path';
import plist from 'plist';
import { isPlainRecord } from '../fields';
import { shownName } from './merge';
import type { PolicySource, ProbeResult } from './probe';
import { unreadable } from './probe';
import type { PolicyReading } from './types';

/** The app's bundle id (electron-builder.yml `appId`; a test keeps the two equal). */
export const macBundleId = 'com.agentdesk.desktop';

/** The key of the recommended values inside the payload. */
export const recommendedKey = 'Recommended';

const managedPreferences = '/Library/Managed Preferences';

/** Profile metadata macOS may copy into the managed preferences: not settings. */
function isPayloadKey(name: string): boolean {
  return name.startsWith('Payload');
}

function entriesOf(dict: Record<string, unknown>): Array<{ name: string; value: unknown }> {
  return Object.entries(dict)
    .filter(([name]) => name !== recommendedKey && !isPayloadKey(name))
    .map(([name, value]) => ({ name, value }));
}

/** The readings in one managed-preferences file (XML text). */
export function interpretPlist(origin: string, result: ProbeResult): PolicyReading[] {
  if (result.kind === 'missing') return [];
  if (result.kind === 'failed') return unreadable(origin, result.detail);
  if (result.kind !== 'text') return unreadable(origin, 'unexpected reader result');
  let root: unknown;
  try {
    root = plist.parse(result.text);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return unreadable(origin, `not a property list: ${why.slice(0, 120)}`);
  }
  if (!isPlainRecord(root)) return unreadable(origin, 'the property list is not a dictionary');
  const readings: PolicyReading[] = [
    { origin, level: 'mandatory', entries: entriesOf(root), problems: [] },
  ];
  const recommended = root[recommendedKey];
  if (recommended !== undefined) {
    if (isPlainRecord(recommended)) {
      readings.push({
        origin: `${origin} (${recommendedKey})`,
        level: 'recommended',
        entries: entriesOf(recommended),
        problems: [],
      });
    } else {
      const problem = { origin, key: shownName(recommendedKey), detail: 'must be a dictionary' };
      readings[0]?.problems.push(problem);
    }
  }
  return readings;
}

/** Device profile first, then the signed-in user's. */
export function macManagedSources(user: string): PolicySource[] {
  const paths = [posix.join(managedPreferences, `${macBundleId}.plist`)];
  // A user name with a slash would leave the folder: such a name reads no user profile.
  if (user !== '' && !user.includes('/') && user !== '.' && user !== '..') {
    paths.push(posix.join(managedPreferences, user, `${macBundleId}.plist`));
  }
  return paths.map((path) => ({
    origin: path,
    probe: { kind: 'plist', path },
    interpret: (result: ProbeResult) => interpretPlist(path, result),
  }));
}
