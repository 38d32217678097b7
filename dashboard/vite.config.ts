import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { workersHeadersFile } from '../api/src/domain/security-headers';

const publicDir = fileURLToPath(new URL('../.build/public', import.meta.url));

/** /docs loads the API reference script from our own origin: copy it next to the dashboard. */
function apiReferenceScript(): Plugin {
  return {
    name: 'inlet-api-reference-script',
    writeBundle() {
      const from = fileURLToPath(
        new URL('../node_modules/@scalar/api-reference/dist/browser/standalone.js', import.meta.url),
      );
      fs.mkdirSync(`${publicDir}/docs`, { recursive: true });
      fs.copyFileSync(from, `${publicDir}/docs/scalar.js`);
    },
  };
}

/**
 * Workers serve the static assets before the Worker runs: their security headers come from this
 * file, rendered from the same values the Node runner sets (api/src/domain/security-headers.ts).
 */
function workersHeaders(): Plugin {
  return {
    name: 'inlet-workers-headers',
    writeBundle() {
      fs.writeFileSync(`${publicDir}/_headers`, workersHeadersFile());
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/app/',
  // The preset leaves oxc's JSX in development mode (jsxDEV with file paths and line numbers in
  // every element): say production explicitly.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact', development: false } },
  plugins: [preact(), apiReferenceScript(), workersHeaders()],
  build: {
    outDir: `${publicDir}/app`,
    emptyOutDir: true,
  },
});
