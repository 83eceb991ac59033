// Messy township surveys, built with exceljs the way townships fill them in: titles
// merged across, a 填报单位 line, headers in other words, blank rows, footers, full-width
// digits, dates as cells, text or serial numbers, IDs typed into number cells, duplicates.
// Each sheet comes with what a careful reader should make of every row.
import ExcelJS from "exceljs";
import { CATEGORY, CATEGORY_ALIASES, SOURCE, SOURCE_ALIASES, type Category, type Gender, type Source } from "../../src/domain/glossary.ts";
import { idCheckDigit } from "../../src/domain/survey/id-number.ts";
import type { SurveyField } from "../../src/domain/survey/headers.ts";

export type Cell = ExcelJS.CellValue;

/** A person as they really are. */
export interface Person {
  name: string;
  gender: Gender;
  birthYear: number;
  birthMonth: number;
  birthDay: number;
  idNumber: string;
  phone: string;
  township: string;
  village: string;
  category: Category;
  source: Source;
  education: string;
  politicalStatus: string;
}

/** Deliberate faults; each makes its row an error (or, for unknownCategory, a warning). */
export type Fault = "badChecksum" | "idAsNumber" | "shortPhone" | "genderConflict" | "duplicateId" | "missingName" | "unknownCategory" | "birthConflict";

export interface ExpectedRow {
  row: number;
  person: Person;
  fault?: Fault;
  /** The earlier row a duplicate repeats. */
  duplicateOf?: number;
  /** Whether the sheet states the birth month (a bare year leaves it to the ID number). */
  monthGiven: boolean;
  idGiven: boolean;
  phoneGiven: boolean;
}

export interface MessySurvey {
  buffer: Buffer;
  layout: string;
  expected: ExpectedRow[];
  /** Rows that are not people (footers, a repeated header, group headings). */
  nonData: number[];
  townships: string[];
  villages: { township: string; village: string }[];
}

/** A small seeded generator, so a failing seed can be replayed. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    chance: (p: number) => next() < p,
  };
}
type Rng = ReturnType<typeof rng>;

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红梅鑫斌宇浩凯健俊帆帅旭宁龙林欣晨阳佳慧雪琳晶颖倩婷辉鹏飞志海波春燕建国文博";
const TOWNSHIP_STEMS = ["青山", "白云", "石门", "双河", "桃源", "清溪", "红旗", "永安", "龙潭", "金竹", "长乐", "新田"];
const VILLAGE_STEMS = ["东岭", "西坪", "南岗", "北塘", "上湾", "下庄", "杨柳", "枫树", "竹园", "茶山", "黄泥", "大坝", "高桥", "沙坪", "河口", "新民", "团结", "胜利", "和平", "光明"];
const EDUCATION_FORMS: [string, string][] = [
  ["大学本科", "大学本科"], ["本科", "大学本科"], ["大专", "大学专科"], ["大学专科", "大学专科"], ["高中", "高中"],
  ["中专", "中专"], ["初中", "初中"], ["硕士研究生", "研究生"], ["本科学历", "大学本科"], ["职高", "中专"],
];
const POLITICAL_FORMS: [string, string][] = [
  ["中共党员", "中共党员"], ["党员", "中共党员"], ["群众", "群众"], ["共青团员", "共青团员"], ["团员", "共青团员"], ["预备党员", "中共预备党员"],
];

/** Chinese digits to full-width (what some input methods type). */
export const fullWidth = (s: string) => s.replace(/[0-9Xx]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** A valid ID number for a person born on a day, with the sex digit right. */
export function makeIdNumber(region: string, y: number, m: number, d: number, gender: Gender, seq: number): string {
  const order = String(seq % 100).padStart(2, "0") + String(gender === "male" ? 1 + 2 * (seq % 5) : 2 * (seq % 5));
  const first17 = `${region}${y}${String(m).padStart(2, "0")}${String(d).padStart(2, "0")}${order}`;
  return first17 + idCheckDigit(first17);
}

function makePerson(r: Rng, seq: number, places: { township: string; village: string }[]): Person {
  const gender: Gender = r.chance(0.55) ? "male" : "female";
  const birthYear = r.int(1978, 2003);
  const birthMonth = r.int(1, 12);
  const birthDay = r.int(1, 28);
  const place = r.pick(places);
  const name = r.pick([...SURNAMES]) + r.pick([...GIVEN]) + (r.chance(0.7) ? r.pick([...GIVEN]) : "");
  return {
    name,
    gender,
    birthYear,
    birthMonth,
    birthDay,
    idNumber: makeIdNumber(r.pick(["330127", "431126", "522422", "510722"]), birthYear, birthMonth, birthDay, gender, seq),
    phone: `1${r.pick(["3", "5", "7", "8", "9"])}${String(r.int(0, 999_999_999)).padStart(9, "0")}`,
    township: place.township,
    village: place.village,
    category: r.pick(Object.keys(CATEGORY) as Category[]),
    source: r.pick(Object.keys(SOURCE) as Source[]),
    ...(() => {
      const e = r.pick(EDUCATION_FORMS);
      const p = r.pick(POLITICAL_FORMS);
      return { education: e[1], politicalStatus: p[1], _e: e[0], _p: p[0] };
    })(),
  };
}

/** Header words for each field, as different townships write them. */
const HEADER_FORMS: Record<SurveyField, string[]> = {
  name: ["姓名", "姓  名", "人员姓名", "姓名*"],
  gender: ["性别", "性 别"],
  birth: ["出生年月", "出生日期", "出生年月\n（如1990.01）", "出生年份"],
  idNumber: ["身份证号", "身份证号码", "公民身份号码", "身份证号\n（18位）"],
  phone: ["联系电话", "手机", "手机号码", "电话", "联系方式"],
  education: ["学历", "文化程度", "全日制学历"],
  politicalStatus: ["政治面貌"],
  township: ["乡镇", "所在乡镇", "乡镇（街道）"],
  village: ["村", "所在村", "村（社区）", "所在村（社区）"],
  category: ["类别", "人员类别", "类型", "类别（致富能手/返乡创业青年/大学毕业生/退役军人/其他）"],
  source: ["来源", "推荐方式", "产生方式"],
  specialties: ["特长", "专长", "特长爱好"],
  currentPlace: ["现工作地", "现居住地", "务工地"],
  notes: ["备注"],
};

interface Rendered {
  cells: Partial<Record<SurveyField, Cell>>;
  monthGiven: boolean;
  idGiven: boolean;
  phoneGiven: boolean;
  numFmt?: Partial<Record<SurveyField, string>>;
}

function renderBirth(r: Rng, p: Person, idGiven: boolean): { cell: Cell; monthGiven: boolean; numFmt?: string } {
  const mm = String(p.birthMonth).padStart(2, "0");
  const choices: (() => { cell: Cell; monthGiven: boolean; numFmt?: string })[] = [
    () => ({ cell: new Date(Date.UTC(p.birthYear, p.birthMonth - 1, p.birthDay)), monthGiven: true, numFmt: "yyyy-mm-dd" }),
    () => ({ cell: `${p.birthYear}.${mm}`, monthGiven: true }),
    () => ({ cell: `${p.birthYear}-${mm}`, monthGiven: true }),
    () => ({ cell: `${p.birthYear}年${p.birthMonth}月`, monthGiven: true }),
    () => ({ cell: `${p.birthYear}${mm}`, monthGiven: true }),
    () => ({ cell: `${p.birthYear}/${p.birthMonth}/${p.birthDay}`, monthGiven: true }),
    () => ({ cell: fullWidth(`${p.birthYear}.${mm}`), monthGiven: true }),
    // A date whose format was lost: Excel shows its serial number.
    () => ({ cell: Math.round((Date.UTC(p.birthYear, p.birthMonth - 1, p.birthDay) - Date.UTC(1899, 11, 30)) / 86_400_000), monthGiven: true }),
    // 1996.03 typed into a number cell; October kept only with a two-place format.
    () => ({ cell: Number(`${p.birthYear}.${mm}`), monthGiven: true, ...(p.birthMonth === 10 ? { numFmt: "0.00" } : {}) }),
    () => ({ cell: p.birthYear, monthGiven: false }),
    () => (idGiven ? { cell: null, monthGiven: false } : { cell: `${p.birthYear}.${mm}`, monthGiven: true }),
  ];
  return r.pick(choices)();
}

function renderPhone(r: Rng, phone: string): Cell {
  return r.pick<() => Cell>([
    () => phone,
    () => Number(phone),
    () => `${phone.slice(0, 3)}-${phone.slice(3, 7)}-${phone.slice(7)}`,
    () => `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
    () => fullWidth(phone),
    () => `+86 ${phone}`,
    () => ` ${phone} `,
  ])();
}

function renderId(r: Rng, id: string): Cell {
  return r.pick<() => Cell>([
    () => id,
    () => id,
    () => id.toLowerCase(),
    () => `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
    () => fullWidth(id),
    () => `'${id}`,
  ])();
}

function render(r: Rng, p: Person & { _e?: string; _p?: string }, fault: Fault | undefined): Rendered {
  const idGiven = fault === "badChecksum" || fault === "idAsNumber" || fault === "genderConflict" || fault === "duplicateId" || fault === "birthConflict" || r.chance(0.8);
  const phoneGiven = fault === "shortPhone" || r.chance(0.9);
  const birth = renderBirth(r, p, idGiven && fault !== "birthConflict");
  const cells: Partial<Record<SurveyField, Cell>> = {
    name: fault === "missingName" ? null : r.chance(0.15) && [...p.name].length === 2 ? `${p.name[0]}　${p.name[1]}` : p.name,
    gender: r.chance(0.15) && idGiven ? null : r.chance(0.2) ? `${p.gender === "male" ? "男" : "女"}性` : p.gender === "male" ? "男" : "女",
    birth: birth.cell,
    idNumber: idGiven ? renderId(r, p.idNumber) : null,
    phone: phoneGiven ? renderPhone(r, p.phone) : null,
    education: p._e ?? p.education,
    politicalStatus: p._p ?? p.politicalStatus,
    township: p.township,
    village: p.village,
    category: r.chance(0.4) ? r.pick(Object.entries(CATEGORY_ALIASES).filter(([, c]) => c === p.category).map(([a]) => a).concat(CATEGORY[p.category])) : CATEGORY[p.category],
    source: r.chance(0.4) ? r.pick(Object.entries(SOURCE_ALIASES).filter(([, c]) => c === p.source).map(([a]) => a).concat(SOURCE[p.source])) : SOURCE[p.source],
    specialties: r.pick(["电商直播", "茶叶种植", "驾驶", "会计", null, "养殖技术", "书法"]),
    currentPlace: r.pick(["本村", "杭州", "广东东莞", null, "县城", "浙江义乌"]),
    notes: r.chance(0.2) ? r.pick(["在外务工", "村民小组长", "已谈话"]) : null,
  };
  if (fault === "badChecksum") {
    const last = p.idNumber[17]!;
    cells.idNumber = p.idNumber.slice(0, 17) + (last === "0" ? "1" : last === "X" ? "0" : String(Number(last) - 1 || "X"));
  }
  if (fault === "idAsNumber") cells.idNumber = Number(p.idNumber.replace("X", "0"));
  if (fault === "shortPhone") cells.phone = p.phone.slice(0, 10);
  if (fault === "genderConflict") cells.gender = p.gender === "male" ? "女" : "男";
  if (fault === "unknownCategory") cells.category = r.pick(["网格员", "村医", "乡贤"]);
  if (fault === "birthConflict") cells.birth = `${p.birthYear + 2}.${String(p.birthMonth).padStart(2, "0")}`;
  const numFmt: Partial<Record<SurveyField, string>> = {};
  if (birth.numFmt) numFmt.birth = birth.numFmt;
  if (typeof cells.idNumber === "number") numFmt.idNumber = "0";
  return { cells, monthGiven: fault === "birthConflict" || birth.monthGiven || idGiven, idGiven, phoneGiven, numFmt };
}

const LAYOUTS = ["title-row", "unit-line", "two-level", "plain", "sections"] as const;
export type Layout = (typeof LAYOUTS)[number];

/**
 * A messy survey sheet of `count` people (plus a duplicate or two), in one of five layouts,
 * with faults sprinkled in; `expected` says what each data row should read as.
 */
export async function messySurvey(seed: number, options: { count?: number; layout?: Layout; faultRate?: number } = {}): Promise<MessySurvey> {
  const r = rng(seed);
  const layout = options.layout ?? LAYOUTS[seed % LAYOUTS.length]!;
  const townships = [...new Set([r.pick(TOWNSHIP_STEMS), r.pick(TOWNSHIP_STEMS)])].map((t, i) => t + (i === 0 ? "镇" : "乡"));
  const places = townships.flatMap((township) => [...new Set(Array.from({ length: 4 }, () => r.pick(VILLAGE_STEMS)))].map((v) => ({ township, village: `${v}村` })));
  const oneTownship = layout === "unit-line" || layout === "sections";
  const usable = oneTownship ? places.filter((p) => p.township === townships[0]) : places;

  const fields: SurveyField[] = ["name", "gender", "birth", "idNumber", "phone", "education", "politicalStatus", "village", "category", "source", "specialties", "currentPlace", "notes"];
  if (!oneTownship) fields.splice(7, 0, "township");
  if (layout === "sections") fields.splice(fields.indexOf("village"), 1);
  if (r.chance(0.3)) fields.splice(fields.indexOf("specialties"), 1);
  const headers = fields.map((f) => r.pick(HEADER_FORMS[f]));
  const withIndex = layout !== "plain" && r.chance(0.8);
  const allHeaders = withIndex ? ["序号", ...headers] : headers;
  const width = allHeaders.length;

  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(r.pick(["Sheet1", "摸底表", `${townships[0]}`]));
  let row = 1;
  const put = (values: Cell[]) => {
    ws.getRow(row).values = values as ExcelJS.CellValue[];
    return row++;
  };
  const title = `${townships[0]}村级后备力量${r.pick(["摸底表", "摸底登记表", "人选摸底情况统计表"])}`;
  if (layout !== "plain") {
    put([title]);
    ws.mergeCells(1, 1, 1, width);
  }
  if (layout === "unit-line" || layout === "sections") {
    put([`填报单位：${townships[0]}党委（盖章）`, ...Array(Math.max(0, width - 3)).fill(null), `填报日期：${r.int(2024, 2026)}年${r.int(1, 12)}月`]);
  }
  if (layout === "two-level") {
    // "基本情况" over the person's own columns, "联系方式" over the rest; 姓名 merged down.
    const top = row;
    const split = allHeaders.indexOf(headers[fields.indexOf("phone")]!) + 1;
    put([...allHeaders.map((h, i) => (i + 1 < split && (h.startsWith("姓") || h === "序号") ? h : null))]);
    const group1 = allHeaders.findIndex((h) => !(h.startsWith("姓") || h === "序号")) + 1;
    ws.getCell(top, group1).value = "基本情况";
    ws.mergeCells(top, group1, top, split - 1);
    ws.getCell(top, split).value = "联系及推荐情况";
    ws.mergeCells(top, split, top, width);
    const sub = put(allHeaders.map((h, i) => (i + 1 < group1 ? null : h)));
    for (let c = 1; c < group1; c++) ws.mergeCells(top, c, sub, c);
  } else put(allHeaders);

  const expected: ExpectedRow[] = [];
  const nonData: number[] = [];
  const people: Person[] = [];
  const count = options.count ?? r.int(8, 20);
  const faultRate = options.faultRate ?? 0.3;
  const faults: Fault[] = ["badChecksum", "idAsNumber", "shortPhone", "genderConflict", "missingName", "unknownCategory", "birthConflict"];
  const villagesInOrder: (string | null)[] = layout === "sections" ? [...new Set(usable.map((p) => p.village))] : [null];
  let seq = seed * 1000;
  let index = 0;
  for (const sectionVillage of villagesInOrder) {
    if (sectionVillage) {
      const at = put([`${"一二三四五六七八"[villagesInOrder.indexOf(sectionVillage)]}、${sectionVillage}`]);
      ws.mergeCells(at, 1, at, width);
      nonData.push(at);
    }
    const n = sectionVillage ? Math.max(2, Math.round(count / villagesInOrder.length)) : count;
    for (let i = 0; i < n; i++) {
      const pool = sectionVillage ? usable.filter((p) => p.village === sectionVillage) : usable;
      let person = makePerson(r, ++seq, pool) as Person & { _e?: string; _p?: string };
      // Namesakes in one village are a real case, tested on their own; here they would be noise.
      while (people.some((p) => p.name === person.name)) person = makePerson(r, ++seq, pool);
      const fault = r.chance(faultRate) ? r.pick(faults) : undefined;
      const rendered = render(r, person, fault);
      const at = put(rowValues(rendered, fields, withIndex ? ++index : undefined));
      applyFormats(ws, at, rendered, fields, withIndex);
      people.push(person);
      expected.push({ row: at, person, ...(fault ? { fault } : {}), monthGiven: rendered.monthGiven, idGiven: rendered.idGiven, phoneGiven: rendered.phoneGiven });
      if (r.chance(0.1)) row++; // a blank row left in the middle
    }
  }
  // The same person entered twice, later in the sheet.
  const firstOk = expected.find((e) => !e.fault && e.idGiven);
  if (firstOk && layout !== "sections") {
    const rendered = render(r, firstOk.person, "duplicateId");
    const at = put(rowValues(rendered, fields, withIndex ? ++index : undefined));
    applyFormats(ws, at, rendered, fields, withIndex);
    expected.push({ row: at, person: firstOk.person, fault: "duplicateId", duplicateOf: firstOk.row, monthGiven: rendered.monthGiven, idGiven: true, phoneGiven: rendered.phoneGiven });
  }
  if (r.chance(0.5)) nonData.push(put([withIndex ? "合计" : `合计：${expected.length}人`]));
  if (r.chance(0.7)) row++;
  const footers = r.pick([
    [[`填表人：${r.pick([...SURNAMES])}某某`, null, null, `审核人：${r.pick([...SURNAMES])}某`, null, null, `填表日期：2025年3月${r.int(1, 28)}日`]],
    [["制表人：", null, "联系电话：0571-6500000"], ["说明：1.类别按致富能手、返乡创业青年、大学毕业生、退役军人、其他填写。"]],
    [["注：此表一式两份，乡镇党委留存一份。"]],
    [],
  ]);
  for (const f of footers) nonData.push(put(f));
  ws.columns.forEach((c) => (c.width = 14));
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), layout, expected, nonData, townships, villages: places };
}

function rowValues(rendered: Rendered, fields: SurveyField[], index: number | undefined): Cell[] {
  const values = fields.map((f) => rendered.cells[f] ?? null);
  return index === undefined ? values : [index, ...values];
}

function applyFormats(ws: ExcelJS.Worksheet, row: number, rendered: Rendered, fields: SurveyField[], withIndex: boolean): void {
  for (const [field, fmt] of Object.entries(rendered.numFmt ?? {})) {
    ws.getCell(row, fields.indexOf(field as SurveyField) + 1 + (withIndex ? 1 : 0)).numFmt = fmt;
  }
}
