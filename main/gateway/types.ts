/**
 * Public types of the CC-Gateway client. Pure types: no runtime code, no Node or
 * Electron imports, so the IPC contract can re-export them to the renderer.
 *
 * Vendor spellings (`controlid`, `dialeddigits`, `retcode`) stay inside `main/gateway/`;
 * these types use ours (`controlId`, `numbers`).
 */

/** A value or a typed error. Across IPC every command answers with one of these. */
export type Result<T, E = GatewayError> = { ok: true; value: T } | { ok: false; error: E };

/** A text in each language the desk speaks. */
export interface LocalizedText {
  en: string;
  zh: string;
}

/**
 * Every way a gateway call can fail, converted once at the edge by `toGatewayError()`.
 * - `network`: refused, reset, DNS failure, dropped connection (`code` is the Node code).
 * - `tls`: certificate not trusted, expired, wrong host, pin mismatch.
 * - `timeout`: no answer in time (`phase` is got's timing phase, e.g. `request`).
 * - `http`: a non-200 status (load balancer or gateway); business errors are always 200.
 * - `gateway`: the envelope's `retcode` was not `"0"`; `text` is our plain-words reading.
 * - `signed-out`: the session is gone (`100-006`, `000-003`, DR codes `105-005..7`).
 * - `bad-response`: a 200 whose body is not the documented envelope.
 * - `invalid-request`: refused before sending (bad digits, agent ID out of range …).
 */
export type GatewayError =
  | { kind: 'network'; code: string; detail: string }
  | { kind: 'tls'; code: string; detail: string }
  | { kind: 'timeout'; phase: string }
  | { kind: 'http'; status: number }
  | { kind: 'gateway'; retcode: string; message: string; text: LocalizedText }
  | { kind: 'signed-out'; retcode: string; message: string; text: LocalizedText }
  | { kind: 'bad-response'; detail: string }
  | { kind: 'invalid-request'; detail: string };

/**
 * The CA certificates (PEM) a client trusts, by where they come from (issue #12 §1).
 */
export interface CaStore {
  /** Node's bundled Mozilla roots. */
  bundled: readonly string[];
  /**
   * The operating system's store (Windows certificate store, macOS keychains, the Linux
   * OpenSSL bundle), or null where this runtime cannot read it (Node before 22.15).
   */
  system: readonly string[] | null;
  /** `NODE_EXTRA_CA_CERTS`, or null where Node applies it itself and cannot list it. */
  extra: readonly string[] | null;
  /** Why `system` is null, in plain words. */
  systemUnavailable?: string;
}

/** How to reach one gateway. */
export interface GatewayConnection {
  /** `https://host:port` (no path); the client appends `/agentgateway/resource/`. */
  baseUrl: string;
  /** PEM text of a site CA trusted in addition to the system CAs. */
  caPem?: string;
  /** Path the site CA was read from (reported by the connection test; `caPem` is trusted). */
  caFile?: string;
  /** The CA lists to trust besides the site CA; default: this runtime's (gateway/trust.ts). */
  caStore?: CaStore;
  /** SHA-256 fingerprint of the gateway's leaf certificate (hex, colons optional). */
  pinSha256?: string;
  /**
   * Long-poll timeout; should exceed the site's hold (10 s by default, longer on
   * disaster-recovery sites, §4.1). Default 40 000 (`DEFAULT_POLL_TIMEOUT_MS`).
   */
  pollTimeoutMs?: number;
  /** Timeout of every other request. Default 10 000. */
  requestTimeoutMs?: number;
}

/**
 * What happens after a call (§3.1): back to `ready` by itself (always off-hook), or into
 * `wrap-up` until the agent leaves it. Chooses the `releasephone`/`autoenteridle` pair.
 */
export type AfterCall = 'ready' | 'wrap-up';

/** What the agent types to sign in. The password is used once and never kept. */
export interface GatewaySignIn {
  agentId: string;
  password: string;
  phone: string;
  /** Default `ready` (`SIGN_IN_PAIRS` in assumptions.ts). */
  afterCall?: AfterCall;
  /**
   * State right after sign-in: `idle` (default) for a working desk, `busy` for a connection
   * check, which must not be offered work (§3.1).
   */
  startAs?: 'idle' | 'busy';
}

/** The `result` of a successful login or forcelogin (gateway-protocol.md §3.1). */
export interface SignInInfo {
  vdnId: string;
  workNo: string;
  /** Three `T`/`F` letters: CTI, WebM, MailM. Voice works only when the first is `T`. */
  mediaType: string;
  loginTime: string;
  isForceChange: boolean;
  serverName: string;
  timeRemaining: string;
}

/** `agentstatus` result (§3.8); `agentState` per the §6.1 table. */
export interface AgentStatusInfo {
  agentState: number;
  isWorking: boolean;
}

/** `callinfo` result (§5.7), or null when there is no current call. */
export interface CallInfo {
  callId: string;
  caller: string;
  called: string;
  callFeature: number | null;
  beginTime: number | null;
  callData: string;
}

/** One skill configured for the agent (`agentskills`, gateway-protocol.md §5.9). */
export interface AgentSkill {
  id: number;
  name: string;
  /** §6.4 media type, when given. */
  mediaType: number | null;
}

/** Queue figures of one skill (`queryacdstat`, §5.9). */
export interface AcdStat {
  skillId: number;
  /** Calls waiting. */
  queueSize: number;
  /** Longest wait of a waiting call, in seconds. */
  queueTime: number;
  availAgents: number | null;
  loggedOnAgents: number | null;
}

/** One completed gateway request, for the log (never holds the Guid or any body). */
export interface GatewayCallRecord {
  /** The method name as the gateway logs it: `login`, `previewCallout`, `secondDialEx` … */
  method: string;
  durationMs: number;
  /** `"0"`, a retcode, or the error kind when there was no envelope. */
  outcome: string;
}

/** Which preview event offered the customer (§7.1). All are handled alike. */
export type PreviewVariant = 'CallOut' | 'CallOut_Ex' | 'Preview';

/** Common fields of every parsed event. */
export interface GatewayEventBase {
  /** The vendor event name, e.g. `AgentEvent_Talking`. */
  eventType: string;
  workNo: string;
  /** `eventGenTime` (epoch ms) where the gateway sends it (2025 docs), else null. */
  generatedAt: number | null;
}

/**
 * Every event of gateway-protocol.md §7, parsed. An event type we do not know is kept as
 * `unknown` with its raw content: never dropped.
 */
export type GatewayEvent = GatewayEventBase &
  (
    | {
        kind: 'preview-offered';
        variant: PreviewVariant;
        /** Exact digits of the Java long `controlid`; never passed through a JS number. */
        controlId: string;
        numbers: string[];
        callData: string;
      }
    | { kind: 'preview-released' }
    | { kind: 'phone-alerting' }
    | { kind: 'phone-offhook'; legType: string }
    | { kind: 'phone-release'; phoneState: number | null }
    | { kind: 'phone-busy' }
    | { kind: 'agent-busy' }
    | { kind: 'agent-occupied' }
    | { kind: 'customer-alerting'; callId: string; otherPhone: string }
    | { kind: 'talking'; callId: string; caller: string; called: string; feature: number | null }
    | { kind: 'ringing'; callId: string; caller: string; called: string; autoAnswered: boolean }
    | { kind: 'no-answer' }
    | { kind: 'call-out-fail'; callId: string }
    | { kind: 'connect-fail'; callId: string }
    | { kind: 'inside-call-fail'; callId: string }
    | { kind: 'outbound-detect'; callId: string; cause: number | null; description: string }
    | { kind: 'call-release'; callId: string }
    | { kind: 'customer-release'; callId: string; number: string }
    | { kind: 'hold'; callId: string }
    | { kind: 'incoming-call-info'; callId: string; caller: string; called: string }
    | { kind: 'in-service' }
    | { kind: 'shutdown-service'; loginTime: string }
    | { kind: 'state-ready' }
    | { kind: 'state-force-ready' }
    | { kind: 'state-not-ready'; reason: number | null }
    /** `AgentState_Force_SetNotReady`: busy forced by an inspector (§7.3); reason or 3. */
    | { kind: 'state-force-not-ready'; reason: number }
    | { kind: 'state-not-ready-cancelled' }
    | { kind: 'state-rest'; reason: number | null }
    | { kind: 'state-rest-cancelled' }
    | { kind: 'state-rest-timeout' }
    | { kind: 'state-work' }
    | { kind: 'state-work-set' }
    | { kind: 'state-work-cancelled' }
    | { kind: 'unknown'; content: unknown }
  );

export type GatewayEventKind = GatewayEvent['kind'];
