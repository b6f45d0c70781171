import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { parse } from 'yaml';

const root = import.meta.dirname;

// One source for the application id: electron-builder.yml's `appId`, which the installers
// put on their shortcuts and the shell must set as its AppUserModelID on Windows.
const builderConfig = parse(readFileSync(resolve(root, 'electron-builder.yml'), 'utf8')) as {
  appId?: unknown;
};
if (typeof builderConfig.appId !== 'string' || builderConfig.appId === '') {
  throw new Error('electron-builder.yml has no appId');
}

export default defineConfig({
  main: {
    define: { __AGENT_DESK_APP_ID__: JSON.stringify(builderConfig.appId) },
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve(root, 'main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot be an ES module: emit CommonJS.
      rollupOptions: {
        input: { preload: resolve(root, 'main/ipc/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    base: './',
    plugins: [svelte()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      // electron-vite leaves the renderer unminified by default; the bundle budget is gzip.
      minify: true,
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
