/**
 * CSV built in the browser for tables the dashboard shows (when the API has no CSV of that table).
 * Cells are safe from formula injection: a spreadsheet runs a cell that starts with = + - @, a tab or
 * a carriage return as a formula, so such a cell is prefixed with ' (the OWASP advice), then quoted.
 */
import { fetchCsv } from '../api';

export type CsvValue = string | number | boolean | null | undefined;

export function csvCell(v: CsvValue): string {
  let s = v == null ? '' : String(v);
  // A number the dashboard computed (a negative trend) is no formula; text from lead data may be.
  if (typeof v !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

export const toCsv = (header: string[], rows: CsvValue[][]) =>
  `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

export function saveFile(blob: Blob, filename: string) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/**
 * Saves a table as CSV: the API's own rendering of `apiPath` when it answers `Accept: text/csv`,
 * else the rows as shown, built here.
 */
export async function exportCsv(filename: string, header: string[], rows: CsvValue[][], apiPath?: string) {
  const fromApi = apiPath ? await fetchCsv(apiPath).catch(() => null) : null;
  saveFile(fromApi ?? new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), filename);
}
