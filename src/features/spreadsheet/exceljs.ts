// exceljs costs about 0.5 s of CPU and 35 MB to import: loaded when a sheet is first read
// or written, not at every start (bench section `process`).
import type ExcelJS from "exceljs";

let loaded: Promise<typeof ExcelJS> | undefined;

/** The exceljs module, imported once on first use. */
export const loadExcelJs = (): Promise<typeof ExcelJS> => (loaded ??= import("exceljs").then((m) => m.default));
