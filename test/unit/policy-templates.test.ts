/**
 * The policy templates shipped in build/policy/ (issue #12 §3): regenerated and compared
 * (drift fails), parsed back as XML (jsdom's strict XML parser), every policy-settable
 * field present, and each registry value the ADMX would write read back through the real
 * reg-query reader; the .mobileconfig and policies.json read back through their readers.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import plist from 'plist';
import { describe, expect, it } from 'vitest';
import { examples } from '../../build/policy-examples';
import { templateFields, type TemplateField } from '../../build/policy-fields-list';
import { renderAdml, renderAdmx } from '../../build/policy-admx';
import {
  adminGuide,
  policyTemplatesDir,
  renderAdminGuide,
  renderPolicyTemplates,
} from '../../build/policy-templates';
import { isPlainRecord } from '../../main/settings/fields';
import { policyKeys } from '../../main/settings/policy-fields';
import { interpretPoliciesJson } from '../../main/settings/policy/linux';
import { interpretPlist, macBundleId } from '../../main/settings/policy/macos';
import { mergeReadings } from '../../main/settings/policy/merge';
import {
  interpretRegQuery,
  windowsPolicyKey,
  windowsRecommendedKey,
} from '../../main/settings/policy/windows';

/** The few DOM members used here (the main tsconfig has no DOM types, on purpose). */
interface XmlElement {
  readonly localName: string;
  readonly textContent: string | null;
  readonly children: ArrayLike<XmlElement>;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}
interface XmlDocument {
  readonly documentElement: XmlElement;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
}
// jsdom's XML parser (saxes) is strict: anything not well-formed yields <parsererror>.
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new () => {
    window: { DOMParser: new () => { parseFromString(text: string, type: string): XmlDocument } };
  };
};
const { DOMParser } = new JSDOM().window;

function parseXml(text: string): XmlDocument {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error !== undefined) throw new Error(`not well-formed XML: ${error.textContent ?? ''}`);
  return doc;
}

const all = (doc: XmlDocument | XmlElement, tag: string): XmlElement[] =>
  Array.from(doc.getElementsByTagName(tag));

const dir = fileURLToPath(policyTemplatesDir);
const checkedIn = (path: string): string => readFileSync(join(dir, path), 'utf8');
function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [relative(dir, path)];
  });
}

const rendered = renderPolicyTemplates();
const admx = parseXml(checkedIn('windows/AgentDesk.admx'));
const adml = {
  en: parseXml(checkedIn('windows/en-US/AgentDesk.adml')),
  'zh-CN': parseXml(checkedIn('windows/zh-CN/AgentDesk.adml')),
};

describe('the checked-in templates', () => {
  it('are exactly what the generator makes from the field table (run npm run policy-templates)', () => {
    expect(filesUnder(dir).sort()).toEqual([...rendered.keys()].sort());
    for (const [path, text] of rendered) expect(checkedIn(path), path).toBe(text);
  });

  it('include the administrator guide’s settings table, one row per policy-settable field', async () => {
    const guide = readFileSync(adminGuide, 'utf8');
    expect(guide).toBe(await renderAdminGuide());
    for (const key of policyKeys) expect(guide, key).toContain(`| \`${key}\``);
  });

  it('the parser used here refuses XML that is not well-formed (so the checks can fail)', () => {
    expect(() => parseXml('<policyDefinitions><policies></policyDefinitions>')).toThrow(
      'not well-formed',
    );
  });
});

describe('ADMX and ADML', () => {
  const policies = all(admx, 'policy');
  const byName = new Map(policies.map((p) => [p.getAttribute('name') ?? '', p]));

  it('hold a mandatory and a recommended policy for every policy-settable field', () => {
    expect(policies).toHaveLength(policyKeys.length * 2);
    for (const key of policyKeys) {
      expect(byName.get(key)?.getAttribute('key'), key).toBe('SOFTWARE\\Policies\\Agent Desk');
      expect(byName.get(`${key}_Recommended`)?.getAttribute('key'), key).toBe(
        'SOFTWARE\\Policies\\Agent Desk\\Recommended',
      );
    }
    expect(byName.has('rememberedAgentId')).toBe(false);
  });

  it('resolve every string and presentation in both languages, translated', () => {
    const refs = (pattern: RegExp) =>
      new Set([...checkedIn('windows/AgentDesk.admx').matchAll(pattern)].map((m) => m[1] ?? ''));
    const strings = refs(/\$\(string\.([^)]+)\)/g);
    const presentations = refs(/\$\(presentation\.([^)]+)\)/g);
    const ids = (doc: XmlDocument, tag: string) =>
      new Set(all(doc, tag).map((e) => e.getAttribute('id') ?? ''));
    for (const doc of Object.values(adml)) {
      for (const id of strings) expect(ids(doc, 'string').has(id), id).toBe(true);
      for (const id of presentations) expect(ids(doc, 'presentation').has(id), id).toBe(true);
    }
    expect([...ids(adml['zh-CN'], 'string')]).toEqual([...ids(adml.en, 'string')]);
    const text = (doc: XmlDocument, id: string) =>
      all(doc, 'string').find((s) => s.getAttribute('id') === id)?.textContent;
    expect(text(adml.en, 'gatewayUrl')).toBe('Gateway address');
    expect(text(adml['zh-CN'], 'gatewayUrl')).toBe('网关地址');
  });

  /** What Group Policy writes for a policy element, as `reg query` would print it. */
  function registryLines(policy: XmlElement, field: TemplateField): Array<[string, unknown]> {
    const key = field.key;
    const element = policy.getElementsByTagName('elements')[0]?.children[0];
    if (field.shape.type === 'boolean') {
      expect(policy.getAttribute('valueName')).toBe(key);
      const on = all(policy, 'enabledValue')[0]?.getElementsByTagName('decimal')[0];
      const off = all(policy, 'disabledValue')[0]?.getElementsByTagName('decimal')[0];
      return [
        [`    ${key}    REG_DWORD    0x${Number(on?.getAttribute('value')).toString(16)}`, true],
        [`    ${key}    REG_DWORD    0x${Number(off?.getAttribute('value')).toString(16)}`, false],
      ];
    }
    expect(element?.getAttribute('valueName'), key).toBe(key);
    switch (element?.localName) {
      case 'decimal': {
        // <decimal> writes REG_DWORD; its bounds are the schema's.
        const min = Number(element.getAttribute('minValue'));
        const max = Number(element.getAttribute('maxValue'));
        expect(field.shape).toEqual({ type: 'integer', min, max });
        return [min, max].map((n) => [`    ${key}    REG_DWORD    0x${n.toString(16)}`, n]);
      }
      case 'enum': {
        const values = all(element, 'string').map((s) => s.textContent ?? '');
        expect(field.shape).toEqual({ type: 'enum', options: values });
        return values.map((v) => [`    ${key}    REG_SZ    ${v}`, v]);
      }
      case 'text': {
        const example = field.meta.example?.value ?? '';
        // A list (the reason lists, rest minutes) is a JSON array in the text value.
        if (field.shape.type === 'list') {
          expect(Array.isArray(example), key).toBe(true);
          return [[`    ${key}    REG_SZ    ${JSON.stringify(example)}`, example]];
        }
        expect(typeof example).toBe('string');
        return [[`    ${key}    REG_SZ    ${String(example)}`, example]];
      }
      default:
        throw new Error(`${key}: unexpected element ${element?.localName ?? 'none'}`);
    }
  }

  it('write registry values the reader parses back to the same settings, at both levels', () => {
    for (const field of templateFields()) {
      for (const [name, path] of [
        [field.key, windowsPolicyKey],
        [`${field.key}_Recommended`, windowsRecommendedKey],
      ] as const) {
        const policy = byName.get(name);
        if (policy === undefined) throw new Error(`${name} missing`);
        for (const [line, expected] of registryLines(policy, field)) {
          const stdout = ['', path, line, '', ''].join('\r\n');
          const read = mergeReadings(
            interpretRegQuery({ kind: 'exited', code: 0, stdout, stderr: '' }, {}),
          );
          const level = path === windowsPolicyKey ? read.mandatory : read.recommended;
          expect(read.problems, line).toEqual([]);
          expect(level.values, line).toEqual({ [field.key]: expected });
        }
      }
    }
  });

  it('describe a list setting as a JSON array in a text value', () => {
    const list: TemplateField = {
      key: 'gatewayUrl',
      shape: { type: 'list' },
      meta: {
        settable: true,
        title: { en: 'Reasons', 'zh-CN': '原因' },
        explain: { en: 'x', 'zh-CN': 'x' },
      },
      defaultText: '[]',
    };
    expect(renderAdmx([list])).toContain(
      '<text id="gatewayUrl" valueName="gatewayUrl" maxLength="32767" />',
    );
    expect(renderAdml([list], 'en')).toContain('A JSON array as text.');
    expect(renderAdml([list], 'zh-CN')).toContain('以 JSON 数组文本表示。');
  });
});

describe('the macOS profile and the Linux file', () => {
  const expected = examples(templateFields());

  it('set exactly the example values when read back by the app', () => {
    expect(Object.keys(expected.mandatory)).toContain('gatewayUrl');
    const profile = plist.parse(checkedIn(`macos/${macBundleId}.mobileconfig`));
    if (!isPlainRecord(profile)) throw new Error('profile is not a dictionary');
    expect(profile['PayloadType']).toBe('Configuration');
    const [payload] = profile['PayloadContent'] as unknown[];
    if (!isPlainRecord(payload)) throw new Error('payload is not a dictionary');
    expect(payload['PayloadType']).toBe(macBundleId);
    // macOS writes the payload's keys into /Library/Managed Preferences/<bundle id>.plist.
    const managed = plist.build(payload);
    const mac = mergeReadings(interpretPlist('profile', { kind: 'text', text: managed }));
    expect(mac.problems).toEqual([]);
    expect(mac.mandatory.values).toEqual(expected.mandatory);
    expect(mac.recommended.values).toEqual(expected.recommended);

    const text = checkedIn('linux/policies.json');
    const linux = mergeReadings(interpretPoliciesJson('policies.json', { kind: 'text', text }));
    expect(linux.problems).toEqual([]);
    expect(linux.mandatory.values).toEqual(expected.mandatory);
    expect(linux.recommended.values).toEqual(expected.recommended);
  });
});
