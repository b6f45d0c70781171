import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appIndexUrl,
  appResponseHeaders,
  mimeTypeFor,
  resolveAppPath,
} from '../../main/shell/app-url';
import { productionCsp } from '../../main/shell/csp';

const root = mkdtempSync(join(tmpdir(), 'app-url-'));

describe('app:// path resolution', () => {
  it('maps the index and assets under the renderer root', () => {
    expect(resolveAppPath(root, appIndexUrl)).toEqual({ ok: true, path: join(root, 'index.html') });
    expect(resolveAppPath(root, 'app://desk/')).toEqual({
      ok: true,
      path: join(root, 'index.html'),
    });
    expect(resolveAppPath(root, 'app://desk/assets/index-abc.js?v=1#x')).toEqual({
      ok: true,
      path: join(root, 'assets', 'index-abc.js'),
    });
    expect(resolveAppPath(root, 'app://desk/assets/a%20b.css')).toEqual({
      ok: true,
      path: join(root, 'assets', 'a b.css'),
    });
  });

  it.each([
    'app://desk/../secret.txt',
    'app://desk/assets/../../secret.txt',
    'app://desk/%2e%2e/secret.txt',
    'app://desk/assets/%2E%2E/%2e%2e/secret.txt',
    'app://desk/..%2fsecret.txt',
    'app://desk/..%5csecret.txt',
    'app://desk/assets%5c..%5c..%5csecret.txt',
    'app://desk/%2Fetc%2Fpasswd',
    'app://desk/x%00.js',
    'app://desk/%E0%A4%A',
    'app://other/index.html',
    'https://desk/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    const result = resolveAppPath(root, url);
    expect(result.ok).toBe(false);
  });

  it('gives the right MIME types', () => {
    expect(mimeTypeFor('/r/index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('/r/assets/a.JS')).toBe('text/javascript; charset=utf-8');
    expect(mimeTypeFor('/r/a.css')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('/r/a.svg')).toBe('image/svg+xml');
    expect(mimeTypeFor('/r/a.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('/r/a.unknown')).toBe('application/octet-stream');
  });

  it('sends the CSP and nosniff with every response', () => {
    const headers = appResponseHeaders(productionCsp, 'text/plain');
    expect(headers['Content-Security-Policy']).toBe(productionCsp);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
  });
});
