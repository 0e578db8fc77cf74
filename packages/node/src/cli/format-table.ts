/** A cell: numbers (and numeric text such as `12.5%`) are right-aligned, text left-aligned. */
export type TableCell = string | number;

/**
 * Rows as a plain-text table with columns padded to their widest cell, for terminals and logs
 * (no box drawing, so it survives copy-paste and `grep`). Numbers are right-aligned.
 *
 * @example formatTable(['product', 'views'], [['sku-1', 12]]);
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly TableCell[])[]): string {
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((row) => isNumeric(row[i])));
  const text = rows.map((row) => headers.map((_, i) => formatCell(row[i])));
  const widths = headers.map((header, i) => Math.max(header.length, ...text.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(headers), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)];
  if (rows.length === 0) out.push('(none)');
  return `${out.join('\n')}\n`;
}

const NUMERIC_TEXT = /^[-+]?\d[\d.,]*(?:%| pp| ms| s)?$/;

function isNumeric(cell: TableCell | undefined): boolean {
  return typeof cell === 'number' || (typeof cell === 'string' && (NUMERIC_TEXT.test(cell) || cell === '–'));
}

function formatCell(cell: TableCell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number') return Number.isInteger(cell) ? String(cell) : cell.toFixed(2);
  // A control character in stored data (a product id) must not move the cursor or break the row.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  return cell.replace(/[\u0000-\u001f\u007f]/g, '?');
}

/** 0.1234 → `12.3%`. */
export function formatPercent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
