// A county's own 乡镇/村 list, uploaded as .xlsx.
import { readPlaceRows, type PlaceSheetReading } from "../../domain/divisions/place-rows.ts";
import { readFirstSheet, UnreadableWorkbook } from "../spreadsheet/read-grid.ts";

/** Read the first sheet's 乡镇, 村 and 代码 columns; a file that cannot be read comes back as one error. */
export async function readPlaceSheet(data: Buffer | ArrayBuffer | Uint8Array): Promise<PlaceSheetReading> {
  try {
    return readPlaceRows(await readFirstSheet(data));
  } catch (err) {
    if (!(err instanceof UnreadableWorkbook)) throw err;
    return { rows: [], errors: [err.message] };
  }
}
