import { describe, expect, it } from 'vitest';
import {
  checkAgentId,
  checkBusyReason,
  checkCallId,
  checkCalled,
  checkControlId,
  checkDigits,
  checkRest,
  checkSignIn,
} from '../../main/gateway/validate';

const ok = null;
const invalid = expect.objectContaining({ kind: 'invalid-request' });

describe('input checks', () => {
  it.each([
    ['101', ok],
    ['999999', ok],
    ['59999', ok],
    ['100', invalid],
    ['1000000', invalid],
    ['0101', invalid],
    ['', invalid],
    ['12a', invalid],
    ['-101', invalid],
  ])('agent ID %j', (id, expected) => {
    expect(checkAgentId(id)).toEqual(expected);
  });

  const good = { agentId: '101', password: 'pw', phone: '8101' };
  it.each([
    [good, ok],
    [{ ...good, password: '' }, invalid],
    [{ ...good, password: 'x'.repeat(32) }, ok],
    [{ ...good, password: 'x'.repeat(33) }, invalid],
    [{ ...good, phone: '' }, invalid],
    [{ ...good, phone: '   ' }, invalid],
    [{ ...good, phone: '1'.repeat(24) }, ok],
    [{ ...good, phone: '1'.repeat(25) }, invalid],
    [{ ...good, agentId: '102' }, invalid],
    [{ ...good, agentId: '99' }, invalid],
  ])('sign-in %j', (req, expected) => {
    expect(checkSignIn(req, '101')).toEqual(expected);
  });

  it.each([
    ['1536', ok],
    ['9007199254740993', ok],
    ['9223372036854775807', ok],
    ['12345678901234567890', invalid],
    ['', invalid],
    ['-1', invalid],
    ['15 36', invalid],
    ['1e3', invalid],
  ])('control ID %j', (id, expected) => {
    expect(checkControlId(id)).toEqual(expected);
  });

  it.each([
    ['0123456789*#', ok],
    ['#', ok],
    ['1'.repeat(24), ok],
    ['1'.repeat(25), invalid],
    ['', invalid],
    ['12a', invalid],
    ['1 2', invalid],
    ['%23', invalid],
  ])('DTMF digits %j', (digits, expected) => {
    expect(checkDigits(digits)).toEqual(expected);
  });

  it.each([
    ['100', ok],
    ['+8613800000000', ok],
    ['', invalid],
    ['100,101', invalid],
    ['1'.repeat(25), invalid],
  ])('called number %j', (called, expected) => {
    expect(checkCalled(called)).toEqual(expected);
  });

  it.each([
    [0, ok],
    [200, ok],
    [250, ok],
    [199, invalid],
    [251, invalid],
    [200.5, invalid],
  ])('busy reason %j', (reason, expected) => {
    expect(checkBusyReason(reason)).toEqual(expected);
  });

  it.each([
    [1, 0, ok],
    [86399, 255, ok],
    [0, 0, invalid],
    [86400, 0, invalid],
    [60, 256, invalid],
    [60, -1, invalid],
  ])('rest %j s cause %j', (seconds, cause, expected) => {
    expect(checkRest(seconds, cause)).toEqual(expected);
  });

  it.each([
    ['1455885056-1095', ok],
    ['a/b', invalid],
    ['', invalid],
  ])('call ID %j', (callId, expected) => {
    expect(checkCallId(callId)).toEqual(expected);
  });
});
