/**
 * The `app://desk` scheme (Electron only): registered as privileged before `ready`, served
 * from out/renderer with `protocol.handle`. Every response carries the CSP header; the
 * path rules live in app-url.ts (pure, tested).
 */
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import type { DeskLogger } from '../desk/logger';
import { appResponseHeaders, appScheme, mimeTypeFor, resolveAppPath } from './app-url';

/**
 * Must run before `app.whenReady()`. `standard` gives the page a real origin (`app://desk`)
 * and relative URLs; `secure` makes it a secure context. No `bypassCSP`, no CORS, no
 * service workers: the page needs none of them.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: appScheme,
      privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true },
    },
  ]);
}

/** Serves `rootDir` on `app://desk/` for `session`, with the given CSP on every response. */
export function serveAppProtocol(
  session: Session,
  rootDir: string,
  csp: string,
  logger: DeskLogger,
): void {
  session.protocol.handle(appScheme, async (request) => {
    const resolved = resolveAppPath(rootDir, request.url);
    if (!resolved.ok) {
      logger.warn('shell:app-protocol-refused', { url: request.url, reason: resolved.reason });
      return new Response(resolved.reason, {
        status: resolved.status,
        headers: appResponseHeaders(csp, 'text/plain; charset=utf-8'),
      });
    }
    try {
      const body = await readFile(resolved.path);
      return new Response(new Uint8Array(body), {
        status: 200,
        headers: appResponseHeaders(csp, mimeTypeFor(resolved.path)),
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
      logger.warn('shell:app-protocol-missing', { url: request.url, code });
      return new Response(`not found (${code})`, {
        status: code === 'ENOENT' || code === 'EISDIR' ? 404 : 500,
        headers: appResponseHeaders(csp, 'text/plain; charset=utf-8'),
      });
    }
  });
}

/**
 * Development only: the page comes from the Vite server, which sends no CSP; add the dev
 * policy to its responses so development runs under (nearly) the production policy.
 */
export function applyDevCsp(session: Session, devServerUrl: string, csp: string): void {
  const origin = new URL(devServerUrl).origin;
  session.webRequest.onHeadersReceived({ urls: [`${origin}/*`] }, (details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });
}
