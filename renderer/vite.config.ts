/**
 * Renderer-only build (mirrors the `renderer` section of electron.vite.config.ts), so the UI
 * can be built and previewed while main/preload are being written. No Node imports: the
 * renderer's lint rules forbid them, and Vite resolves `outDir` against `root` anyway.
 */
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [svelte()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
  },
});
