/**
 * Every [assumption] of `shared/gateway-protocol.md` that the client relies on, in one place,
 * so that a site which behaves differently needs one edit here and nowhere else. Each
 * constant cites the section it comes from.
 */

/** §1.1: all interfaces live under this path; the connection holds only `https://host:port`. */
export const BASE_PATH = '/agentgateway/resource/';

/**
 * §4.1, §2.4, §10.22: the gateway holds an empty poll for 10 s by default (100 × 100 ms), but
 * the hold is a site setting that disaster-recovery sites lengthen, with no documented upper
 * bound. Our poll timeout is therefore a setting (`pollTimeoutSeconds`, 15–600 s); its
 * default is 40 s, twice the C# sample's 20 s [sample], which only suits the default hold.
 */
export const DEFAULT_POLL_TIMEOUT_MS = 40_000;
export const POLL_TIMEOUT_SECONDS_MIN = 15;
export const POLL_TIMEOUT_SECONDS_MAX = 600;
export const DEFAULT_POLL_TIMEOUT_SECONDS = DEFAULT_POLL_TIMEOUT_MS / 1000;

/**
 * §4.1: an idle poll whose client timeout fires is an empty reply, not a failure. When such
 * timeouts follow each other for longer than this, a quick `agentstatus` tells a long site
 * hold (it answers: the poll timeout is shorter than the hold, a warning names the setting)
 * from a link that drops packets (it fails: a transport error) [assumption: "about a minute"].
 */
export const POLL_TIMEOUT_PROBE_AFTER_MS = 60_000;

/**
 * §4.1 "the gateway answers within its hold" [assumption: the rule]. The hold is learned as the
 * longest of the last `POLL_HOLD_SAMPLES` empty replies; until one was seen, the site's hold is
 * unknown and only the poll timeout applies. A poll still unanswered
 * `max(POLL_OVERDUE_MARGIN_MIN_MS, hold × POLL_OVERDUE_FACTOR)` after the learned hold is
 * overdue: health turns degraded with that reason and `agentstatus` probes the link. When the
 * gateway answers the probe, the overdue poll's connection is presumed dead: the poll is
 * abandoned (its reply counts as lost, §2.2) and a new one is sent at once; the learned hold
 * grows to the time waited, so a site that lengthened its hold is followed, not fought.
 */
export const POLL_HOLD_SAMPLES = 5;
export const POLL_OVERDUE_MARGIN_MIN_MS = 5_000;
export const POLL_OVERDUE_FACTOR = 0.5;

/** No timeout is documented for the other interfaces (§1.5); 10 s is our choice. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/**
 * §2.1, §2.3, §2.4, §10.3: retcodes that mean the session is gone and only a new sign-in helps.
 * `100-006` agent not signed in, `000-003` Guid no longer valid, `105-005..007` DR recovery
 * says "sign in again".
 */
export const SIGNED_OUT_RETCODES: ReadonlySet<string> = new Set([
  '100-006',
  '000-003',
  '105-005',
  '105-006',
  '105-007',
]);

/**
 * §2.2, §2.3, §4.1: one `100-006` / `000-003` is not the end of a session — the Guid may be a
 * rotated one whose `Set-GUID` was lost. Before signing the agent out the desk confirms: each
 * attempt is `updateGuid` then `agentstatus`, run after these delays from the first such answer;
 * if every attempt is refused as signed out (or the deadline passes with at least one refusal
 * and no answer), the session has ended. Huawei's C# demo tolerates 15 such replies [sample];
 * three attempts over ~8 s, within 20 s at most, is our bound [assumption].
 */
export const SIGNED_OUT_CONFIRM_DELAYS_MS: readonly number[] = [0, 3_000, 8_000];
export const SIGNED_OUT_CONFIRM_DEADLINE_MS = 20_000;

/**
 * §2.2: after any poll that got no reply (transport error, client timeout, or a poll abandoned
 * as overdue), `updateGuid` is called once the link answers again, before polling on, and its
 * `result.guid` is adopted. The desk cannot tell static from dynamic authentication before a
 * rotation was seen — and the first rotation's reply is exactly the one that may be lost — so
 * it recovers in both modes [assumption: updateGuid is harmless in static mode]. A site that
 * refuses `updateGuid` with a business retcode is not asked again in that session. A reply may
 * have been lost when the poll failed with one of these error kinds (an HTTP error page or an
 * unreadable body was an answer: its `Set-GUID` header, if any, was still read).
 */
export const LOST_REPLY_ERROR_KINDS: ReadonlySet<string> = new Set(['network', 'timeout']);

/** §3.5: `logout` answered "agent already signed out": the goal is reached, a success. */
export const ALREADY_SIGNED_OUT_RETCODE = '100-008';

/**
 * §3.5, §10.18: a logout during a call leaves the agent signed in; the retcode is undocumented,
 * `100-010` (state error during sign-out) the closest entry. Whatever a failed logout answers,
 * the desk confirms with `agentstatus` before believing anything, and keeps polling.
 */
export const LOGOUT_IN_CALL_RETCODE = '100-010';

/** §5.5: `200-017` (no call to hang up) on release means the call is already gone. */
export const RELEASE_ALREADY_GONE_RETCODE = '200-017';

/** §2.6, §3.1: sign-in answered "already signed in elsewhere": offer forcelogin. */
export const ALREADY_SIGNED_IN_RETCODE = '100-002';

/** §3.2: forcing the other session out is not allowed on this site. */
export const FORCE_NOT_ALLOWED_RETCODE = '100-015';

/** §7.1, §10.1, §10.5: meaning undocumented; we read it as "this preview is no longer valid". */
export const PREVIEW_GONE_RETCODE = '200-036';

/**
 * §5.1, §10.2: after a `previewCallout` that failed with one of these error kinds the outcome
 * is known — the gateway refused it, or it was never sent. After any other kind (HTTP error,
 * dropped connection, timeout, unreadable reply) nobody knows whether the call started: the
 * desk never dials again by itself, asks `agentstatus` (and `callinfo` for the id), and keeps
 * the preview for the agent to Call again or Decline when no call is up.
 */
export const DIAL_OUTCOME_KNOWN_ERROR_KINDS: ReadonlySet<string> = new Set([
  'gateway',
  'signed-out',
  'invalid-request',
]);

/**
 * §5.7, §10.17: the value sent as `isNoContainLastCall`. Documented reading: `false` = the
 * current call only; the name's reading would return the last call. Neither reading decides
 * whether a call is up — `agentstatus.isWorking` does (§3.8) — so the desk is right either way.
 */
export const CALLINFO_INCLUDE_LAST_CALL = false;

/**
 * §3.1: the optional sign-in fields we always send (typed JSON, as the page declares; its own
 * example sends strings). `checkInWebm: false`: a voice-only desk must not sign in to the text
 * chat media server, which takes its resources and presumably a licence (default is `true`).
 */
export const LOGIN_BODY_DEFAULTS = {
  autoanswer: true,
  agenttype: 4,
  checkInWebm: false,
} as const;

/**
 * §3.1, §3.6, §10.19: `releasephone` and `autoenteridle` are one choice, never independent. In
 * non-always-off-hook mode (`releasephone: true`) the site may force wrap-up after every call
 * even with `autoenteridle: true`, so the two consistent pairs are:
 * - `ready` (default): always off-hook, back to idle by itself after a call;
 * - `wrap-up`: on-hook after a call and into wrap-up; the agent leaves it with `sayfree`.
 * Either way the desk handles `AgentState_Work` after a call (forced wrap-up).
 */
export const SIGN_IN_PAIRS = {
  ready: { releasephone: false, autoenteridle: true },
  'wrap-up': { releasephone: true, autoenteridle: false },
} as const;

/** §3.1 `status` right after sign-in: 4 = idle (a working desk), 3 = busy (a connection check). */
export const SIGN_IN_STATUS_IDLE = 4;
export const SIGN_IN_STATUS_BUSY = 3;

/**
 * §6.3, §7.3, §10.20: `AgentState_Force_SetNotReady` (busy forced by a QC inspector) carries
 * `{reason}` or nothing; without one the reason is 3, "forced to show busy by an inspector".
 */
export const FORCED_BUSY_REASON = 3;

/** §1.1, §10.14: two doc generations differ (59999 vs 999999); accept the wider range. */
export const AGENT_ID_MIN = 101;
export const AGENT_ID_MAX = 999_999;

/** §3.1: `password` ≤ 32 characters, `phonenum` ≤ 24 characters. */
export const PASSWORD_MAX_LENGTH = 32;
export const PHONE_MAX_LENGTH = 24;

/** §5.3: the digits `seconddialex` accepts, checked before sending. */
export const DTMF_PATTERN = /^[0-9*#]{1,24}$/;

/**
 * §5.1: `callcontrolid` is a Java long; a non-negative long has at most 19 digits. We send it
 * as the exact digit string, as the vendor's C# sample does [sample], never via a JS number.
 */
export const CONTROL_ID_PATTERN = /^\d{1,19}$/;

/** §5.1, §7.1: a number offered by a preview, and so the `called` we send, is ≤ 24 chars. */
export const CALLED_MAX_LENGTH = 24;

/** §3.6: `saybusy` reasons 200–250 (0/empty = none); rest 1–86399 s with cause 0–255. */
export const BUSY_REASON_MIN = 200;
export const BUSY_REASON_MAX = 250;
export const REST_SECONDS_MIN = 1;
export const REST_SECONDS_MAX = 86_399;
export const REST_CAUSE_MAX = 255;

/**
 * §10.2: the docs give no HTTP statuses; the gateway answers 200 for everything it routes,
 * so any other status is a transport failure (load balancer, proxy).
 */
export const ENVELOPE_HTTP_STATUS = 200;

/**
 * §2.1: the Guid is the `Set-GUID` value after the first `=` (`JSESSIONID=<guid>`; the whole
 * value when there is no `=`, as both samples do), cut at the first `;` so a cookie-style
 * attribute (`; Path=/`) never becomes part of it [assumption: hardening]. Kept opaque.
 * §10.3: we accept `Set-GUID` on any response, not only on polls.
 */
export function guidFromSetGuid(headerValue: string): string {
  const at = headerValue.indexOf('=');
  const value = at === -1 ? headerValue : headerValue.slice(at + 1);
  const end = value.indexOf(';');
  return (end === -1 ? value : value.slice(0, end)).trim();
}

/* ───────────── continuity (issue #11): signing in again by itself ───────────── */

/**
 * §2.3: `MAXTIME` — the gateway signs an agent out after this long without a request. The
 * desk uses it twice: a session whose last accepted request is older than this (plus
 * `GATEWAY_SILENCE_MARGIN_MS` for the gateway's own check timer) has been signed out by the
 * gateway, so it may be replaced elsewhere without ever holding two; and a signed-out answer
 * after such a silence (OS sleep, a long network loss) is the silence sign-out, not a kick.
 */
export const GATEWAY_SILENCE_MS = 120_000;
export const GATEWAY_SILENCE_MARGIN_MS = 5_000;

/**
 * §2.1, §10.4 [assumption]: sessions live in the memory of the gateway node that made them. A
 * connection refused at the TCP level means nothing listens at that address: the node is down
 * and its sessions with it. After this many refusals in a row the desk stops reconnecting to
 * that gateway and signs in again, on the other gateway first (issue #11 §2). A gateway that
 * accepts connections but does not answer may still hold the session: it is left only once
 * `GATEWAY_SILENCE_MS` has passed since its last answer.
 */
export const NODE_DOWN_REFUSALS = 2;
export const NODE_DOWN_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED']);

/**
 * Issue #11 §1: automatic sign-in attempts back off 1, 2, 4 … 30 s, each delay jittered
 * ±50 % so the desks behind a restarted gateway do not all sign in at the same instant; the
 * first attempt, too, waits its step. They stop after `autoSignInMinutes` (0–120, default 10).
 */
export const SIGN_IN_AGAIN_BASE_MS = 1_000;
export const SIGN_IN_AGAIN_MAX_MS = 30_000;
export const SIGN_IN_AGAIN_JITTER = 0.5;
export const AUTO_SIGN_IN_MINUTES_MIN = 0;
export const AUTO_SIGN_IN_MINUTES_MAX = 120;
export const DEFAULT_AUTO_SIGN_IN_MINUTES = 10;

/**
 * §3.1, §8: sign-in answers that another attempt cannot change — the password or the account
 * is wrong, expired or locked, or the site refuses this desk's sign-in body. An automatic
 * sign-in stops at once on these and shows the reason; any other refusal (`100-003` CTI
 * unavailable, `100-007`, `100-021` sign-in in progress, `000-004` switching over, `105-xxx`
 * DR recovery, HTTP and transport errors) is tried again with the backoff.
 */
export const SIGN_IN_FINAL_RETCODES: ReadonlySet<string> = new Set([
  '100-001',
  '100-004',
  '100-011',
  '100-012',
  '100-013',
  '100-014',
  '100-016',
  '100-017',
  '100-018',
  '100-020',
  '110-016',
]);

/**
 * §2.2, §9 rule 3 [assumption]: a request without a Guid answers `000-003` ("no right") while
 * the agent has a session, and `100-006` ("not signed in") when it has none — the two codes
 * the Guid check may give, read by their error-table meanings. After an
 * `AgentOther_ShutdownService` (the gateway ended the session on purpose, §7.3) the desk asks
 * `agentstatus` this way, which changes nothing at the gateway: `000-003` means another
 * session holds the agent ID (a forced sign-in on another desk, §3.2); `100-006` means none
 * does (a supervisor's sign-out). Anything else leaves the cause open, and the reason shown
 * names both.
 */
export const HELD_ELSEWHERE_RETCODE = '000-003';
export const NOT_SIGNED_IN_RETCODE = '100-006';
