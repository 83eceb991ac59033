// Reading the division extract's text (see scripts/build-divisions.ts for how it is
// written). Pure: the caller reads and unpacks the files.

export interface DivisionRef {
  /** GB/T 2260 / statistics code: 2 digits province, 4 city, 6 county, 9 township, 12 village. */
  code: string;
  /** The official name, as the statistics bureau writes it ("南高村委会"). */
  name: string;
}

export interface CountyEntry extends DivisionRef {
  province: DivisionRef;
  /** null where the middle level is a placeholder (市辖区, 县, 省直辖县级行政区划). */
  city: DivisionRef | null;
  townshipCount: number;
  villageCount: number;
}

export interface DivisionIndex {
  counties: CountyEntry[];
  byCode: Map<string, CountyEntry>;
}

export interface CountyTree extends DivisionRef {
  townships: (DivisionRef & { villages: DivisionRef[] })[];
}

// Placeholders the bureau puts where a municipality or province has no real city level.
const NO_CITY = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

/** Parse index.tsv: provinces (2-digit codes), cities (4) and counties (6, with counts). */
export function parseDivisionIndex(text: string): DivisionIndex {
  const provinces = new Map<string, DivisionRef>();
  const cities = new Map<string, DivisionRef>();
  const counties: CountyEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line) continue;
    const [code = "", name = "", townships = "0", villages = "0"] = line.split("\t");
    if (code.length === 2) provinces.set(code, { code, name });
    else if (code.length === 4) cities.set(code, { code, name });
    else if (code.length === 6) {
      const province = provinces.get(code.slice(0, 2));
      if (!province) throw new Error(`division index: county ${code} before its province`);
      const city = cities.get(code.slice(0, 4));
      counties.push({
        code,
        name,
        province,
        city: city && !NO_CITY.has(city.name) ? city : null,
        townshipCount: Number(townships),
        villageCount: Number(villages),
      });
    } else throw new Error(`division index: unexpected line ${JSON.stringify(line)}`);
  }
  return { counties, byCode: new Map(counties.map((c) => [c.code, c])) };
}

/**
 * The townships and villages of one county from its province's text, or null when the
 * county is not in it. Lines of other counties are skipped without being split.
 */
export function parseCountyTree(provinceText: string, countyCode: string): CountyTree | null {
  const start = provinceText.indexOf(`C\t${countyCode}\t`);
  if (start < 0 || (start > 0 && provinceText[start - 1] !== "\n")) return null;
  const next = provinceText.indexOf("\nC\t", start);
  const block = provinceText.slice(start, next < 0 ? provinceText.length : next + 1);
  const lines = block.split("\n");
  const head = lines[0]!.split("\t");
  const tree: CountyTree = { code: countyCode, name: head[2]!, townships: [] };
  let township: CountyTree["townships"][number] | undefined;
  for (const line of lines.slice(1)) {
    if (!line) continue;
    const parts = line.split("\t");
    if (parts[0] === "T") {
      township = { code: countyCode + parts[1], name: parts[2]!, villages: [] };
      tree.townships.push(township);
    } else {
      if (!township) throw new Error(`division extract: village before any township in ${countyCode}`);
      township.villages.push({ code: township.code + parts[0], name: parts[1]! });
    }
  }
  return tree;
}
