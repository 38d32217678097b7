/** Shared helpers for `npm run bench`: each bench file exports `run()` returning a BenchReport. */
export interface BenchReport {
  title: string;
  rows: Array<Record<string, string | number>>;
  notes?: string[];
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const i = Math.min(sortedMs.length - 1, Math.max(0, Math.ceil((p / 100) * sortedMs.length) - 1));
  return sortedMs[i]!;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns ns per call. */
export function timePerCall(fn: () => unknown, ms = 300): number {
  const warm = performance.now() + ms / 5;
  while (performance.now() < warm) fn();
  let calls = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 100; i++) fn();
    calls += 100;
    now = performance.now();
  }
  return ((now - start) * 1e6) / calls;
}

export function formatTable(report: BenchReport): string {
  const cols = [...new Set(report.rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined) =>
    v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 1)) : v;
  const widths = cols.map((c) => Math.max(c.length, ...report.rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  const out = [`## ${report.title}`, '', line(cols), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`];
  for (const r of report.rows) out.push(line(cols.map((c) => cell(r[c]))));
  for (const n of report.notes ?? []) out.push('', n);
  return out.join('\n');
}
