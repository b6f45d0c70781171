import { describe, expect, it } from 'vitest';
import { getBridge } from '../../renderer/lib/bridge';
import { formatDuration, secondsLeft } from '../../renderer/lib/format';
import { matchShortcut } from '../../renderer/lib/shortcuts';
import {
  checkAgentId,
  checkGatewayUrl,
  checkPassword,
  checkPhone,
  checkPin,
  filterPaste,
} from '../../renderer/lib/validate';
import { FakeDesk } from './fake-desk';

describe('field checks', () => {
  it('accepts agent IDs 101–999999 only (gateway-protocol.md §1)', () => {
    expect(['101', '1001', '999999'].map(checkAgentId)).toEqual([null, null, null]);
    expect(['', '100', '1000000', '12a', ' 101'].map(checkAgentId)).toEqual([
      'validate.required',
      'validate.agentId',
      'validate.agentId',
      'validate.agentId',
      'validate.agentId',
    ]);
  });

  it('accepts phones of up to 24 digits with an optional leading +', () => {
    expect(checkPhone('+' + '1'.repeat(23))).toBeNull();
    expect(checkPhone('1'.repeat(25))).toBe('validate.phone');
    expect(checkPhone('12+3')).toBe('validate.phone');
  });

  it('allows an empty password only when one is saved', () => {
    expect(checkPassword('', true)).toBeNull();
    expect(checkPassword('', false)).toBe('validate.required');
    expect(checkPassword('x'.repeat(32), false)).toBeNull();
  });

  it('wants a bare https origin for the gateway and a 64-hex pin', () => {
    expect(checkGatewayUrl('https://gw.example.cn:8043', true)).toBeNull();
    expect(checkGatewayUrl('https://gw.example.cn:8043/', true)).toBeNull();
    expect(checkGatewayUrl('http://gw:8043', true)).toBe('validate.url');
    expect(checkGatewayUrl('https://gw/agentgateway', true)).toBe('validate.url');
    expect(checkGatewayUrl('not a url', true)).toBe('validate.url');
    expect(checkGatewayUrl('', false)).toBeNull();
    expect(checkPin('AB:'.repeat(31) + 'AB')).toBeNull();
    expect(checkPin('abc')).toBe('validate.pin');
  });

  it('filters pasted DTMF strings', () => {
    expect(filterPaste('(010) 555-12.34 #')).toEqual({ kind: 'digits', digits: '0105551234#' });
    expect(filterPaste('12x4')).toEqual({ kind: 'refused', chars: 'x' });
    expect(filterPaste(' - ')).toEqual({ kind: 'empty' });
  });
});

describe('helpers', () => {
  it('formats durations with stable widths', () => {
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_725_000)).toBe('1:02:05');
    expect(secondsLeft(10_500, 9_000)).toBe(2);
    expect(secondsLeft(1_000, 9_000)).toBe(0);
  });

  it('maps shortcuts and ignores plain keys', () => {
    const key = (init: KeyboardEventInit) => matchShortcut(new KeyboardEvent('keydown', init));
    expect(key({ key: 'Enter', ctrlKey: true })).toBe('call');
    expect(key({ key: 'D', ctrlKey: true, shiftKey: true })).toBe('decline');
    expect(key({ key: 'h', metaKey: true, shiftKey: true })).toBe('hang-up');
    expect(key({ key: 'F1' })).toBe('help');
    expect(key({ key: 'Enter' })).toBeNull();
    expect(key({ key: 'h', ctrlKey: true })).toBeNull();
  });

  it('finds the bridge only when it is a whole DeskApi', () => {
    const api = new FakeDesk().api;
    expect(getBridge({ desk: api } as unknown as Window)).toBe(api);
    expect(getBridge({ desk: { signIn: () => undefined } } as unknown as Window)).toBeNull();
    expect(getBridge({} as Window)).toBeNull();
  });
});
