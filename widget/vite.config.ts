import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

// One classic script (IIFE): it must run from a plain async <script> tag on any site.
export default defineConfig({
  root,
  // Plain `h` calls (no Preact preset: no dev tools or refresh in an embed), a little smaller than
  // the automatic runtime's props objects; never the development runtime, whatever NODE_ENV says.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment', development: false } },
  publicDir: false,
  build: {
    outDir: '.build/public',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    sourcemap: false,
    lib: {
      entry: fileURLToPath(new URL('./src/index.tsx', import.meta.url)),
      formats: ['iife'],
      name: 'InletWidget',
      fileName: () => 'widget.js',
    },
  },
});
