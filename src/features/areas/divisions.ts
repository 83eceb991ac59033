// The national division codes, from the extract committed in assets/divisions/
// (built by scripts/build-divisions.ts). Files are unpacked off the main thread.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliDecompress } from "node:zlib";
import { findCounties, type CountyMatch } from "../../domain/divisions/county-search.ts";
import { parseCountyTree, parseDivisionIndex, type CountyTree, type DivisionIndex } from "../../domain/divisions/extract-format.ts";

const unpack = promisify(brotliDecompress);

export const DIVISIONS_DIR = fileURLToPath(new URL("../../../assets/divisions/", import.meta.url));

async function readText(dir: string, file: string): Promise<string> {
  return (await unpack(await readFile(new URL(file, `file://${dir.endsWith("/") ? dir : `${dir}/`}`)))).toString("utf8");
}

// The index is ~140 KB of text and asked for on every county search: keep it.
const indexes = new Map<string, Promise<DivisionIndex>>();

/** Provinces, cities and counties with their township and village counts. */
export function loadDivisionIndex(dir = DIVISIONS_DIR): Promise<DivisionIndex> {
  let p = indexes.get(dir);
  if (!p) {
    p = readText(dir, "index.tsv.br").then(parseDivisionIndex);
    p.catch(() => indexes.delete(dir));
    indexes.set(dir, p);
  }
  return p;
}

/**
 * Counties matching a name or code, each with its province and city.
 * `await searchCounties("朝阳区")` → 北京市朝阳区 and 吉林省长春市朝阳区.
 */
export async function searchCounties(query: string, dir = DIVISIONS_DIR): Promise<CountyMatch[]> {
  return findCounties(await loadDivisionIndex(dir), query);
}

/**
 * One county's townships and villages with their codes, or null for an unknown code.
 * `(await loadCountyTree("330127"))?.townships[0]` → { code: "330127100", name: "千岛湖镇", villages: […] }.
 */
export async function loadCountyTree(countyCode: string, dir = DIVISIONS_DIR): Promise<CountyTree | null> {
  if (!/^\d{6}$/.test(countyCode)) return null;
  const index = await loadDivisionIndex(dir);
  if (!index.byCode.has(countyCode)) return null;
  return parseCountyTree(await readText(dir, `${countyCode.slice(0, 2)}.tsv.br`), countyCode);
}
