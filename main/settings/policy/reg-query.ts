/**
 * A parser of what `reg.exe query <key> /s` prints (no native module: issue #12 §2). The
 * layout (samples in test/unit/fixtures/reg-query/, written from Microsoft's documentation
 * and published outputs — no Windows machine was at hand, see the README's known limits):
 *
 * ```
 * <blank>
 * HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Agent Desk
 *     gatewayUrl    REG_SZ    https://gw:8043
 *     pollGapMs    REG_DWORD    0xc8
 * <blank>
 * HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Agent Desk\Recommended
 *     theme    REG_SZ    dark
 * ```
 *
 * A value line is four spaces, the name, four spaces, the type, four spaces and the data
 * (the last separator is missing when the data is empty on some builds). REG_DWORD and
 * REG_QWORD data are hex (`0xc8`), REG_MULTI_SZ items are joined by the two characters `\0`,
 * REG_BINARY is hex digits. The type names and hive names are never localised; the
 * unnamed default value's name is (`(Default)`, `(默认)`, `(Standard)` …), so any name in
 * parentheses is taken as the default value, which no setting uses. Lines end in CRLF.
 */

/** The value types `reg query` prints. */
export type RegType =
  | 'REG_SZ'
  | 'REG_EXPAND_SZ'
  | 'REG_MULTI_SZ'
  | 'REG_DWORD'
  | 'REG_QWORD'
  | 'REG_BINARY'
  | 'REG_NONE'
  | 'REG_DWORD_BIG_ENDIAN'
  | 'REG_LINK'
  | 'REG_RESOURCE_LIST'
  | 'REG_FULL_RESOURCE_DESCRIPTOR'
  | 'REG_RESOURCE_REQUIREMENTS_LIST';

/** One registry value as printed. */
export type RegValue =
  | { name: string; type: 'REG_SZ' | 'REG_EXPAND_SZ'; data: string }
  | { name: string; type: 'REG_MULTI_SZ'; data: string[] }
  | { name: string; type: 'REG_DWORD' | 'REG_QWORD'; data: bigint }
  /** Types no setting uses: kept as printed so a notice can name them. */
  | {
      name: string;
      type: Exclude<
        RegType,
        'REG_SZ' | 'REG_EXPAND_SZ' | 'REG_MULTI_SZ' | 'REG_DWORD' | 'REG_QWORD'
      >;
      data: string;
    };

/** One key with its values, in the order printed. */
export interface RegKey {
  /** The full path as printed, e.g. `HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Agent Desk`. */
  path: string;
  values: RegValue[];
}

/** The parse: every key, plus lines that fit no known layout (reported, never guessed). */
export interface RegQueryParse {
  keys: RegKey[];
  unreadable: string[];
}

// Indentation is accepted loosely: some tools re-indent nested keys when they relay output.
const HIVE =
  /^\s*(HKEY_(?:LOCAL_MACHINE|CURRENT_USER|CLASSES_ROOT|USERS|CURRENT_CONFIG)(?:\\.*)?)$/;
const VALUE = /^\s+(\S.*?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;
const KNOWN_TYPES = new Set<string>([
  'REG_SZ',
  'REG_EXPAND_SZ',
  'REG_MULTI_SZ',
  'REG_DWORD',
  'REG_QWORD',
  'REG_BINARY',
  'REG_NONE',
  'REG_DWORD_BIG_ENDIAN',
  'REG_LINK',
  'REG_RESOURCE_LIST',
  'REG_FULL_RESOURCE_DESCRIPTOR',
  'REG_RESOURCE_REQUIREMENTS_LIST',
]);

function isRegType(type: string): type is RegType {
  return KNOWN_TYPES.has(type);
}

/** `0xc8` → 200n; null when the text is not hex. */
function hexNumber(text: string): bigint | null {
  return /^0x[0-9a-fA-F]{1,16}$/.test(text) ? BigInt(text) : null;
}

/** The typed value, or null when the data does not fit the type. */
function valueOf(name: string, type: RegType, data: string): RegValue | null {
  switch (type) {
    case 'REG_SZ':
    case 'REG_EXPAND_SZ':
      return { name, type, data };
    case 'REG_MULTI_SZ':
      // An empty list prints as nothing; `reg` writes no trailing separator.
      return { name, type, data: data === '' ? [] : data.split('\\0') };
    case 'REG_DWORD':
    case 'REG_QWORD': {
      const n = hexNumber(data);
      return n === null ? null : { name, type, data: n };
    }
    default:
      return { name, type, data };
  }
}

/** Parses the whole output (CRLF or LF). Never throws. */
export function parseRegQuery(output: string): RegQueryParse {
  const keys: RegKey[] = [];
  const unreadable: string[] = [];
  let current: RegKey | null = null;
  for (const raw of output.split(/\r?\n/)) {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const hive = HIVE.exec(line.trimEnd());
    if (hive !== null) {
      current = { path: hive[1] ?? '', values: [] };
      keys.push(current);
      continue;
    }
    const match = VALUE.exec(line);
    if (match === null || current === null) {
      unreadable.push(line);
      continue;
    }
    const [, name = '', type = '', data = ''] = match;
    // The unnamed default value: no setting uses it.
    if (/^\(.+\)$/.test(name)) continue;
    const value = isRegType(type) ? valueOf(name, type, data) : null;
    if (value === null) unreadable.push(line);
    else current.values.push(value);
  }
  return { keys, unreadable };
}
