/** A report table with its own heading and an "Export CSV" button; one column definition feeds both. */
import type { ComponentChildren } from 'preact';
import { type CsvValue, exportCsv } from '../ui/csv';
import { Table } from '../ui/table';
import { toast } from '../ui/toast';

export interface ReportColumn<T> {
  label: string;
  /** The value as text or number: the cell shows it (always as text) and the CSV carries it. */
  value(row: T): CsvValue;
  /** What the cell shows when it differs from the CSV value (a formatted amount, a badge). */
  cell?(row: T): ComponentChildren;
}

export function ReportTable<T>({
  title,
  filename,
  rows,
  columns,
  rowKey,
  empty,
  apiCsv,
}: {
  title: string;
  filename: string;
  rows: T[];
  columns: ReportColumn<T>[];
  rowKey(row: T): string;
  empty?: string;
  /** The API path whose `Accept: text/csv` answer is this table, when there is one. */
  apiCsv?: string;
}) {
  const save = async () => {
    await exportCsv(
      filename,
      columns.map((c) => c.label),
      rows.map((r) => columns.map((c) => c.value(r))),
      apiCsv,
    );
    toast(`Exported ${title}`);
  };
  return (
    <section class="report-table">
      <div class="page-head">
        <h2>{title}</h2>
        <div class="actions">
          <button
            type="button"
            class="secondary"
            onClick={save}
            disabled={rows.length === 0}
            aria-label={`Export CSV: ${title}`}
          >
            Export CSV
          </button>
        </div>
      </div>
      <Table
        caption={title}
        rows={rows}
        rowKey={rowKey}
        empty={empty}
        columns={columns.map((c) => ({
          label: c.label,
          cell: (r: T) => (c.cell ? c.cell(r) : c.value(r) == null ? '—' : String(c.value(r))),
        }))}
      />
    </section>
  );
}
