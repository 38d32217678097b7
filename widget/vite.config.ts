import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));

// One classic script (IIFE): it must run from a plain async <script> tag on any site.
export default defineConfig({
  root,
  // The preset leaves oxc's JSX in development mode (jsxDEV with file paths and line numbers in
  // every element): say production explicitly.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  plugins: [preact({ prefreshEnabled: false, devToolsEnabled: false })],
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
