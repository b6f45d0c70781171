import { describe, expect, it } from 'vitest';
import { CALL_DATA_MAX_CHARS, parseCallData } from '../../main/desk/call-data';

describe('parseCallData', () => {
  it('shows an empty or blank string as empty', () => {
    expect(parseCallData('')).toEqual({ kind: 'empty' });
    expect(parseCallData('  \n ')).toEqual({ kind: 'empty' });
  });

  it('turns a JSON object into fields and stringifies nested values', () => {
    expect(parseCallData('{"name":"Li Lei","age":42,"tags":["a"],"x":{"y":1},"n":null}')).toEqual({
      kind: 'fields',
      fields: [
        { key: 'name', value: 'Li Lei' },
        { key: 'age', value: '42' },
        { key: 'tags', value: '["a"]' },
        { key: 'x', value: '{"y":1}' },
        { key: 'n', value: 'null' },
      ],
    });
  });

  it('reads key=value pairs split by newlines, semicolons or ampersands', () => {
    const expected = {
      kind: 'fields',
      fields: [
        { key: 'a', value: '1' },
        { key: 'b', value: 'x=y' },
      ],
    };
    expect(parseCallData('a=1\nb=x=y')).toEqual(expected);
    expect(parseCallData('a=1; b=x=y;')).toEqual(expected);
    expect(parseCallData('a=1&b=x=y')).toEqual(expected);
  });

  it('keeps anything else as text', () => {
    expect(parseCallData('call back after 5pm')).toEqual({
      kind: 'text',
      text: 'call back after 5pm',
    });
    expect(parseCallData('{"broken": ')).toEqual({ kind: 'text', text: '{"broken": ' });
    expect(parseCallData('[1,2]')).toEqual({ kind: 'text', text: '[1,2]' });
    expect(parseCallData('a=1;oops')).toEqual({ kind: 'text', text: 'a=1;oops' });
    expect(parseCallData('=1')).toEqual({ kind: 'text', text: '=1' });
  });

  it('cuts input longer than 16 KB and never throws', () => {
    const big = 'x'.repeat(CALL_DATA_MAX_CHARS + 500);
    const view = parseCallData(big);
    expect(view.kind).toBe('text');
    expect(view.kind === 'text' && view.text.length).toBe(CALL_DATA_MAX_CHARS);
    for (const odd of ['{', '}', '{"a":', '\u0000=\u0000', '{"__proto__":1}', '&&&;;;']) {
      expect(() => parseCallData(odd)).not.toThrow();
    }
  });
});
