/**
 * The one place that knows got's error classes and Node's TLS/socket codes (STYLE §5).
 * Everything above switches on `GatewayError.kind`. A raw got error never leaves this module:
 * its `options` hold the request headers, Guid included.
 */
import { AbortError, CancelError, HTTPError, RequestError, TimeoutError } from 'got';
import { SIGNED_OUT_RETCODES } from './assumptions';
import { JsonSyntaxError } from './json';
import { retcodeText } from './retcodes';
import type { GatewayError } from './types';

/** Code of the error our certificate pin check raises (see http.ts). */
export const PIN_MISMATCH_CODE = 'ERR_GATEWAY_PIN_MISMATCH';

/** Code used when a request was cancelled by `close()`. */
export const ABORTED_CODE = 'ABORTED';

/** Certificate and handshake failures: the agent's administrator must fix trust, not retry. */
const TLS_CODES: ReadonlySet<string> = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
  PIN_MISMATCH_CODE,
]);

/** Plain detail for the TLS codes an agent's administrator will most often see. */
const TLS_DETAILS: Readonly<Record<string, string>> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the gateway certificate is not signed by a trusted CA',
  SELF_SIGNED_CERT_IN_CHAIN: 'the gateway certificate chain ends in an untrusted CA',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the gateway certificate is self-signed and not trusted',
  CERT_HAS_EXPIRED: 'the gateway certificate has expired',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the gateway certificate is for another host name',
  [PIN_MISMATCH_CODE]: 'the gateway certificate does not match the configured fingerprint',
};

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const { code } = err as { code: unknown };
  return typeof code === 'string' ? code : undefined;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Classifies a socket/TLS error by its Node code. */
function fromCode(code: string | undefined, message: string): GatewayError {
  if (code !== undefined && (TLS_CODES.has(code) || /^ERR_(TLS|SSL)_/.test(code))) {
    return { kind: 'tls', code, detail: TLS_DETAILS[code] ?? message };
  }
  if (code === 'ETIMEDOUT') return { kind: 'timeout', phase: 'socket' };
  // ECONNREFUSED, ECONNRESET ("socket hang up" carries ECONNRESET), ENOTFOUND, EPIPE,
  // EAI_AGAIN, ENETUNREACH … : the path to the gateway failed; the desk reconnects.
  return { kind: 'network', code: code ?? 'UNKNOWN', detail: message };
}

/** Converts anything a got call can throw into a `GatewayError` (never rethrows). */
export function toGatewayError(err: unknown): GatewayError {
  if (err instanceof TimeoutError) return { kind: 'timeout', phase: err.event };
  if (err instanceof HTTPError) return { kind: 'http', status: err.response.statusCode };
  if (err instanceof AbortError || err instanceof CancelError) {
    return { kind: 'network', code: ABORTED_CODE, detail: 'request cancelled' };
  }
  if (err instanceof JsonSyntaxError) {
    return { kind: 'bad-response', detail: `body is not JSON: ${err.detail}` };
  }
  if (err instanceof RequestError) {
    // got copies the cause's code; prefer the cause's own (un-prefixed) message.
    const cause: unknown = err.cause;
    const code = errorCode(cause) ?? err.code;
    return fromCode(code, cause instanceof Error ? cause.message : err.message);
  }
  if (
    typeof err === 'object' &&
    err !== null &&
    (err as { name?: unknown }).name === 'AbortError'
  ) {
    return { kind: 'network', code: ABORTED_CODE, detail: 'request cancelled' };
  }
  return fromCode(errorCode(err), errorMessage(err));
}

/**
 * An envelope whose `retcode` is not `"0"`: `signed-out` when only a new sign-in helps
 * (§2.1, §2.4), else `gateway`; both with plain words from the §8 table.
 */
export function fromEnvelope(
  retcode: string,
  message: string,
): Extract<GatewayError, { kind: 'gateway' | 'signed-out' }> {
  const text = retcodeText(retcode);
  return SIGNED_OUT_RETCODES.has(retcode)
    ? { kind: 'signed-out', retcode, message, text }
    : { kind: 'gateway', retcode, message, text };
}
