/**
 * What a visitor's browser downloads before the form is interactive: widget.js and the one config
 * request, minified and gzip (level 9) and brotli, beside the loaders of peers measured from their
 * npm packages in the same run (Typeform's embed, Cal.com's embed and snippet, Plausible's tracker for
 * pages that only track). Goal: at most 8 KB gzip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { transformSync } from 'esbuild';
import { createNodeApp } from '../api/src/local/node-app';
import { openPglite } from '../api/src/db/pglite';
import { migrate } from '../api/src/db/migrate';
import { createTenant } from '../api/src/db/queries/tenants';
import type { BenchReport } from './lib';

const ROOT = path.resolve(import.meta.dirname, '..');
const gz = (b: Buffer) => zlib.gzipSync(b, { level: 9 }).length;
const br = (b: Buffer) => zlib.brotliCompressSync(b).length;
const kb = (n: number) => Math.round((n / 1024) * 100) / 100;

function row(name: string, files: string[]) {
  const bufs = files.map((f) => fs.readFileSync(path.join(ROOT, f)));
  const raw = bufs.reduce((s, b) => s + b.length, 0);
  return {
    loader: name,
    'minified KB': kb(raw),
    'gzip KB': kb(bufs.reduce((s, b) => s + gz(b), 0)),
    'brotli KB': kb(bufs.reduce((s, b) => s + br(b), 0)),
  };
}

/** The config answer the widget fetches for a typical five-field form. */
async function configBytes(): Promise<Buffer> {
  const handle = await openPglite();
  await migrate(handle);
  const pending: Promise<unknown>[] = [];
  const { app } = createNodeApp({ handle, defer: (_c, work) => void pending.push(work) });
  const { secretKey } = await createTenant(handle.db, { name: 'Bench' }, new Date());
  const form = await app.request('/v1/forms', {
    method: 'POST',
    headers: { authorization: `Bearer ${secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Contact sales',
      allowedOrigins: ['https://www.example.com'],
      copy: { title: 'Talk to sales', submitLabel: 'Send' },
      fields: [
        { key: 'name', label: 'Full name', type: 'text', required: true },
        { key: 'email', label: 'Work email', type: 'email', required: true },
        { key: 'company', label: 'Company', type: 'text' },
        {
          key: 'size',
          label: 'Team size',
          type: 'select',
          options: [
            { value: '1-10', label: '1–10' },
            { value: '11-50', label: '11–50' },
            { value: '51+', label: '51+' },
          ],
        },
        { key: 'message', label: 'Message', type: 'textarea' },
      ],
    }),
  });
  const { id } = (await form.json()) as { id: string };
  const res = await app.request(`/v1/public/forms/${id}`, { headers: { origin: 'https://www.example.com' } });
  const body = Buffer.from(await res.arrayBuffer());
  await Promise.all(pending); // the view it counted
  await handle.close();
  return body;
}

export async function run(): Promise<BenchReport> {
  execFileSync(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'widget/vite.config.ts',
      '--logLevel',
      'silent',
    ],
    { cwd: ROOT },
  );
  const config = await configBytes();
  const ours = row('Inlet widget.js', ['.build/public/widget.js']);
  const total = {
    loader: 'Inlet widget.js + config request',
    'minified KB': kb(fs.statSync(path.join(ROOT, '.build/public/widget.js')).size + config.length),
    'gzip KB': Math.round((ours['gzip KB'] + kb(gz(config))) * 100) / 100,
    'brotli KB': Math.round((ours['brotli KB'] + kb(br(config))) * 100) / 100,
  };
  const typeform = row('Typeform embed.js + widget.css (@typeform/embed 6.1.1)', [
    'node_modules/@typeform/embed/build/embed.js',
    'node_modules/@typeform/embed/build/css/widget.css',
  ]);
  const cal = row('Cal.com embed.js (@calcom/embed-core 1.5.3)', [
    'node_modules/@calcom/embed-core/dist/embed/embed.js',
  ]);
  // The snippet a Cal.com site pastes, which then loads embed.js above from Cal.com's host.
  const calSnippet = row('  Cal.com snippet (@calcom/embed-snippet 1.3.3)', [
    'node_modules/@calcom/embed-snippet/dist/snippet.umd.js',
  ]);
  // A tracker-only page's peer: Plausible's npm tracker (pageviews, no form).
  const plausible = row('Plausible tracker (@plausible-analytics/tracker 0.4.6)', [
    'node_modules/@plausible-analytics/tracker/plausible.js',
  ]);
  const preactMin = Buffer.from(
    transformSync(fs.readFileSync(path.join(ROOT, 'node_modules/preact/dist/preact.mjs'), 'utf8'), {
      minify: true,
      format: 'esm',
    }).code,
  );
  const preact = {
    loader: '  of which Preact 11 core',
    'minified KB': kb(preactMin.length),
    'gzip KB': kb(gz(preactMin)),
    'brotli KB': kb(br(preactMin)),
  };
  return {
    title: 'Widget bytes before the form is interactive (goal: ≤ 8 KB gzip, one config request)',
    rows: [ours, preact, total, typeform, cal, calSnippet, plausible].map((r) => ({
      ...r,
      'vs Inlet gzip': Math.round((r['gzip KB'] / ours['gzip KB']) * 100) / 100,
    })),
    notes: [
      'Requests before interactive: widget.js, then GET /v1/public/forms/{id} (the config). Peers load further iframes and assets after their loader.',
    ],
  };
}
