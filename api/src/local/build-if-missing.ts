/** `npm start` on a fresh clone builds what it serves (widget, dashboard) when no build is there. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './config';
import { PUBLIC_DIR } from './node-app';

export function buildIfMissing() {
  const needed = ['widget.js', 'app/index.html', 'docs/scalar.js'].map((f) => path.join(PUBLIC_DIR, f));
  if (needed.every((f) => fs.existsSync(f))) return;
  console.error('Building the widget and dashboard (first start)…');
  execFileSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'widget/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
  execFileSync(
    process.execPath,
    [
      path.join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'dashboard/vite.config.ts',
      '--logLevel',
      'warn',
    ],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
}
