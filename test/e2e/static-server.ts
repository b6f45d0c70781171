/**
 * A tiny static HTTP server for the built renderer (out/renderer) on 127.0.0.1, used by the
 * end-to-end suite, the browser demo and the renderer benchmark. It sends the same CSP
 * header as the Electron shell's `app://` handler (main/shell/csp.ts, STYLE.md §8), so a
 * page that breaks the policy fails here exactly as it would in the app.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { productionCsp } from '../../main/shell/csp';

/** Repository root (this file lives in test/e2e/). */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** Where `npx electron-vite build` writes the renderer. */
export const rendererDir = join(repoRoot, 'out', 'renderer');

const mimeTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wav': 'audio/wav',
};

/** A running renderer server. */
export interface RendererServer {
  /** `http://127.0.0.1:PORT/` — the page is `index.html` under it. */
  url: string;
  close(): Promise<void>;
}

/**
 * Throws a clear error when the renderer has not been built: the suite never builds it
 * itself (`npm test` builds before Playwright runs).
 */
export function assertRendererBuilt(dir: string = rendererDir): void {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new Error(
      `The renderer is not built: ${join(dir, 'index.html')} is missing. ` +
        'Build first with `npx electron-vite build` (npm test does this before Playwright).',
    );
  }
}

/** Resolves a URL path inside `root`, or null when it would leave it (`..`, NUL). */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch (error) {
    // A malformed escape is a bad request, not a server fault: the caller answers 400.
    if (error instanceof URIError) return null;
    throw error;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded === '/' ? '/index.html' : decoded).replace(/^[/\\]+/, '');
  const full = resolve(root, relative);
  return full === root || full.startsWith(root + sep) ? full : null;
}

/** Serves `dir` on 127.0.0.1 at an ephemeral port. */
export async function serveRenderer(dir: string = rendererDir): Promise<RendererServer> {
  assertRendererBuilt(dir);
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const headers = {
      'Content-Security-Policy': productionCsp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      // Chromium asks for it on its own; the app (app:// in Electron) has none.
      res.writeHead(204, headers).end();
      return;
    }
    const file = resolveInside(root, path);
    if (file === null) {
      res.writeHead(400, headers).end();
      return;
    }
    readFile(file).then(
      (body) => {
        const type = mimeTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';
        res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: NodeJS.ErrnoException) => {
        const status = error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500;
        res.writeHead(status, headers).end();
      },
    );
  });
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.closeAllConnections();
        server.close((error) => (error ? fail(error) : done()));
      }),
  };
}
