import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readPlaceSheet } from "../../../src/features/areas/place-sheet.ts";

describe("readPlaceSheet", () => {
  it("reads a county's own list from .xlsx, a township merged down over its villages", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("村名单");
    ws.addRow(["乡镇", "村", "代码"]);
    ws.addRow(["青山镇", "东岭村", "330127100201"]);
    ws.addRow([null, "新建村"]);
    ws.mergeCells("A2:A3");
    const r = await readPlaceSheet(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r).toEqual({
      rows: [
        { row: 2, township: "青山镇", village: "东岭村", code: "330127100201" },
        { row: 3, township: "青山镇", village: "新建村" },
      ],
      errors: [],
    });
  });

  it("answers a file it cannot read with one error", async () => {
    expect((await readPlaceSheet(Buffer.from("乡镇,村"))).errors).toEqual([expect.stringMatching(/不是 Excel/)]);
  });
});
