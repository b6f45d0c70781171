/**
 * Every [assumption] of `shared/gateway-protocol.md` that the client relies on, in one place,
 * so that a site which behaves differently needs one edit here and nowhere else. Each
 * constant cites the section it comes from.
 */

/** §1.1: all interfaces live under this path; the connection holds only `https://host:port`. */
export const BASE_PATH = '/agentgateway/resource/';

/**
 * §4.1: the gateway holds an empty poll for ~10 s (100 × 100 ms); our HTTP timeout must exceed
 * it. 20 s is what Huawei's C# sample uses [sample].
 */
export const DEFAULT_POLL_TIMEOUT_MS = 20_000;

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

/** §5.5: `200-017` (no call to hang up) on release means the call is already gone. */
export const RELEASE_ALREADY_GONE_RETCODE = '200-017';

/** §2.6, §3.1: sign-in answered "already signed in elsewhere": offer forcelogin. */
export const ALREADY_SIGNED_IN_RETCODE = '100-002';

/** §3.2: forcing the other session out is not allowed on this site. */
export const FORCE_NOT_ALLOWED_RETCODE = '100-015';

/** §7.1, §10.1, §10.5: meaning undocumented; we read it as "this preview is no longer valid". */
export const PREVIEW_GONE_RETCODE = '200-036';

/**
 * §3.1: the optional sign-in fields we send. Values are the documented defaults; the doc's own
 * example sends them as strings, but typed JSON is what the page declares.
 */
export const LOGIN_BODY_DEFAULTS = {
  autoanswer: true,
  autoenteridle: true,
  releasephone: true,
  agenttype: 4,
  status: 4,
} as const;

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
 * §2.1: the Guid is the `Set-GUID` value after the first `=` (`JSESSIONID=<guid>`), kept
 * opaque. §10.3: we accept `Set-GUID` on any response, not only on polls.
 */
export function guidFromSetGuid(headerValue: string): string {
  const at = headerValue.indexOf('=');
  return (at === -1 ? headerValue : headerValue.slice(at + 1)).trim();
}
