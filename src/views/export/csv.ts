/**
 * One matrix as CSV (RFC 4180): the header row holds the key (column) tokens, the first column the
 * query (row) tokens, then the weights. Fields are quoted when they hold a comma, a quote, a line
 * break or edge spaces; quotes are doubled. Labels that a spreadsheet would run as a formula
 * (starting with =, @, a tab or CR, or + / - followed by more text) get a leading apostrophe.
 * Lines end with CRLF. `csvFile` adds a UTF-8 byte-order mark so spreadsheets read Chinese tokens.
 */

/** A number as CSV text: float32 precision (7 significant digits), no trailing zeros. */
export function csvNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (value === 0) return '0';
  return String(Number(value.toPrecision(7)));
}

/** One text field, quoted and defused as needed. */
export function csvField(text: string): string {
  let value = text;
  if (/^[=@\t\r]/.test(value) || /^[+-]./.test(value)) value = `'${value}`;
  if (/[",\r\n]/.test(value) || /^\s|\s$/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

export interface MatrixCsvInput {
  /** Query tokens, one per row. */
  rowLabels: readonly string[];
  /** Key tokens, one per column. */
  colLabels: readonly string[];
  /** Row-major [rows][cols]. */
  values: ArrayLike<number>;
  /** Top-left cell; default "query \ key". */
  corner?: string;
}

export function matrixToCsv({
  rowLabels,
  colLabels,
  values,
  corner = 'query \\ key',
}: MatrixCsvInput): string {
  const rows = rowLabels.length;
  const cols = colLabels.length;
  const lines: string[] = [[corner, ...colLabels].map(csvField).join(',')];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [csvField(rowLabels[r] ?? '')];
    for (let c = 0; c < cols; c++) cells.push(csvNumber(values[r * cols + c] ?? 0));
    lines.push(cells.join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** CSV text as a file, with a UTF-8 byte-order mark. */
export function csvFile(csv: string): Blob {
  return new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' });
}
