/**
 * `npm run bench [-- name …]`: runs every bench/*.bench.ts (or the named ones) and prints its table.
 * Each bench measures its baseline in the same run, so ratios hold on whatever machine runs them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { formatTable, type BenchReport } from './lib';

const dir = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

console.log(
  `# Inlet benchmarks — ${new Date().toISOString()} — node ${process.version}, ${(await import('node:os')).cpus().length} cores\n`,
);
for (const file of files) {
  const mod = (await import(path.join(dir, file))) as { run(): Promise<BenchReport | BenchReport[]> };
  const t0 = performance.now();
  const reports = [await mod.run()].flat();
  for (const r of reports) console.log(`${formatTable(r)}\n`);
  console.log(`(${file}: ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
}
process.exit(0);
