import { describe, expect, it } from 'vitest';
import {
  KNOWN_EVENT_TYPES,
  MALFORMED_EVENT_TYPE,
  parseEventEnvelope,
  splitNumbers,
} from '../../main/gateway/events';
import { parseJsonLossless } from '../../main/gateway/json';
import type { GatewayEvent } from '../../main/gateway/types';

function envelope(eventType: string, content: unknown, extra: Record<string, unknown> = {}) {
  return { message: '', retcode: '0', event: { eventType, workNo: '101', content, ...extra } };
}

function parse(eventType: string, content: unknown): GatewayEvent {
  const result = parseEventEnvelope(envelope(eventType, content));
  if (!result.ok) throw new Error(`parse failed: ${result.error.kind}`);
  const [event, ...more] = result.value;
  if (event === undefined || more.length > 0) throw new Error('not exactly one event');
  return event;
}

/** One example per §7 event: vendor name, content as documented, expected kind-specific part. */
const catalogue: Array<[string, unknown, Record<string, unknown>]> = [
  [
    'AgentEvent_Preview_CallOut',
    { controlid: '1536', dialeddigits: '1456404043', callData: 'name=Li' },
    {
      kind: 'preview-offered',
      variant: 'CallOut',
      controlId: '1536',
      numbers: ['1456404043'],
      callData: 'name=Li',
    },
  ],
  [
    'AgentEvent_Preview_CallOut_Ex',
    { controlid: '1537', dialeddigits: '100,101,103,105', callData: '{"a":1}' },
    {
      kind: 'preview-offered',
      variant: 'CallOut_Ex',
      controlId: '1537',
      numbers: ['100', '101', '103', '105'],
      callData: '{"a":1}',
    },
  ],
  [
    'AgentEvent_Preview',
    { controlid: '1538', dialeddigits: '' },
    { kind: 'preview-offered', variant: 'Preview', controlId: '1538', numbers: [], callData: '' },
  ],
  ['AgentEvent_Release_Preview', null, { kind: 'preview-released' }],
  ['AgentOther_PhoneAlerting', null, { kind: 'phone-alerting' }],
  ['AgentOther_PhoneOffhook', { type: 'main' }, { kind: 'phone-offhook', legType: 'main' }],
  ['AgentOther_PhoneRelease', { phoneState: 2 }, { kind: 'phone-release', phoneState: 2 }],
  ['AgentOther_PhoneBusy', null, { kind: 'phone-busy' }],
  ['AgentState_Busy', null, { kind: 'agent-busy' }],
  [
    'AgentEvent_Customer_Alerting',
    { callid: '1455885056-1095', otherPhone: '100', otherPhoneWorkno: '', type: 'main' },
    { kind: 'customer-alerting', callId: '1455885056-1095', otherPhone: '100' },
  ],
  [
    'AgentEvent_Talking',
    {
      caller: '8101',
      called: '100',
      callid: '1455885056-1095',
      type: 'main',
      feature: '44',
      mediaAbility: '1',
    },
    { kind: 'talking', callId: '1455885056-1095', caller: '8101', called: '100', feature: 44 },
  ],
  [
    'AgentEvent_Call_Out_Fail',
    '1455885056-1095',
    { kind: 'call-out-fail', callId: '1455885056-1095' },
  ],
  [
    'AgentEvent_Connect_Fail',
    '1455885056-1096',
    { kind: 'connect-fail', callId: '1455885056-1096' },
  ],
  [
    'OUTBOUND_DETECT_EVENT',
    { callId: '1455885056-1095', detect: 1552, desc: 'busy' },
    { kind: 'outbound-detect', callId: '1455885056-1095', cause: 1552, description: 'busy' },
  ],
  [
    'AgentEvent_Call_Release',
    '1455885056-1095',
    { kind: 'call-release', callId: '1455885056-1095' },
  ],
  [
    'AgentEvent_Customer_Release',
    { callid: '1455885056-1095', number: '100' },
    { kind: 'customer-release', callId: '1455885056-1095', number: '100' },
  ],
  ['AgentEvent_Hold', '1455885056-1095', { kind: 'hold', callId: '1455885056-1095' }],
  [
    'AgentEvent_Ringing',
    {
      caller: '100',
      called: '8101',
      callid: 'c-1',
      transfer: 'no',
      type: 'main',
      feature: '0',
      mediaAbility: '1',
      mediaType: '5',
    },
    { kind: 'ringing', callId: 'c-1', caller: '100', called: '8101', autoAnswered: false },
  ],
  [
    'AgentEvent_Auto_Answer',
    { caller: '100', called: '8101', callid: 'c-2', transfer: 'no', type: 'main', feature: '0' },
    { kind: 'ringing', callId: 'c-2', caller: '100', called: '8101', autoAnswered: true },
  ],
  ['AgentEvent_No_Answer', null, { kind: 'no-answer' }],
  ['AgentEvent_Agent_Occupyed', null, { kind: 'agent-occupied' }],
  ['AgentEvent_Inside_Call_Fail', 'c-3', { kind: 'inside-call-fail', callId: 'c-3' }],
  [
    'AgentEvent_Incoming_CallInfo',
    { callId: 'c-4', skillName: 's', skillId: 1, caller: '100', called: '200', mediaType: 5 },
    { kind: 'incoming-call-info', callId: 'c-4', caller: '100', called: '200' },
  ],
  ['AgentOther_InService', null, { kind: 'in-service' }],
  [
    'AgentOther_ShutdownService',
    { loginTime: '1471585949806' },
    { kind: 'shutdown-service', loginTime: '1471585949806' },
  ],
  ['AgentState_Ready', null, { kind: 'state-ready' }],
  ['AgentState_SetNotReady_Success', { reason: 201 }, { kind: 'state-not-ready', reason: 201 }],
  ['AgentState_Force_SetNotReady', { reason: '3' }, { kind: 'state-force-not-ready', reason: 3 }],
  ['AgentState_CancelNotReady_Success', null, { kind: 'state-not-ready-cancelled' }],
  ['AgentState_SetRest_Success', { reason: '200' }, { kind: 'state-rest', reason: 200 }],
  ['AgentState_CancelRest_Success', null, { kind: 'state-rest-cancelled' }],
  ['AgentState_Rest_Timeout', null, { kind: 'state-rest-timeout' }],
  ['AgentState_Work', null, { kind: 'state-work' }],
  ['AgentState_SetWork_Success', null, { kind: 'state-work-set' }],
  ['AgentState_CancelWork_Success', null, { kind: 'state-work-cancelled' }],
  ['AgentState_Force_Ready', null, { kind: 'state-force-ready' }],
];

describe('parseEventEnvelope', () => {
  it('has an example for every event it knows, and knows every example', () => {
    expect(new Set(catalogue.map(([name]) => name))).toEqual(new Set(KNOWN_EVENT_TYPES));
  });

  it.each(catalogue)('parses %s', (eventType, content, expected) => {
    expect(parse(eventType, content)).toEqual({
      eventType,
      workNo: '101',
      generatedAt: null,
      ...expected,
    });
  });

  it('reads eventGenTime as a number or numeric string (2025 docs)', () => {
    const a = parseEventEnvelope(
      envelope('AgentState_Ready', null, { eventGenTime: 1784529722590 }),
    );
    const b = parseEventEnvelope(
      envelope('AgentState_Ready', null, { eventGenTime: '1784529722590' }),
    );
    expect(a.ok && a.value[0]?.generatedAt).toBe(1784529722590);
    expect(b.ok && b.value[0]?.generatedAt).toBe(1784529722590);
  });

  it('treats an absent or null event as the empty long-poll reply', () => {
    expect(parseEventEnvelope({ message: '', retcode: '0' })).toEqual({ ok: true, value: [] });
    expect(parseEventEnvelope({ message: '', retcode: '0', event: null })).toEqual({
      ok: true,
      value: [],
    });
  });

  it('keeps an unknown event with its raw content', () => {
    const event = parse('AgentMediaEvent_StopRecordDone', { recordId: 7, nested: ['x'] });
    expect(event).toEqual({
      eventType: 'AgentMediaEvent_StopRecordDone',
      workNo: '101',
      generatedAt: null,
      kind: 'unknown',
      content: { recordId: 7, nested: ['x'] },
    });
  });

  it('keeps the exact controlid when it arrives as a string', () => {
    const body = parseJsonLossless(
      '{"retcode":"0","event":{"eventType":"AgentEvent_Preview_CallOut_Ex","workNo":"101",' +
        '"content":{"controlid":"9007199254740993","dialeddigits":"100","callData":""}}}',
    );
    const result = parseEventEnvelope(body);
    const [first] = result.ok ? result.value : [];
    expect(first?.kind === 'preview-offered' && first.controlId).toBe('9007199254740993');
  });

  it('keeps the exact controlid when it arrives as a bare big number', () => {
    const body = parseJsonLossless(
      '{"retcode":"0","event":{"eventType":"AgentEvent_Preview_CallOut","workNo":101,' +
        '"content":{"controlid":9007199254740993,"dialeddigits":"100"}}}',
    );
    const result = parseEventEnvelope(body);
    expect(result.ok && result.value[0]).toMatchObject({
      kind: 'preview-offered',
      controlId: '9007199254740993',
      workNo: '101',
    });
  });

  it('accepts "0" as a controlid, as a string or a number (§7.1 rule 4)', () => {
    expect(
      parse('AgentEvent_Preview_CallOut', { controlid: '0', dialeddigits: '100' }),
    ).toMatchObject({ kind: 'preview-offered', controlId: '0', numbers: ['100'] });
    expect(parse('AgentEvent_Preview', { controlid: 0, dialeddigits: '' })).toMatchObject({
      kind: 'preview-offered',
      controlId: '0',
      numbers: [],
    });
  });

  it('reads AgentState_Force_SetNotReady without content as reason 3 (§7.3)', () => {
    expect(parse('AgentState_Force_SetNotReady', null)).toMatchObject({
      kind: 'state-force-not-ready',
      reason: 3,
    });
    expect(parse('AgentState_Force_SetNotReady', { reason: 201 })).toMatchObject({ reason: 201 });
  });

  it('delivers an event array item by item, in order, keeping a bad item visible', () => {
    const body = {
      message: '',
      retcode: '0',
      event: [
        { eventType: 'AgentOther_PhoneAlerting', workNo: '101', content: null },
        'garbage',
        {
          eventType: 'AgentEvent_Customer_Alerting',
          workNo: '101',
          content: { callid: 'c-1', otherPhone: '100' },
        },
        { eventType: 'AgentEvent_Talking', workNo: '101', content: { callid: 'c-1' } },
      ],
    };
    const result = parseEventEnvelope(body);
    expect(result.ok && result.value.map((e) => [e.eventType, e.kind])).toEqual([
      ['AgentOther_PhoneAlerting', 'phone-alerting'],
      [MALFORMED_EVENT_TYPE, 'unknown'],
      ['AgentEvent_Customer_Alerting', 'customer-alerting'],
      ['AgentEvent_Talking', 'talking'],
    ]);
    expect(result.ok && result.value[1]).toMatchObject({ content: 'garbage' });
    expect(parseEventEnvelope({ retcode: '0', event: [] })).toEqual({ ok: true, value: [] });
  });

  it('accepts a small controlid sent as a number', () => {
    expect(parse('AgentEvent_Preview', { controlid: 1536, dialeddigits: '' })).toMatchObject({
      controlId: '1536',
    });
  });

  it('keeps a preview without a usable controlid as unknown instead of inventing one', () => {
    const content = { controlid: 'abc', dialeddigits: '100' };
    expect(parse('AgentEvent_Preview_CallOut_Ex', content)).toMatchObject({
      kind: 'unknown',
      content,
    });
  });

  it('reads numbers sent as strings and strings sent as numbers', () => {
    expect(parse('AgentOther_PhoneRelease', { phoneState: '3' })).toMatchObject({ phoneState: 3 });
    expect(
      parse('AgentEvent_Talking', { callid: 12, caller: 8101, called: 100, feature: 7 }),
    ).toMatchObject({
      callId: '12',
      caller: '8101',
      called: '100',
      feature: 7,
    });
    expect(parse('AgentEvent_Call_Release', 12345)).toMatchObject({ callId: '12345' });
  });

  it('gives null for numeric fields that are absent or not numbers', () => {
    expect(parse('AgentState_SetRest_Success', null)).toMatchObject({ reason: null });
    expect(parse('AgentOther_PhoneRelease', { phoneState: 'x' })).toMatchObject({
      phoneState: null,
    });
  });

  it('refuses bodies that are not an event envelope', () => {
    expect(parseEventEnvelope('text')).toMatchObject({
      ok: false,
      error: { kind: 'bad-response' },
    });
    expect(parseEventEnvelope({ event: 'AgentState_Ready' })).toMatchObject({ ok: false });
    expect(parseEventEnvelope({ event: { workNo: '101' } })).toMatchObject({ ok: false });
  });
});

describe('splitNumbers', () => {
  it('splits on commas, trims and drops empties', () => {
    expect(splitNumbers(' 100, 101,,103 ,')).toEqual(['100', '101', '103']);
    expect(splitNumbers('1456404043')).toEqual(['1456404043']);
    expect(splitNumbers('')).toEqual([]);
  });
});
