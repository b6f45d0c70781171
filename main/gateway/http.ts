/**
 * The got instance of one agent session (STYLE §1: the only module that talks HTTP).
 * - prefix `https://host:port/agentgateway/resource/` (§1.1);
 * - `Content-Type` on every request, even bodiless ones (§1.2: mandatory on every page);
 * - `Guid` header from the session's current value, set in a hook so a Guid rotated while
 *   this request waited is the one sent (§2.2);
 * - cookie jar: load-balancer cookies are echoed like the vendor samples do (§1.2, §10.4);
 * - `Set-GUID` read from every response, errors included (§2.2, §10.3);
 * - TLS: the OS store, the bundled roots and the site CA (trust.ts), optional SHA-256 pin;
 *   verification is never off (STYLE §8).
 */
import https from 'node:https';
import tls, { type DetailedPeerCertificate } from 'node:tls';
import got, { type Got, type RetryFunction } from 'got';
import { CookieJar } from 'tough-cookie';
import { BASE_PATH, DEFAULT_REQUEST_TIMEOUT_MS, guidFromSetGuid } from './assumptions';
import { PIN_MISMATCH_CODE, toGatewayError } from './errors';
import { trustContext } from './trust';
import type { GatewayConnection, GatewayError, Result } from './types';

/** How the HTTP layer reads and updates the session's Guid without owning it. */
export interface GuidLink {
  /** The Guid to send, or null before sign-in (login/forcelogin carry none, §1.2). */
  current(): string | null;
  /** A `Set-GUID` arrived on some response (value already stripped through the first `=`). */
  received(guid: string): void;
}

/** One request; `mayRetry` only for GETs that are safe to repeat (poll and queries). */
export interface HttpRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  /** Relative to the resource prefix, no leading slash, query already encoded. */
  path: string;
  /** Serialized JSON text, sent byte for byte (so long IDs keep every digit). */
  body?: string;
  timeoutMs?: number;
  /**
   * Long polls only: the time allowed to connect and finish TLS, so that an unreachable
   * gateway shows as a `timeout` in phase `connect`/`secureConnect` instead of looking like a
   * poll the gateway held past `timeoutMs` (phase `request`, an idle timeout, §4.1).
   */
  connectTimeoutMs?: number;
  mayRetry?: boolean;
  /** Abandons this one request (it resolves as network `ABORTED`). */
  signal?: AbortSignal;
}

/** Any HTTP answer: status and raw text; the caller checks the envelope. */
export interface HttpReply {
  status: number;
  body: string;
}

/** Normalizes a fingerprint (`AA:BB…` or `aabb…`) to upper-case hex without colons. */
export function normalizeFingerprint(value: string): string {
  return value.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
}

/**
 * Host-name check plus the optional pin. Runs after the chain was verified (never instead).
 * With TLS session resumption Node skips this check; that is safe because the agent's session
 * cache only holds sessions this same check accepted.
 */
export function pinnedIdentityCheck(pinSha256: string | undefined) {
  const pin = pinSha256 === undefined ? undefined : normalizeFingerprint(pinSha256);
  return (host: string, cert: DetailedPeerCertificate): Error | undefined => {
    const hostError = tls.checkServerIdentity(host, cert);
    if (hostError) return hostError;
    if (pin !== undefined && normalizeFingerprint(cert.fingerprint256) !== pin) {
      return Object.assign(new Error('gateway certificate does not match the pinned SHA-256'), {
        code: PIN_MISMATCH_CODE,
      });
    }
    return undefined;
  };
}

/**
 * Short fixed back-off for the GETs that may retry: the desk's own loop does the long
 * back-off (design §3); this only rides over a stale keep-alive socket or a blip.
 */
const retryDelay: RetryFunction = ({ attemptCount, computedValue }) =>
  computedValue === 0 ? 0 : 250 * attemptCount;

/** Transport errors a GET may retry. ETIMEDOUT is left out: a timed-out poll is reported. */
const RETRY_ERROR_CODES = ['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN', 'ENETUNREACH'];

/** The HTTP side of one agent session; `close()` aborts everything in flight. */
export class GatewayHttp {
  private readonly agent: https.Agent;
  private readonly abort = new AbortController();
  private readonly client: Got;
  readonly cookies = new CookieJar();

  constructor(connection: GatewayConnection, guid: GuidLink) {
    // The trusted CAs as one shared TLS context (trust.ts): not re-parsed for each socket.
    const secureContext = trustContext(connection.caPem, connection.caStore);
    this.agent = new https.Agent({
      keepAlive: true,
      ...(secureContext === undefined ? {} : { secureContext }),
    });
    this.client = got.extend({
      prefixUrl: `${connection.baseUrl.replace(/\/+$/, '')}${BASE_PATH}`,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      cookieJar: this.cookies,
      responseType: 'text',
      // §1.4, §10.2: every routed request answers 200 + envelope; we read other statuses
      // ourselves instead of letting got throw an error that carries the request headers.
      throwHttpErrors: false,
      followRedirect: false,
      timeout: { request: connection.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS },
      // Commands must never repeat (a second previewCallout could dial twice): got retries
      // PUT and DELETE by default, so the default is no retry at all.
      retry: { limit: 0 },
      agent: { https: this.agent },
      https: {
        checkServerIdentity: pinnedIdentityCheck(connection.pinSha256),
      },
      signal: this.abort.signal,
      hooks: {
        beforeRequest: [
          (options) => {
            const current = guid.current();
            if (current === null) delete options.headers['guid'];
            else options.headers['guid'] = current;
          },
        ],
        afterResponse: [
          (response) => {
            const header = response.headers['set-guid'];
            const value = Array.isArray(header) ? header[header.length - 1] : header;
            if (value !== undefined && value.length > 0) guid.received(guidFromSetGuid(value));
            return response;
          },
        ],
      },
    });
  }

  /** Sends one request; every failure comes back as a typed error, never a got error. */
  async request(req: HttpRequest): Promise<Result<HttpReply, GatewayError>> {
    try {
      const response = await this.client(req.path, {
        method: req.method,
        ...(req.body === undefined ? {} : { body: req.body }),
        ...(req.timeoutMs === undefined
          ? {}
          : {
              timeout: {
                request: req.timeoutMs,
                ...(req.connectTimeoutMs === undefined
                  ? {}
                  : { connect: req.connectTimeoutMs, secureConnect: req.connectTimeoutMs }),
              },
            }),
        ...(req.signal === undefined
          ? {}
          : { signal: AbortSignal.any([this.abort.signal, req.signal]) }),
        retry: req.mayRetry
          ? {
              limit: 2,
              methods: ['GET'],
              statusCodes: [],
              errorCodes: RETRY_ERROR_CODES,
              calculateDelay: retryDelay,
            }
          : { limit: 0 },
      });
      return { ok: true, value: { status: response.statusCode, body: response.body } };
    } catch (err) {
      return { ok: false, error: toGatewayError(err) };
    }
  }

  /** Aborts requests in flight (they resolve as network `ABORTED`) and frees the sockets. */
  close(): void {
    this.abort.abort();
    this.agent.destroy();
  }
}
