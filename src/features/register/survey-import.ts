// Import a township survey (摸底表) workbook: read it, check every row, touch nothing.
// What to do with each row against the database is survey-fates.ts.
import { readSurvey, type SurveyReading } from "../../domain/survey/read-survey.ts";
import { readFirstSheet, UnreadableWorkbook } from "../spreadsheet/read-grid.ts";

export type { SurveyReading, SurveyRow } from "../../domain/survey/read-survey.ts";

/**
 * Read the first worksheet of an uploaded .xlsx survey. A file that cannot be read
 * comes back as a reading with one problem and no rows, never a thrown error.
 *
 * `const r = await importSurvey(buffer, new Date()); r.rows.filter((x) => x.status === "error")`
 */
export async function importSurvey(data: Buffer | ArrayBuffer | Uint8Array, today: Date): Promise<SurveyReading> {
  try {
    return readSurvey(await readFirstSheet(data), today);
  } catch (err) {
    if (!(err instanceof UnreadableWorkbook)) throw err;
    return { sheetName: "", headerRow: 0, columns: [], rows: [], skipped: [], problems: [err.message] };
  }
}
