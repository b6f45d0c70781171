import { describe, expect, it } from 'vitest';
import { JsonSyntaxError, parseJsonLossless } from '../../main/gateway/json';

describe('parseJsonLossless', () => {
  const sameAsJsonParse = [
    '0',
    '-0',
    '12.5e-3',
    '1E400',
    '-9007199254740991',
    '9007199254740991',
    '12.0',
    '1e3',
    'true',
    'false',
    'null',
    '""',
    '"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00"',
    '"中文 text"',
    ' \t\r\n[1, [2, [3]], {"a": {"b": []}}] ',
    '{}',
    '[]',
    '{"message":"","retcode":"0","result":{"agentState":4,"isWorking":false}}',
    '{"a":1,"a":2,"b":3}',
    '{"__proto__":{"x":1}}',
  ];

  it.each(sameAsJsonParse)('gives the same value as JSON.parse for %s', (text) => {
    expect(parseJsonLossless(text)).toStrictEqual(JSON.parse(text));
  });

  it('keeps an own "__proto__" key without touching the prototype', () => {
    const value = parseJsonLossless('{"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('returns an unsafe integer as its exact digit string', () => {
    const value = parseJsonLossless('{"controlid":9007199254740993,"n":-12345678901234567890}');
    expect(value).toEqual({ controlid: '9007199254740993', n: '-12345678901234567890' });
  });

  it('keeps the largest Java long exactly', () => {
    expect(parseJsonLossless('[9223372036854775807]')).toEqual(['9223372036854775807']);
  });

  it('still gives numbers for unsafe values that are not integer literals', () => {
    expect(parseJsonLossless('9007199254740993.0')).toBe(9007199254740992);
    expect(parseJsonLossless('9007199254740993e0')).toBe(9007199254740992);
  });

  const malformed = [
    '',
    '   ',
    '{',
    '{"a":}',
    '{"a" 1}',
    '{a:1}',
    "{'a':1}",
    '[1,]',
    '[1 2]',
    '{"a":1,}',
    '01',
    '-',
    '1.',
    '.5',
    '+1',
    'tru',
    'nul',
    '"abc',
    '"\\x"',
    '"\\u12G4"',
    '"tab\there"',
    '{} {}',
    'NaN',
    'Infinity',
  ];

  it.each(malformed)('rejects %j like JSON.parse does, with a typed error', (text) => {
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    expect(() => parseJsonLossless(text)).toThrow(JsonSyntaxError);
  });

  it('reports where the input went wrong', () => {
    try {
      parseJsonLossless('{"a":1,}');
      expect.unreachable('must throw');
    } catch (err) {
      expect(err).toBeInstanceOf(JsonSyntaxError);
      expect((err as JsonSyntaxError).position).toBe(7);
    }
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(() => parseJsonLossless('['.repeat(100_000))).toThrow(JsonSyntaxError);
  });
});
