/**
 * CSV text for spreadsheets (RFC 4180): CRLF line ends, fields with a comma, quote, CR or LF in
 * double quotes with quotes doubled, and a UTF-8 byte order mark first so that Excel reads
 * accented names as UTF-8 rather than the system code page.
 *
 * Cells are neutralised against formula injection (OWASP "CSV injection"): a cell whose text
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by
 * Excel or LibreOffice, so it gets a leading single quote and is shown as text. Numbers are
 * written as numbers and are never changed (a negative number is not a formula).
 */

export type CsvCell = string | number | boolean | null | undefined;

export const UTF8_BOM = '\uFEFF';

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell's text: neutralised, then quoted when RFC 4180 asks for it. */
export function csvField(cell: CsvCell): string {
  let text: string;
  if (cell === null || cell === undefined) text = '';
  else if (typeof cell === 'number') text = Number.isFinite(cell) ? String(cell) : '';
  else if (typeof cell === 'boolean') text = cell ? 'yes' : 'no';
  else text = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole file: BOM, then one CRLF-terminated record per row. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return UTF8_BOM + rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** A file name safe in a Content-Disposition header on every system: ASCII letters, digits, hyphens. */
export function safeFileName(base: string, extension: string): string {
  const slug = base
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return `${slug || 'export'}.${extension}`;
}
