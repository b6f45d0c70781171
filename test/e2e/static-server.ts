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
import { join, resolve } from 'node:path';
import {
  appOrigin,
  appResponseHeaders,
  mimeTypeFor,
  resolveAppPath,
} from '../../main/shell/app-url';
import { productionCsp } from '../../main/shell/csp';

/** Repository root (this file lives in test/e2e/). */
export const repoRoot = resolve(import.meta.dirname, '../..');

/** Where `npx electron-vite build` writes the renderer. */
export const rendererDir = join(repoRoot, 'out', 'renderer');

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

/** Serves `dir` on 127.0.0.1 at an ephemeral port. */
export async function serveRenderer(dir: string = rendererDir): Promise<RendererServer> {
  assertRendererBuilt(dir);
  const root = resolve(dir);
  const server = createServer((req, res) => {
    const headers = (type: string) => appResponseHeaders(productionCsp, type);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { ...headers('text/plain'), Allow: 'GET, HEAD' }).end();
      return;
    }
    const rawPath = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    if (rawPath === '/favicon.ico') {
      // Chromium asks for it on its own; the app (app:// in Electron) has none.
      res.writeHead(204, headers('text/plain')).end();
      return;
    }
    // The very rules of the shell's app:// handler: same path checks, same MIME types.
    const resolved = resolveAppPath(root, `${appOrigin}${rawPath}`);
    if (!resolved.ok) {
      res.writeHead(resolved.status, headers('text/plain')).end();
      return;
    }
    const file = resolved.path;
    readFile(file).then(
      (body) => {
        res.writeHead(200, { ...headers(mimeTypeFor(file)), 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: NodeJS.ErrnoException) => {
        const status = error.code === 'ENOENT' || error.code === 'EISDIR' ? 404 : 500;
        res.writeHead(status, headers('text/plain')).end();
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
