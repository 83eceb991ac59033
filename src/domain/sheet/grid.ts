// A worksheet as plain values, so the rules that read surveys and place lists are
// pure and testable without a spreadsheet library.

export type CellValue = string | number | boolean | Date | null;

/** A merged block, in Excel's 1-based row and column numbers. */
export interface MergedRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Grid {
  name: string;
  /** rows[r - 1][c - 1] is Excel cell (r, c); cells inside a merged block other than its top-left are null. */
  rows: CellValue[][];
  merges: MergedRange[];
  /** Number formats of numeric cells that have one ("0.00"), keyed "row:column": a birth month typed as 1996.10 depends on it. */
  numberFormats?: Map<string, string>;
}

/** A cell as text people would read: trimmed, full-width spaces included; a date as 1996-03-05. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString().slice(0, 10);
  return String(value).replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
}

export function columnLetter(column: number): string {
  let s = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** The merged block whose top-left is (row, column), if any. */
export function mergeAt(grid: Grid, row: number, column: number): MergedRange | undefined {
  return grid.merges.find((m) => m.top === row && m.left === column);
}

/** The merged block covering (row, column), if any. */
export function mergeCovering(grid: Grid, row: number, column: number): MergedRange | undefined {
  return grid.merges.find((m) => m.top <= row && row <= m.bottom && m.left <= column && column <= m.right);
}
