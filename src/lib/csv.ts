// CSV exports through csv-stringify (quoting, escaping and record delimiters are its job), streamed so a
// large export is written row by row. Cells a spreadsheet would run as a formula are defused by the
// library's `escape_formulas` (a leading ' before = + - @ tab CR and their full-width forms).
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';

export type CsvCell = string | number | Date | readonly string[] | null | undefined;

/** A UTF-8 CSV (with BOM for Excel, CRLF records, every field quoted) of `rows` under `header`. */
export function csvStream(header: readonly string[], rows: Iterable<readonly CsvCell[]>): Readable {
  const out = stringify({
    bom: true,
    record_delimiter: 'windows',
    quoted: true,
    quoted_empty: true,
    escape_formulas: true,
    cast: {
      date: (d) => d.toISOString(),
      // Arrays (tags) as one cell.
      object: (o) => (Array.isArray(o) ? o.join('; ') : JSON.stringify(o)),
    },
  });
  out.write(header);
  for (const row of rows) out.write(row);
  out.end();
  return out;
}
