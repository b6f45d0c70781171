/**
 * Pure rules of the `app://` scheme: which file a URL names and its MIME type. The
 * Electron handler (protocol.ts) only reads the file these functions allow.
 */
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/** The scheme the UI is served from (never `file://`: STYLE.md §8). */
export const appScheme = 'app';
/** The host of every UI URL, so the page's origin is `app://desk`. */
export const appHost = 'desk';
/** The page's origin, compared with parsed `URL` origins by the navigation guard. */
export const appOrigin = `${appScheme}://${appHost}`;
/** The URL the window loads in production. */
export const appIndexUrl = `${appOrigin}/index.html`;

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
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.txt': 'text/plain; charset=utf-8',
};

/** MIME type by extension; unknown types are served as opaque bytes, never sniffed. */
export function mimeTypeFor(path: string): string {
  return mimeTypes[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers of every `app://` response, error pages included. */
export function appResponseHeaders(csp: string, contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
  };
}

/** Outcome of mapping a request URL to a file under the renderer root. */
export type AppPathResolution =
  { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Maps `app://desk/<path>` to a file inside `rootDir` (out/renderer). Refuses another host,
 * a `..` segment (raw or percent-encoded), a backslash, a NUL, an absolute path and any
 * result that escapes the root — a page must never read the user's files (STYLE.md §8).
 * `/` serves `index.html`.
 */
export function resolveAppPath(rootDir: string, requestUrl: string): AppPathResolution {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch (error) {
    return { ok: false, status: 400, reason: `unparsable URL: ${String(error)}` };
  }
  if (url.protocol !== `${appScheme}:` || url.host !== appHost) {
    return { ok: false, status: 403, reason: `foreign origin ${url.protocol}//${url.host}` };
  }
  // Check the raw path as well as the decoded one: `URL` folds `/../` and `/%2e%2e/`, but
  // not `..%2f`, which decoding turns back into a traversal.
  const rawPath = requestUrl.slice(requestUrl.indexOf(url.host) + url.host.length).split(/[?#]/)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch (error) {
    return { ok: false, status: 400, reason: `bad percent-encoding: ${String(error)}` };
  }
  // `URL` folds `%2e%2e` segments too: refuse any traversal attempt, even a harmless one.
  const rawSegments = (rawPath ?? '').split('/').map((segment) => segment.toLowerCase());
  const segments = [...decoded.split('/'), ...rawSegments];
  const dotDot = new Set(['..', '%2e%2e', '.%2e', '%2e.']);
  if (segments.some((s) => dotDot.has(s)) || decoded.includes('\\') || decoded.includes('\0')) {
    return { ok: false, status: 403, reason: 'path traversal refused' };
  }
  const relativePath = decoded === '/' || decoded === '' ? 'index.html' : decoded.slice(1);
  if (isAbsolute(relativePath)) {
    return { ok: false, status: 403, reason: 'absolute path refused' };
  }
  const root = resolve(rootDir);
  const full = resolve(root, relativePath);
  const rel = relative(root, full);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) {
    return { ok: false, status: 403, reason: 'outside the renderer root' };
  }
  return { ok: true, path: full };
}
