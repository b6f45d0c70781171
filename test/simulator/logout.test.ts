import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './index';
import { json, pollEvents, ringing, simulatorPerTest } from './test-client';

const { signedIn } = simulatorPerTest();

const logout = async (s: Simulator, guid: string) =>
  json(s, 'DELETE', 'onlineagent/101/logout', { guid });

describe('simulator sign-out rules (§3.5, §9 rule 18)', () => {
  it('leaves the agent signed in with session, Guid and call unchanged on a logout during a call (100-010)', async () => {
    const { s, a } = await signedIn();
    const callId = await ringing(s, a);
    const before = s.sessions();
    expect(await logout(s, a.guid)).toEqual({
      message: 'state error during sign-out',
      retcode: '100-010',
    });
    expect(s.sessions()).toEqual(before);
    expect(s.requests().at(-1)?.guidState).toBe('current');
    const status = await json(s, 'GET', 'onlineagent/101/agentstatus', { guid: a.guid });
    expect(status.result).toEqual({ agentState: 7, isWorking: true });
    const info = await json(s, 'GET', 'calldata/101/callinfo', { guid: a.guid });
    expect(info.result).toMatchObject({ callid: callId });
    // The call goes on: the customer answers.
    s.callAction('101', 'answer');
    expect((await pollEvents(s, a, 1))[0]?.eventType).toBe('AgentEvent_Talking');
  });

  it.each([
    ['100-007', { message: 'exception while performing the operation', retcode: '100-007' }],
    ['0', { message: '', retcode: '0', result: {} }],
  ])('answers logoutInCallCode %s instead, still signing nobody out', async (code, reply) => {
    const { s, a } = await signedIn({ logoutInCallCode: code });
    await ringing(s, a);
    expect(await logout(s, a.guid)).toEqual(reply);
    expect(s.sessions()).toMatchObject([{ agentId: '101', hasCall: true }]);
  });

  it('answers a repeated logout 100-006 by default and 100-008 with repeatedLogoutCode', async () => {
    const { s, a } = await signedIn();
    expect((await logout(s, a.guid)).retcode).toBe('0');
    expect((await logout(s, a.guid)).retcode).toBe('100-006');
    await s.stop();
    const other = await signedIn({ repeatedLogoutCode: '100-008' });
    expect((await logout(other.s, other.a.guid)).retcode).toBe('0');
    expect(await logout(other.s, other.a.guid)).toEqual({
      message: 'the agent has signed out',
      retcode: '100-008',
    });
    const force = await json(other.s, 'DELETE', 'onlineagent/101/forcelogout', {
      guid: other.a.guid,
    });
    expect(force.retcode).toBe('100-008');
    // Other requests with the ended Guid, and a Guid never issued, keep 100-006.
    expect(
      (await json(other.s, 'GET', 'onlineagent/101/agentstatus', { guid: other.a.guid })).retcode,
    ).toBe('100-006');
    expect((await logout(other.s, 'never-issued')).retcode).toBe('100-006');
  });

  it('refuses a malformed code', async () => {
    await expect(startSimulator({ logoutInCallCode: '100' })).rejects.toThrow(RangeError);
    await expect(startSimulator({ repeatedLogoutCode: '100-007' as '100-006' })).rejects.toThrow(
      RangeError,
    );
  });
});
