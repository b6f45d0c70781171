import { describe, expect, it } from 'vitest';
import { RETCODE_TEXTS, retcodeText } from '../../main/gateway/retcodes';

/** Every code of gateway-protocol.md §8, ranges expanded. */
function expectedCodes(): string[] {
  const codes = ['0'];
  const add = (prefix: string, from: number, to: number) => {
    for (let n = from; n <= to; n += 1) codes.push(`${prefix}-${String(n).padStart(3, '0')}`);
  };
  add('000', 1, 7);
  add('100', 1, 21);
  codes.push('110-016');
  add('101', 1, 7);
  add('104', 1, 12);
  add('105', 1, 7);
  add('200', 1, 26);
  codes.push('200-036');
  return codes;
}

describe('retcode table', () => {
  it('has exactly the codes of §8', () => {
    expect([...RETCODE_TEXTS.keys()].sort()).toEqual(expectedCodes().sort());
  });

  it('has English and Chinese words for every code', () => {
    for (const [code, text] of RETCODE_TEXTS) {
      expect(text.en.length, code).toBeGreaterThan(3);
      expect(text.zh, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('says what the documented codes mean', () => {
    expect(retcodeText('100-002').en).toMatch(/already signed in/i);
    expect(retcodeText('100-004').en).toMatch(/password/i);
    expect(retcodeText('200-017').en).toMatch(/hang up/i);
  });

  it('falls back to a sentence that names an unknown code', () => {
    expect(retcodeText('123-456')).toEqual({
      en: 'The gateway refused the request (code 123-456).',
      zh: '网关拒绝了该请求（错误码 123-456）。',
    });
  });
});
