/**
 * Payload guards: one valibot schema per command (why valibot: see main/settings/fields.ts —
 * small, tree-shakeable pure functions, output types checked against the contract). Every
 * IPC payload is `unknown` until its guard passes: objects are strict (an unknown key is
 * refused, which also stops `__proto__`/`constructor` smuggling), strings are bounded and
 * numbers are finite integers in range, so nothing malformed reaches the desk core.
 */
import * as v from 'valibot';
import type { Schema } from '../settings/fields';
import {
  agentIdSchema,
  caFileSchema,
  describeIssue,
  gatewayUrlSchema,
  intRange,
  optionalAgentIdSchema,
  optionalPhoneSchema,
  passwordSchema,
  phoneSchema,
  pinSchema,
  plainObject,
  settingsPatchSchema,
} from '../settings/fields';
import type { CommandName, CommandRequest, Result } from './contract';

/** What a guard answers for a malformed payload. */
export interface InvalidRequest {
  kind: 'invalid-request';
  detail: string;
}

/** Commands without input: the bridge sends `undefined`; `{}` is accepted too. */
const noInput: Schema<undefined> = v.pipe(
  v.union([v.undefined(), plainObject(v.strictObject({}))], 'takes no input (undefined or {})'),
  v.transform(() => undefined),
);

/** A Java long `controlid` as its exact digits (§5.1): never through a JS number. */
const controlIdSchema: Schema<string> = v.pipe(
  v.string('must be text'),
  v.regex(/^\d{1,19}$/, 'must be 1–19 digits'),
);

/** A number offered by the preview (the desk checks it is one of them): ≤ 24 characters. */
const numberSchema: Schema<string> = v.pipe(
  v.string('must be text'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(24, 'must be at most 24 characters'),
  v.regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces'),
);

/** DTMF keys `0-9 * #` (§5.3); up to 240 per call, the desk splits them into ≤ 24. */
const digitsSchema: Schema<string> = v.pipe(
  v.string('must be text'),
  v.maxLength(240, 'must be at most 240 keys'),
  v.regex(/^[0-9*#]+$/, 'must be 1–240 of the keys 0-9 * #'),
);

const optionalBoolean = v.exactOptional(v.boolean('must be true or false'));

const agentState = plainObject(
  v.variant(
    'state',
    [
      v.strictObject({ state: v.literal('ready') }),
      // §3.6 / §6.3: busy reason 200–250.
      v.strictObject({
        state: v.literal('not-ready'),
        reason: v.exactOptional(intRange(200, 250)),
      }),
      // §3.6: rest time 1–86399 s, cause 0–255.
      v.strictObject({
        state: v.literal('rest'),
        seconds: intRange(1, 86_399),
        reason: v.exactOptional(intRange(0, 255)),
      }),
      v.strictObject({ state: v.literal('wrap-up') }),
    ],
    'state must be ready, not-ready, rest or wrap-up',
  ),
);

/** The guard of every command; `satisfies` fails the build when one is missing or wrong. */
export const guards = {
  signIn: plainObject(
    v.strictObject({
      agentId: agentIdSchema,
      password: passwordSchema,
      phone: phoneSchema,
      force: optionalBoolean,
      rememberPassword: optionalBoolean,
    }),
  ),
  signOut: noInput,
  setAgentState: agentState,
  dialPreview: plainObject(v.strictObject({ controlId: controlIdSchema, number: numberSchema })),
  declinePreview: plainObject(
    v.strictObject({
      controlId: controlIdSchema,
      // Issue #13 §3 "decline and go not ready": §3.6 / §6.3 busy reason 200–250.
      notReady: v.exactOptional(
        plainObject(v.strictObject({ reason: v.exactOptional(intRange(200, 250)) })),
      ),
    }),
  ),
  sendDigits: plainObject(v.strictObject({ digits: digitsSchema })),
  hangUp: noInput,
  holdCall: noInput,
  unholdCall: noInput,
  getSnapshot: noInput,
  getEventLog: noInput,
  getSettings: noInput,
  updateSettings: settingsPatchSchema,
  testConnection: plainObject(
    v.strictObject({
      gatewayUrl: v.exactOptional(gatewayUrlSchema),
      caFile: v.exactOptional(caFileSchema),
      pinSha256: v.exactOptional(pinSchema),
      agentId: v.exactOptional(optionalAgentIdSchema),
      password: v.exactOptional(passwordSchema),
      phone: v.exactOptional(optionalPhoneSchema),
    }),
  ),
  exportDiagnostics: noInput,
  forgetSavedPassword: noInput,
  notifyAgent: plainObject(
    v.strictObject({
      kind: v.literal('preview', 'kind must be preview'),
      title: v.pipe(v.string('must be text'), v.maxLength(200, 'must be at most 200 characters')),
      body: v.pipe(v.string('must be text'), v.maxLength(2000, 'must be at most 2000 characters')),
    }),
  ),
  extendWrapUp: noInput,
  setStayOnTop: plainObject(v.strictObject({ onTop: v.boolean('must be true or false') })),
  signInAgainNow: plainObject(v.strictObject({ force: optionalBoolean })),
  stopSigningInAgain: noInput,
} satisfies { [C in CommandName]: Schema<CommandRequest<C>> };

const table: { [C in CommandName]: Schema<CommandRequest<C>> } = guards;

/**
 * Validates one command's payload. The detail names the first problem (`path: message`)
 * in a few words and never echoes the received value.
 */
export function parseCommand<C extends CommandName>(
  name: C,
  payload: unknown,
): Result<CommandRequest<C>, InvalidRequest> {
  const result = v.safeParse(table[name], payload, { abortEarly: true });
  if (result.success) return { ok: true, value: result.output };
  return { ok: false, error: { kind: 'invalid-request', detail: describeIssue(result.issues[0]) } };
}
