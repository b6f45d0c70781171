/**
 * Parses the event-poll envelope (§4.1) into the typed `GatewayEvent` union (§7). Vendor
 * names stay in `eventType`; an event we do not know is kept as `unknown`, never dropped.
 * `content` may be null, a bare string (a call ID) or an object, depending on the event (§7).
 */
import { CONTROL_ID_PATTERN, FORCED_BUSY_REASON } from './assumptions';
import { asRecord, num, pick, text } from './fields';
import type { GatewayError, GatewayEvent, GatewayEventBase, PreviewVariant, Result } from './types';

type Fields = Record<string, unknown> | null;
/** The kind-specific part of an event (everything but the base fields). */
type Payload = GatewayEvent extends infer E
  ? E extends GatewayEvent
    ? Omit<E, keyof GatewayEventBase>
    : never
  : never;
type Decoder = (content: unknown, fields: Fields) => Payload;

/** A call ID carried as a bare string (§7.2), tolerating a number or `{callid}`. */
function bareCallId(content: unknown, fields: Fields): string {
  return fields ? text(pick(fields, 'callid', 'callId')) : text(content);
}

function callIdOf(fields: Fields): string {
  return text(pick(fields, 'callid', 'callId'));
}

/**
 * The exact digits of `controlid`: a string as sent, a safe integer as its text, and a big
 * bare number as the digit string json.ts kept. Null when it is not a Java long.
 */
function controlIdOf(fields: Fields): string | null {
  const raw = pick(fields, 'controlid', 'controlId');
  const digits =
    typeof raw === 'string'
      ? raw.trim()
      : typeof raw === 'number' && Number.isSafeInteger(raw)
        ? String(raw)
        : '';
  return CONTROL_ID_PATTERN.test(digits) ? digits : null;
}

/** §7.1: `dialeddigits` may hold several numbers: split on commas, trim, drop empties. */
export function splitNumbers(dialedDigits: string): string[] {
  return dialedDigits
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
}

function preview(variant: PreviewVariant): Decoder {
  return (content, fields) => {
    const controlId = controlIdOf(fields);
    // Without a usable controlid the preview cannot be dialled or declined: keep it visible
    // as unknown rather than invent an ID.
    if (controlId === null) return { kind: 'unknown', content };
    return {
      kind: 'preview-offered',
      variant,
      controlId,
      numbers: splitNumbers(text(pick(fields, 'dialeddigits', 'dialedDigits'))),
      callData: text(pick(fields, 'callData', 'calldata')),
    };
  };
}

const simple =
  (kind: Extract<Payload, { kind: string }>['kind']): Decoder =>
  () =>
    ({ kind }) as Payload;

function ringing(autoAnswered: boolean): Decoder {
  return (_c, f) => ({
    kind: 'ringing',
    callId: callIdOf(f),
    caller: text(pick(f, 'caller')),
    called: text(pick(f, 'called')),
    autoAnswered,
  });
}

/** Vendor event name → decoder; every event of §7.1–§7.3. */
const DECODERS: Readonly<Record<string, Decoder>> = {
  AgentEvent_Preview_CallOut: preview('CallOut'),
  AgentEvent_Preview_CallOut_Ex: preview('CallOut_Ex'),
  AgentEvent_Preview: preview('Preview'),
  AgentEvent_Release_Preview: simple('preview-released'),
  AgentOther_PhoneAlerting: simple('phone-alerting'),
  AgentOther_PhoneOffhook: (_c, f) => ({ kind: 'phone-offhook', legType: text(pick(f, 'type')) }),
  AgentOther_PhoneRelease: (_c, f) => ({
    kind: 'phone-release',
    phoneState: num(pick(f, 'phoneState', 'phonestate')),
  }),
  AgentOther_PhoneBusy: simple('phone-busy'),
  AgentState_Busy: simple('agent-busy'),
  AgentEvent_Agent_Occupyed: simple('agent-occupied'),
  AgentEvent_Customer_Alerting: (_c, f) => ({
    kind: 'customer-alerting',
    callId: callIdOf(f),
    otherPhone: text(pick(f, 'otherPhone', 'otherphone')),
  }),
  AgentEvent_Talking: (_c, f) => ({
    kind: 'talking',
    callId: callIdOf(f),
    caller: text(pick(f, 'caller')),
    called: text(pick(f, 'called')),
    feature: num(pick(f, 'feature')),
  }),
  AgentEvent_Ringing: ringing(false),
  AgentEvent_Auto_Answer: ringing(true),
  AgentEvent_No_Answer: simple('no-answer'),
  AgentEvent_Call_Out_Fail: (c, f) => ({ kind: 'call-out-fail', callId: bareCallId(c, f) }),
  AgentEvent_Connect_Fail: (c, f) => ({ kind: 'connect-fail', callId: bareCallId(c, f) }),
  AgentEvent_Inside_Call_Fail: (c, f) => ({ kind: 'inside-call-fail', callId: bareCallId(c, f) }),
  OUTBOUND_DETECT_EVENT: (_c, f) => ({
    kind: 'outbound-detect',
    callId: callIdOf(f),
    cause: num(pick(f, 'detect')),
    description: text(pick(f, 'desc')),
  }),
  AgentEvent_Call_Release: (c, f) => ({ kind: 'call-release', callId: bareCallId(c, f) }),
  AgentEvent_Customer_Release: (_c, f) => ({
    kind: 'customer-release',
    callId: callIdOf(f),
    number: text(pick(f, 'number')),
  }),
  AgentEvent_Hold: (c, f) => ({ kind: 'hold', callId: bareCallId(c, f) }),
  AgentEvent_Incoming_CallInfo: (_c, f) => ({
    kind: 'incoming-call-info',
    callId: callIdOf(f),
    caller: text(pick(f, 'caller')),
    called: text(pick(f, 'called')),
  }),
  AgentOther_InService: simple('in-service'),
  AgentOther_ShutdownService: (_c, f) => ({
    kind: 'shutdown-service',
    loginTime: text(pick(f, 'loginTime', 'logintime')),
  }),
  AgentState_Ready: simple('state-ready'),
  AgentState_Force_Ready: simple('state-force-ready'),
  AgentState_SetNotReady_Success: (_c, f) => ({
    kind: 'state-not-ready',
    reason: num(pick(f, 'reason')),
  }),
  // §7.3, §10.20: content undocumented — `{reason}` like SetNotReady_Success, or null.
  AgentState_Force_SetNotReady: (_c, f) => ({
    kind: 'state-force-not-ready',
    reason: num(pick(f, 'reason')) ?? FORCED_BUSY_REASON,
  }),
  AgentState_CancelNotReady_Success: simple('state-not-ready-cancelled'),
  // §7.3: the doc says no content, its example carries {reason:"200"}: read it when present.
  AgentState_SetRest_Success: (_c, f) => ({ kind: 'state-rest', reason: num(pick(f, 'reason')) }),
  AgentState_CancelRest_Success: simple('state-rest-cancelled'),
  AgentState_Rest_Timeout: simple('state-rest-timeout'),
  AgentState_Work: simple('state-work'),
  AgentState_SetWork_Success: simple('state-work-set'),
  AgentState_CancelWork_Success: simple('state-work-cancelled'),
};

/** Every vendor event name this parser knows (for tests and the event log). */
export const KNOWN_EVENT_TYPES: readonly string[] = Object.keys(DECODERS);

function bad(detail: string): Result<never, GatewayError> {
  return { ok: false, error: { kind: 'bad-response', detail } };
}

/** One event object of a poll reply; a bad one is an error text. */
function parseEvent(raw: unknown): GatewayEvent | string {
  const event = asRecord(raw);
  if (event === null) return 'poll reply `event` is not an object';
  const eventType = event['eventType'];
  if (typeof eventType !== 'string' || eventType.length === 0) {
    return 'poll reply event has no eventType';
  }
  const content = event['content'] === undefined ? null : event['content'];
  const base: GatewayEventBase = {
    eventType,
    workNo: text(event['workNo'] ?? event['workno']),
    generatedAt: num(event['eventGenTime']),
  };
  const decode = Object.hasOwn(DECODERS, eventType) ? DECODERS[eventType] : undefined;
  const payload: Payload = decode
    ? decode(content, asRecord(content))
    : { kind: 'unknown', content };
  return { ...base, ...payload } as GatewayEvent;
}

/** The event type given to an item of an event array that is not a readable event. */
export const MALFORMED_EVENT_TYPE = '(malformed event)';

/**
 * Parses a poll reply body (already JSON-decoded by json.ts) into its events, in order: none
 * for the empty reply (§4.1: absent or null `event`), one for the documented single object.
 * An `event` that arrives as an array (as push mode's `eventList` does, §4.2) is delivered item
 * by item, in order; an item that is not a readable event is kept as an `unknown` event named
 * `MALFORMED_EVENT_TYPE` (visible in the log) so the good items around it are not lost. A
 * single `event` that is not readable fails the reply. The retcode is checked by the caller.
 */
export function parseEventEnvelope(body: unknown): Result<GatewayEvent[], GatewayError> {
  const envelope = asRecord(body);
  if (envelope === null) return bad('poll reply is not a JSON object');
  const raw = envelope['event'];
  if (raw === undefined || raw === null) return { ok: true, value: [] };
  if (Array.isArray(raw)) {
    const events = raw.map((item: unknown): GatewayEvent => {
      const parsed = parseEvent(item);
      if (typeof parsed !== 'string') return parsed;
      return {
        kind: 'unknown',
        eventType: MALFORMED_EVENT_TYPE,
        workNo: '',
        generatedAt: null,
        content: item,
      };
    });
    return { ok: true, value: events };
  }
  const parsed = parseEvent(raw);
  return typeof parsed === 'string' ? bad(parsed) : { ok: true, value: [parsed] };
}
