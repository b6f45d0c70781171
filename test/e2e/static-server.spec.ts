/**
 * The harness's renderer server behaves like the shell's `app://` handler where it matters
 * to the suite: the production CSP on every answer, right MIME types, nothing outside
 * out/renderer. And the page runs under it with no Node or Electron globals.
 */
import { productionCsp } from '../../main/shell/csp';
import { expect, test } from './fixtures';
import type { PageWindow } from './page-types';

test('serves the renderer with the production CSP and the right MIME types', async ({
  renderer,
  request,
}) => {
  const index = await request.get(renderer.url);
  expect(index.status()).toBe(200);
  expect(index.headers()['content-security-policy']).toBe(productionCsp);
  expect(index.headers()['content-type']).toBe('text/html; charset=utf-8');
  const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(await index.text())?.[1];
  expect(script, 'index.html loads a bundled script').toBeDefined();
  const js = await request.get(`${renderer.url}${script}`);
  expect(js.headers()['content-type']).toBe('text/javascript; charset=utf-8');
  expect(js.headers()['content-security-policy']).toBe(productionCsp);
});

test('refuses paths outside out/renderer', async ({ renderer, request }) => {
  for (const path of ['%2e%2e/package.json', '..%2f..%2fpackage.json', '%2e%2e%5cpackage.json']) {
    const response = await request.get(`${renderer.url}${path}`);
    expect(response.status(), path).not.toBe(200);
  }
});

test('the page sees window.desk and no Node or Electron globals', async ({ deskPage: page }) => {
  const globals = await page.evaluate(() => {
    const w = globalThis as unknown as PageWindow & Record<string, unknown>;
    return {
      desk: typeof w.desk,
      require: typeof w.require,
      process: typeof w.process,
      ipcRenderer: typeof w.ipcRenderer,
      frozen: Object.isFrozen(w.desk),
    };
  });
  expect(globals).toEqual({
    desk: 'object',
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
    frozen: true,
  });
});
