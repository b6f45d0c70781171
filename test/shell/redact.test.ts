import { describe, expect, it } from 'vitest';
import { gatewayCallLine, redactLogMessage } from '../../main/shell/log-format';
import { redact, redactString, redactedMark } from '../../main/shell/redact';

const guid = '279fe21d-2caa-4437-84c3-ab9e9dae20f5.AgentGateway0';

describe('redact', () => {
  it('removes Guid values wherever they appear in text', () => {
    expect(redactString(`poll ok, rotated to ${guid}`)).toBe(`poll ok, rotated to ${redactedMark}`);
    expect(redactString(`Set-GUID: JSESSIONID=${guid}`)).not.toContain('279fe21d');
    expect(redactString('guid=abc123 next')).toBe(`guid=${redactedMark}`);
  });

  it('removes guid fields in any spelling', () => {
    expect(redact({ guid: 'x', Guid: 'y', 'set-guid': 'z', SET_GUID: 'w', ok: 1 })).toEqual({
      guid: redactedMark,
      Guid: redactedMark,
      'set-guid': redactedMark,
      SET_GUID: redactedMark,
      ok: 1,
    });
  });

  it('removes cookies: fields, headers and JSESSIONID values', () => {
    expect(redact({ cookie: 'a=b', 'set-cookie': ['JSESSIONID=1; Path=/'] })).toEqual({
      cookie: redactedMark,
      'set-cookie': redactedMark,
    });
    expect(redactString('Cookie: LB=node1; JSESSIONID=abc')).toBe(`Cookie: ${redactedMark}`);
    expect(redactString('sticky JSESSIONID=abc.def; Path=/')).toBe(
      `sticky JSESSIONID=${redactedMark}; Path=/`,
    );
  });

  it('removes passwords', () => {
    expect(redact({ agentId: '1001', password: 'S3cret!' })).toEqual({
      agentId: '1001',
      password: redactedMark,
    });
    expect(redactString('{"password":"S3cret!","phone":"88001"}')).toBe(
      `{"password":"${redactedMark}","phone":"88001"}`,
    );
  });

  it('removes DTMF digits: digits fields, seconddialex numbers and ?number= in URLs', () => {
    expect(redact({ digits: '1234#' })).toEqual({ digits: redactedMark });
    expect(redact({ method: 'secondDialEx', number: '4321*' })).toEqual({
      method: 'secondDialEx',
      number: redactedMark,
    });
    expect(
      redactString('POST /agentgateway/resource/voicecall/1001/seconddialex?number=12%2334'),
    ).toBe(`POST /agentgateway/resource/voicecall/1001/seconddialex?number=${redactedMark}`);
    expect(redactString('/x?a=1&number=999&b=2')).toBe(`/x?a=1&number=${redactedMark}&b=2`);
    // A preview's customer number is not a DTMF digit string: it stays.
    expect(redact({ kind: 'preview', number: '5550100' })).toEqual({
      kind: 'preview',
      number: '5550100',
    });
  });

  it('masks a snapshot’s DTMF view as a whole', () => {
    const out = redact({ call: { dtmf: { sent: '12', inFlight: '3', queued: '#' } } });
    expect(out).toEqual({ call: { dtmf: redactedMark } });
  });

  it('walks arrays, nested objects, Maps and Errors without changing the input', () => {
    const input = {
      list: [{ headers: { Guid: guid } }, `url?number=1`],
      map: new Map([['password', 'pw']]),
      error: new Error(`bad guid ${guid}`),
    };
    const out = redact(input) as {
      list: [{ headers: { Guid: string } }, string];
      map: Record<string, string>;
      error: Error;
    };
    expect(out.list[0].headers.Guid).toBe(redactedMark);
    expect(out.list[1]).toBe(`url?number=${redactedMark}`);
    expect(out.map).toEqual({ password: redactedMark });
    expect(out.error).toBeInstanceOf(Error);
    expect(out.error.message).toBe(`bad guid ${redactedMark}`);
    expect(out.error.stack).not.toContain('279fe21d');
    expect(input.list[0]).toEqual({ headers: { Guid: guid } });
  });

  it('survives cycles and deep nesting', () => {
    const cyclic: Record<string, unknown> = { name: 'a' };
    cyclic['self'] = cyclic;
    expect(redact(cyclic)).toEqual({ name: 'a', self: '[circular]' });
    let deep: unknown = { password: 'pw' };
    for (let i = 0; i < 20; i += 1) deep = { next: deep };
    expect(JSON.stringify(redact(deep))).not.toContain('pw"');
  });

  it('keeps harmless values as they are', () => {
    expect(redact(42)).toBe(42);
    expect(redact(null)).toBeNull();
    expect(redact('AgentEvent_Talking callid=1700000000-1')).toBe(
      'AgentEvent_Talking callid=1700000000-1',
    );
  });
});

describe('log lines', () => {
  it('writes one gateway call as method, duration and retcode only', () => {
    expect(gatewayCallLine({ method: 'previewCallout', durationMs: 123.6, outcome: '0' })).toBe(
      'method=previewCallout durationMs=124 retcode=0',
    );
    expect(gatewayCallLine({ method: 'secondDialEx', durationMs: 40, outcome: '100-007' })).toBe(
      'method=secondDialEx durationMs=40 retcode=100-007',
    );
    expect(gatewayCallLine({ method: 'a b\nc', durationMs: 1, outcome: 'x y' })).toBe(
      'method=a_b_c durationMs=1 retcode=x_y',
    );
  });

  it('the electron-log hook redacts every data item', () => {
    const message = { level: 'info', data: ['login', { password: 'pw', guid }] };
    expect(redactLogMessage(message)).toEqual({
      level: 'info',
      data: ['login', { password: redactedMark, guid: redactedMark }],
    });
    expect(message.data[1]).toEqual({ password: 'pw', guid });
  });
});
