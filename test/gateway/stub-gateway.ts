/**
 * A scripted stub gateway over real HTTPS (same CA as the simulator) for vendor shapes the
 * simulator does not produce: it answers each request with the next canned reply, in order,
 * and records what each request carried (method, URL, Guid, Content-Type, body).
 */
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tlsMaterial } from '../simulator/tls';
import type { GatewayConnection } from '../../main/gateway/types';

export interface Canned {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface Seen {
  method: string;
  url: string;
  guid: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface StubGateway {
  conn: GatewayConnection;
  /** Replies to hand out in order (a request with none left gets a 500). */
  replies: Canned[];
  seen: Seen[];
  /** Forgets replies and requests (afterEach). */
  reset(): void;
  stop(): Promise<void>;
}

/** The sign-in reply with `Set-GUID: JSESSIONID=<guid>`. */
export const loginReply = (guid: string): Canned => ({
  headers: { 'set-guid': `JSESSIONID=${guid}` },
  body: '{"retcode":"0","message":"","result":{"vdnid":1,"workno":101,"isForceChange":"true"}}',
});

export async function startStub(): Promise<StubGateway> {
  const tls = await tlsMaterial();
  const replies: Canned[] = [];
  const seen: Seen[] = [];
  const server: Server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const guid = req.headers['guid'];
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        guid: typeof guid === 'string' ? guid : undefined,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = replies.shift() ?? { status: 500, body: 'no canned reply' };
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    conn: { baseUrl: `https://127.0.0.1:${port}`, caPem: tls.caPem, requestTimeoutMs: 2_000 },
    replies,
    seen,
    reset() {
      replies.length = 0;
      seen.length = 0;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
