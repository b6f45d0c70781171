import http from 'node:http';
import type { AddressInfo } from 'node:net';
import got, { Options, RequestError } from 'got';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ABORTED_CODE,
  PIN_MISMATCH_CODE,
  fromEnvelope,
  toGatewayError,
} from '../../main/gateway/errors';
import { JsonSyntaxError } from '../../main/gateway/json';
import { retcodeText } from '../../main/gateway/retcodes';

function requestError(code: string, message = `failed: ${code}`): RequestError {
  return new RequestError(message, Object.assign(new Error(message), { code }), new Options());
}

describe('toGatewayError: codes', () => {
  const tlsCodes = [
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
    PIN_MISMATCH_CODE,
  ];
  it.each(tlsCodes)('maps %s to tls', (code) => {
    expect(toGatewayError(requestError(code))).toMatchObject({ kind: 'tls', code });
  });

  const networkCodes = ['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN'];
  it.each(networkCodes)('maps %s to network', (code) => {
    expect(toGatewayError(requestError(code))).toMatchObject({ kind: 'network', code });
  });

  it('maps a bare Node socket error by its code too', () => {
    const err = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toGatewayError(err)).toEqual({
      kind: 'network',
      code: 'ECONNRESET',
      detail: 'socket hang up',
    });
  });

  it('maps a body that is not JSON to bad-response', () => {
    expect(toGatewayError(new JsonSyntaxError('Unexpected end', 3))).toMatchObject({
      kind: 'bad-response',
    });
  });

  it('maps something that is not an error at all to network UNKNOWN', () => {
    expect(toGatewayError('boom')).toEqual({ kind: 'network', code: 'UNKNOWN', detail: 'boom' });
  });
});

describe('toGatewayError: real got failures on loopback', () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/hang') return; // never answers: the client times out
      res.writeHead(503).end('busy');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  async function failure(run: () => Promise<unknown>): Promise<unknown> {
    try {
      await run();
    } catch (err) {
      return err;
    }
    throw new Error('the request did not fail');
  }

  it('maps a refused connection to network ECONNREFUSED', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const err = await failure(() => got(`http://127.0.0.1:${port}/`, { retry: { limit: 0 } }));
    expect(toGatewayError(err)).toMatchObject({ kind: 'network', code: 'ECONNREFUSED' });
  });

  it('maps a timeout to timeout with got’s phase', async () => {
    const err = await failure(() =>
      got(`${base}/hang`, { timeout: { request: 100 }, retry: { limit: 0 } }),
    );
    expect(toGatewayError(err)).toEqual({ kind: 'timeout', phase: 'request' });
  });

  it('maps a non-2xx status to http, and keeps the Guid out of the result', async () => {
    const err = await failure(() =>
      got(`${base}/x`, { headers: { guid: 'secret-guid-123' }, retry: { limit: 0 } }),
    );
    const mapped = toGatewayError(err);
    expect(mapped).toEqual({ kind: 'http', status: 503 });
    expect(JSON.stringify(mapped)).not.toContain('secret-guid-123');
  });

  it('maps an aborted request to network ABORTED', async () => {
    const controller = new AbortController();
    const pending = failure(() =>
      got(`${base}/hang`, { signal: controller.signal, retry: { limit: 0 } }),
    );
    controller.abort();
    expect(toGatewayError(await pending)).toMatchObject({ kind: 'network', code: ABORTED_CODE });
  });
});

describe('fromEnvelope', () => {
  it.each(['100-006', '000-003', '105-005', '105-006', '105-007'])(
    'reads %s as signed-out',
    (retcode) => {
      expect(fromEnvelope(retcode, 'gone')).toEqual({
        kind: 'signed-out',
        retcode,
        message: 'gone',
        text: retcodeText(retcode),
      });
    },
  );

  it.each(['100-002', '100-004', '200-017', '000-002', '999-999'])(
    'reads %s as gateway',
    (retcode) => {
      expect(fromEnvelope(retcode, '')).toEqual({
        kind: 'gateway',
        retcode,
        message: '',
        text: retcodeText(retcode),
      });
    },
  );
});
