/**
 * CSV as spreadsheets read it (RFC 4180: comma, CRLF, quotes doubled) and safe to open: a text cell
 * a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with `'`, since
 * lead values, names and UTM fields come from visitors. Numbers are ours and stay numbers.
 */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * @example csvCell('=HYPERLINK("x")') // `"'=HYPERLINK(""x"")"`
 * @example csvCell(-5) // '-5'
 */
export function csvCell(v: CsvValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v !== 'string') return String(v);
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export const csvLine = (cells: readonly CsvValue[]) => `${cells.map(csvCell).join(',')}\r\n`;

/**
 * A JSON object as one row: nested objects become dotted columns (`firstTouch.channel`), arrays and
 * anything else non-scalar one JSON cell.
 * @example flattenRow({ a: { b: 1 }, c: [1, 2] }) // { 'a.b': 1, c: '[1,2]' }
 */
export function flattenRow(obj: Record<string, unknown>, prefix = '', out: Record<string, CsvValue> = {}) {
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flattenRow(v as Record<string, unknown>, key, out);
    else if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[key] = v as CsvValue;
    else out[key] = JSON.stringify(v);
  }
  return out;
}

/** Rows of JSON objects as a CSV table: a header of every column seen, in order of first appearance. */
export function csvTable(rows: readonly Record<string, unknown>[]): string {
  const flat = rows.map((r) => flattenRow(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  return csvLine(columns) + flat.map((r) => csvLine(columns.map((c) => r[c]))).join('');
}
