/**
 * The HTTPS listener: reads each request, logs gateway requests, applies faults, routes to
 * the gateway or the control API, and can drop every socket (restart, kill).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { Socket } from 'node:net';
import type { Reply } from './reply';
import { fail, ok, withMessage } from './reply';
import type { Handled } from './context';
import { dispatch, agentIdOf } from './routes';
import { guidStateOf, endSession, lbCookie } from './sessions';
import type { SimState } from './state';
import type { TlsMaterial } from './tls';
import { takeFault, nslbErrorPage, MALFORMED_BODY } from './faults';

/** Bodies above this are refused: the largest legitimate one is a 16 KB callData. */
const MAX_BODY_BYTES = 1024 * 1024;
/** The request log keeps this many entries, so a long demo run stays flat in memory. */
const MAX_LOG = 50_000;

/** A control API answer, plus work to do once it is written (restart). */
export interface ControlResult {
  reply: Reply;
  after?: () => void;
}

/** What the server calls around the gateway: the control API and a restart. */
export interface ServerHooks {
  control(method: string, path: string, body: string): ControlResult | Promise<ControlResult>;
  restart(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () =>
      resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
    // The client went away mid-body: nothing to answer, but do not leave the handler waiting.
    req.on('close', () => {
      if (!req.complete) resolve(null);
    });
  });
}

function write(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(reply.status, reply.headers);
  res.end(reply.body);
}

function header(req: IncomingMessage, name: string): string | null {
  // Node lower-cases header names, so `Guid`, `guid` and `GUID` all arrive here (§1.2).
  const v = req.headers[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? null) : null;
}

/** One HTTPS server that can stop and listen again on the same port. */
export class SimServer {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  /** Requests stopped by a `hang` fault, resumed when faults are cleared. */
  private hung: Array<() => void> = [];
  port = 0;

  constructor(
    private readonly gw: SimState,
    tls: TlsMaterial,
    private readonly hooks: ServerHooks,
  ) {
    this.server = createServer({ key: tls.keyPem, cert: tls.certPem }, (req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // A simulator bug: say so loudly and answer 500 rather than leave the client hanging.
        console.error('[simulator] request failed', req.method, req.url, err);
        write(res, { status: 500, headers: { 'Content-Type': 'text/plain' }, body: String(err) });
      });
    });
    // Long polls and hung requests are held on purpose: no server-side request timeout.
    this.server.requestTimeout = 0;
    this.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Listen on 127.0.0.1; returns the port. */
  listen(port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const onError = (err: Error): void => reject(err);
      this.server.once('error', onError);
      this.server.listen(port, '127.0.0.1', () => {
        this.server.off('error', onError);
        const addr = this.server.address();
        this.port = typeof addr === 'object' && addr !== null ? addr.port : port;
        resolve(this.port);
      });
    });
  }

  /** Stop listening and drop every connection (held polls included). */
  close(): Promise<void> {
    this.hung = [];
    return new Promise((resolve, reject) => {
      if (!this.server.listening) {
        for (const s of this.sockets) s.destroy();
        resolve();
        return;
      }
      this.server.close((err) => (err ? reject(err) : resolve()));
      for (const s of this.sockets) s.destroy();
    });
  }

  /** Let requests stopped by `hang` go on (faults were cleared). */
  resumeHung(): void {
    const hung = this.hung;
    this.hung = [];
    for (const resume of hung) resume();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const arrivedAt = performance.now();
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const path = q < 0 ? target : target.slice(0, q);
    const query = q < 0 ? '' : target.slice(q + 1);
    const body = await readBody(req);
    if (path === '/__sim' || path.startsWith('/__sim/')) {
      const result = await this.hooks.control(method, path, body ?? '');
      if (result.after !== undefined) res.once('finish', result.after);
      write(res, result.reply);
      return;
    }
    const now = Date.now();
    const agentId = agentIdOf(path);
    const guid = header(req, 'guid');
    const signIn = /^\/agentgateway\/resource\/onlineagent\/[^/]+(\/forcelogin|\/loginex)?$/i.test(
      path,
    );
    this.gw.log.push({
      method,
      path,
      query,
      agentId,
      at: now,
      arrivedAt,
      // Never record passwords: sign-in bodies are left out.
      ...(body && !signIn ? { body } : {}),
      hadLbCookie: (header(req, 'cookie') ?? '').split(/;\s*/).includes(lbCookie(this.gw)),
      guidState: guidStateOf(this.gw, agentId, guid, now),
    });
    if (this.gw.log.length > MAX_LOG) this.gw.log.splice(0, this.gw.log.length - MAX_LOG);
    if (body === null) return write(res, fail('000-002'));
    const fault = takeFault(this.gw, path, agentId);
    if (fault !== null) {
      switch (fault.kind) {
        case 'event-array':
          break;
        case 'retcode': {
          const code = fault.retcode ?? '100-007';
          return write(res, code === '0' ? ok() : fail(code));
        }
        case 'latency':
          await new Promise((r) => setTimeout(r, fault.ms ?? 1000));
          break;
        case 'http-error': {
          const status = fault.status ?? 503;
          const headers = { 'Content-Type': 'text/html' };
          return write(res, { status, headers, body: nslbErrorPage(status) });
        }
        case 'drop':
          req.socket.destroy();
          return;
        case 'malformed':
          return write(res, {
            status: 200,
            headers: { 'Content-Type': 'application/json' },
            body: MALFORMED_BODY,
          });
        case 'hang':
          await new Promise<void>((r) => this.hung.push(r));
          if (res.destroyed) return;
          break;
        case 'kill-session': {
          const id = fault.agentId ?? agentId;
          const s = id === null ? undefined : this.gw.sessions.get(id);
          if (s !== undefined) endSession(this.gw, s, 'fault');
          break;
        }
        case 'restart':
          req.socket.destroy();
          await this.hooks.restart();
          return;
      }
    }
    const handled: Handled = dispatch(method, path, {
      gw: this.gw,
      query,
      body,
      guid,
      now: Date.now(),
      eventArray: fault?.kind === 'event-array',
      onClose: (cb) =>
        res.once('close', () => {
          if (!res.writableFinished) cb();
        }),
    });
    const reply = await handled;
    const message = this.gw.opts.successMessage;
    write(res, message === null ? reply : withMessage(reply, message));
  }
}
