/**
 * Readers of the queue glance answers (gateway-protocol.md §5.9; Huawei pages cec_07_1206 and
 * cec_07_0411): numbers or digit strings, the page's and the reference's field names, and
 * entries that cannot be used skipped rather than shown as zeros.
 */
import { describe, expect, it } from 'vitest';
import { acdStatBody, readAcdStats, readAgentSkills } from '../../main/gateway/queue-stats';

describe('agentskills', () => {
  it('reads id, name and media type, as numbers or digit strings', () => {
    expect(
      readAgentSkills({
        retcode: '0',
        result: [
          { id: 1, name: 'Renewals', mediatype: 5 },
          { id: '22', name: 'Collections', mediatype: '16' },
        ],
      }),
    ).toEqual({
      ok: true,
      value: [
        { id: 1, name: 'Renewals', mediaType: 5 },
        { id: 22, name: 'Collections', mediaType: 16 },
      ],
    });
  });

  it('skips entries without a usable id and reads no result as no skill', () => {
    expect(
      readAgentSkills({ retcode: '0', result: [{ name: 'x' }, { id: -3 }, { id: 1.5 }, 'junk'] }),
    ).toEqual({ ok: true, value: [] });
    expect(readAgentSkills({ retcode: '0' })).toEqual({ ok: true, value: [] });
    expect(readAgentSkills({ retcode: '0', result: null })).toEqual({ ok: true, value: [] });
  });

  it('answers bad-response for a result that is not a list', () => {
    expect(readAgentSkills({ retcode: '0', result: { id: 1 } })).toMatchObject({
      ok: false,
      error: { kind: 'bad-response' },
    });
  });
});

describe('queryacdstat', () => {
  it("reads the page's fields (deviceNo, queueSize, queueTime, availAgents, loggedOnAgents)", () => {
    expect(
      readAcdStats({
        retcode: '0',
        result: [
          {
            pilotNbr: '8001',
            deviceNo: 3,
            queueSize: 4,
            queueTime: 95,
            availAgents: 2,
            loggedOnAgents: 9,
          },
          { skillId: '7', queueSize: '0', queueTime: '0', availAgents: '1' },
        ],
      }),
    ).toEqual({
      ok: true,
      value: [
        { skillId: 3, queueSize: 4, queueTime: 95, availAgents: 2, loggedOnAgents: 9 },
        { skillId: 7, queueSize: 0, queueTime: 0, availAgents: 1, loggedOnAgents: null },
      ],
    });
  });

  it('skips an entry with no skill id or no queue size instead of showing zeros', () => {
    expect(
      readAcdStats({ retcode: '0', result: [{ queueSize: 3 }, { deviceNo: 1 }, null] }),
    ).toEqual({ ok: true, value: [] });
  });

  it('sends the skills as the page names them, 1–100 whole ids', () => {
    expect(acdStatBody([3, 7])).toEqual({ ok: true, value: { skills: [3, 7] } });
    expect(acdStatBody([])).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    expect(acdStatBody(Array.from({ length: 101 }, (_, i) => i))).toMatchObject({ ok: false });
    expect(acdStatBody([Number.NaN])).toMatchObject({ ok: false });
  });
});
