// Finding a table's header in a sheet that may have a title, notes and two-row headers above its data.

import { cellText, mergeCovering, type Grid } from "./grid.ts";

export interface SheetHeaderColumn<F extends string> {
  /** 1-based column number. */
  column: number;
  header: string;
  field: F | null;
}

export interface SheetHeaderRow<F extends string> {
  /** The last row of the header (data starts below it), 1-based. */
  row: number;
  columns: SheetHeaderColumn<F>[];
}

const SCAN_ROWS = 20;

/**
 * The header in the first 20 rows: the row whose cells `match` the most fields, with
 * `required` among them and at least two fields in all. Where two columns name one
 * field, the first one has it and the other gets none.
 */
export function findSheetHeader<F extends string>(grid: Grid, match: (text: string) => F | null, required: F): SheetHeaderRow<F> | null {
  let best: { row: number; score: number } | null = null;
  // Strictly more fields to win: a data row that happens to hold header words never beats the header.
  for (let r = 1; r <= Math.min(SCAN_ROWS, grid.rows.length); r++) {
    const fields = headerTexts(grid, r).map(match);
    const score = new Set(fields.filter(Boolean)).size;
    if (fields.includes(required) && score >= 2 && (!best || score > best.score)) best = { row: r, score };
  }
  if (!best) return null;
  const columns: SheetHeaderColumn<F>[] = [];
  const taken = new Set<F>();
  headerTexts(grid, best.row).forEach((header, i) => {
    if (!header) return;
    let field = match(header);
    if (field && taken.has(field)) field = null;
    if (field) taken.add(field);
    columns.push({ column: i + 1, header, field });
  });
  return { row: best.row, columns };
}

/**
 * The header text of each column for a header ending on row `r`: the cell itself, or,
 * where it is empty, a block merged down into it from the row above ("姓名" over rows 3–4).
 */
function headerTexts(grid: Grid, r: number): string[] {
  const row = grid.rows[r - 1] ?? [];
  const width = Math.max(row.length, ...grid.rows.slice(Math.max(0, r - 3), r).map((x) => x.length));
  const texts: string[] = [];
  for (let c = 1; c <= width; c++) {
    let text = cellText(row[c - 1]);
    if (!text) {
      const m = mergeCovering(grid, r, c);
      if (m && m.top < r && m.left === m.right) text = cellText(grid.rows[m.top - 1]?.[m.left - 1]);
    }
    texts.push(text);
  }
  return texts;
}
