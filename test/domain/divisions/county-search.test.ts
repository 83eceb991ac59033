import { describe, expect, it } from "vitest";
import { findCounties, shortForms } from "../../../src/domain/divisions/county-search.ts";
import { parseDivisionIndex } from "../../../src/domain/divisions/extract-format.ts";

// A slice of the real index: 朝阳区 twice, 朝阳县, an autonomous county, 东莞 (no county level).
const INDEX = parseDivisionIndex(
  [
    "11\t北京市", "1101\t市辖区", "110105\t朝阳区\t43\t768",
    "21\t辽宁省", "2113\t朝阳市", "211321\t朝阳县\t28\t302",
    "22\t吉林省", "2201\t长春市", "220104\t朝阳区\t11\t78", "2224\t延边朝鲜族自治州", "222426\t安图县\t9\t120",
    "33\t浙江省", "3301\t杭州市", "330127\t淳安县\t23\t361",
    "42\t湖北省", "4205\t宜昌市", "420528\t长阳土家族自治县\t11\t162",
    "44\t广东省", "4419\t东莞市", "441900\t东莞市\t36\t609",
  ].join("\n"),
);

const labels = (q: string) => findCounties(INDEX, q).map((c) => c.label);

describe("findCounties", () => {
  it("returns every county of a repeated name, with province and city to choose by", () => {
    expect(labels("朝阳区")).toEqual(["北京市朝阳区", "吉林省长春市朝阳区"]);
  });
  it("narrows by the province or city written before the name", () => {
    expect(labels("吉林省长春市朝阳区")).toEqual(["吉林省长春市朝阳区"]);
    expect(labels("长春 朝阳区")).toEqual(["吉林省长春市朝阳区"]);
    expect(labels("北京朝阳区")).toEqual(["北京市朝阳区"]);
    expect(labels("浙江省朝阳区")).toEqual([]);
  });
  it("accepts short forms when no full name matches", () => {
    expect(labels("淳安")).toEqual(["浙江省杭州市淳安县"]);
    expect(labels("长阳县")).toEqual(["湖北省宜昌市长阳土家族自治县"]);
    expect(labels("朝阳")).toHaveLength(3);
    expect(labels("延边 安图县")).toEqual(["吉林省延边朝鲜族自治州安图县"]);
  });
  it("finds a county by its code, or by a township or village code under it", () => {
    expect(labels("330127")).toEqual(["浙江省杭州市淳安县"]);
    expect(labels("330127100")).toEqual(["浙江省杭州市淳安县"]);
    expect(labels("330127100001")).toEqual(["浙江省杭州市淳安县"]);
    expect(labels("999999")).toEqual([]);
  });
  it("does not repeat a city that stands in for its county", () => {
    expect(labels("东莞")).toEqual(["广东省东莞市"]);
  });
  it("carries the counts a cadre chooses by", () => {
    expect(findCounties(INDEX, "淳安县")[0]).toMatchObject({ code: "330127", townshipCount: 23, villageCount: 361, province: { name: "浙江省" }, city: { name: "杭州市" } });
    expect(findCounties(INDEX, "110105")[0]!.city).toBeNull();
  });
});

describe("shortForms", () => {
  it("knows autonomous areas by their place name", () => {
    expect(shortForms("广西壮族自治区")).toContain("广西");
    expect(shortForms("新疆维吾尔自治区")).toContain("新疆");
    expect(shortForms("黔东南苗族侗族自治州")).toEqual(expect.arrayContaining(["黔东南", "黔东南州"]));
    expect(shortForms("城区")).toEqual(["城区"]);
  });
});
