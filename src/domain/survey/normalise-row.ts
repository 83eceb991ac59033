// One survey row: raw cells by field → normalised candidate fields, with the reasons a
// row cannot be taken (errors), what a cadre should look at (warnings) and what was
// changed on the way in (notes).

import type { CellValue } from "../sheet/grid.ts";
import { cellText } from "../sheet/grid.ts";
import type { Category, Gender, Source } from "../glossary.ts";
import { CATEGORY, GENDER, SOURCE } from "../glossary.ts";
import { parseBirth } from "./birth.ts";
import { FIXED_LISTS, type FixedList } from "./fixed-lists.ts";
import type { SurveyField } from "./headers.ts";
import { checkIdNumber } from "./id-number.ts";
import { readPhone } from "./phone-input.ts";

/** A candidate as the survey describes it; township and village are names, resolved later. */
export interface SurveyValues {
  name?: string;
  gender?: Gender;
  birthYear?: number;
  birthMonth?: number;
  idNumber?: string;
  phone?: string;
  education?: string;
  politicalStatus?: string;
  township?: string;
  village?: string;
  category?: Category;
  source?: Source;
  specialties?: string;
  currentPlace?: string;
  notes?: string;
}

export interface RowInput {
  cells: Partial<Record<SurveyField, CellValue>>;
  /** Number formats of those cells ("0.00"), when they have one. */
  formats?: Partial<Record<SurveyField, string>>;
  /** Columns no field claims, with a value: kept in the notes as "民族：汉". */
  extras: { header: string; text: string }[];
  /** Township and village from a section heading above ("一、青山村"), for rows that leave them out. */
  context?: { township?: string; village?: string };
}

export interface RowReading {
  values: SurveyValues;
  errors: string[];
  warnings: string[];
  notes: string[];
}

const text = (v: CellValue | undefined) => cellText(v).normalize("NFKC").trim();
const CJK_NAME = /^[\u3400-\u9fff·]+$/u;

/** Read one row. `today` bounds birth dates. Messages here carry no row number. */
export function normaliseRow(input: RowInput, today: Date): RowReading {
  const { cells } = input;
  const values: SurveyValues = {};
  const errors: string[] = [];
  const warnings: string[] = [];
  const notes: string[] = [];
  const extraNotes: string[] = [];

  const name = readName(text(cells.name));
  if (!name.value) errors.push("缺少姓名");
  else {
    values.name = name.value;
    if (name.note) notes.push(name.note);
    if ([...name.value].length > 20) errors.push(`姓名“${name.value}”过长`);
  }

  // ID number first: gender and birth are checked against it.
  const id = readIdNumber(cells.idNumber, today);
  if (id.error) errors.push(id.error);
  if (id.info) {
    values.idNumber = id.info.idNumber;
    if (id.info.from15) warnings.push(`15位旧身份证号“${id.info.from15}”已转为18位${id.info.idNumber}，请核对`);
  }

  const genderText = text(cells.gender);
  if (genderText) {
    const g = FIXED_LISTS.gender.read(genderText);
    if (!g) {
      if (id.info) notes.push(`性别“${genderText}”看不懂，按身份证号取${GENDER[id.info.gender]}`);
      else warnings.push(`性别“${genderText}”应为男或女，未填`);
    } else if (id.info && g !== id.info.gender) errors.push(`性别填的是${GENDER[g]}，身份证号显示为${GENDER[id.info.gender]}`);
    else if (genderText !== GENDER[g]) notes.push(`性别“${genderText}”→${GENDER[g]}`);
    values.gender = id.info?.gender ?? g;
  } else if (id.info) {
    values.gender = id.info.gender;
    notes.push(`性别按身份证号取${GENDER[id.info.gender]}`);
  }

  readBirthInto(cells.birth, input.formats?.birth, id.info?.birth, today, values, errors, warnings, notes);

  const phoneCell = cells.phone;
  if (text(phoneCell)) {
    const p = readPhone(phoneCell ?? null);
    if (!p.ok) errors.push(p.reason);
    else {
      values.phone = p.phone;
      notes.push(...p.notes);
      warnings.push(...p.warnings);
      if (p.others.length) extraNotes.push(`其他电话：${p.others.join("、")}`);
    }
  }

  for (const field of ["education", "politicalStatus"] as const) {
    const t = text(cells[field]);
    if (!t) continue;
    const found = FIXED_LISTS[field].read(t);
    if (found) {
      values[field] = found;
      if (found !== t) notes.push(`${FIXED_LISTS[field].label}“${t}”→${found}`);
    } else {
      values[field] = t;
      warnings.push(`${FIXED_LISTS[field].label}“${t}”不在常用选项（${FIXED_LISTS[field].options.join("、")}）中，按原文保存`);
    }
  }

  const category = readListField(text(cells.category), FIXED_LISTS.category, CATEGORY);
  if (category.code) values.category = category.code;
  else if (category.raw) {
    values.category = "other";
    warnings.push(`类别“${category.raw}”不在列表（${Object.values(CATEGORY).join("、")}）中，记为“其他”`);
    extraNotes.push(`类别原填：${category.raw}`);
  }
  notes.push(...category.notes);
  if (category.rest.length) extraNotes.push(`另属：${category.rest.join("、")}`);

  const source = readListField(text(cells.source), FIXED_LISTS.source, SOURCE);
  if (source.code) values.source = source.code;
  else if (source.raw) {
    warnings.push(`来源“${source.raw}”不在列表（${Object.values(SOURCE).join("、")}）中，未填`);
    extraNotes.push(`来源原填：${source.raw}`);
  }
  notes.push(...source.notes);
  if (source.rest.length) extraNotes.push(`来源另有：${source.rest.join("、")}`);

  const township = placeText(cells.township) || input.context?.township;
  const village = placeText(cells.village) || input.context?.village;
  if (township) values.township = township;
  if (village) values.village = village;
  if (!placeText(cells.village) && input.context?.village) notes.push(`村按上方分组标题取“${input.context.village}”`);
  if (!placeText(cells.township) && input.context?.township) notes.push(`乡镇按上方分组标题取“${input.context.township}”`);
  if (!village) errors.push("缺少所在村");

  for (const field of ["specialties", "currentPlace"] as const) {
    const t = cellText(cells[field] ?? null);
    if (t) values[field] = t;
  }
  const noteParts = [cellText(cells.notes ?? null), ...extraNotes, ...input.extras.map((e) => `${e.header}：${e.text}`)].filter(Boolean);
  if (noteParts.length) values.notes = noteParts.join("；");
  return { values, errors, warnings, notes };
}

function readName(raw: string): { value: string; note?: string } {
  const joined = raw.replace(/[•・‧∙]/g, "·");
  // Spaces inside a Chinese name are padding ("张  三"); elsewhere they may belong.
  const squeezed = joined.replace(/\s+/g, "");
  if (squeezed !== joined && CJK_NAME.test(squeezed)) return { value: squeezed, note: `姓名“${raw}”去掉了空格` };
  return { value: joined.replace(/\s+/g, " ") };
}

function readIdNumber(cell: CellValue | undefined, today: Date) {
  if (typeof cell === "number") {
    // Excel keeps 15 significant digits: an 18-digit number typed into a number cell has lost its tail.
    if (cell >= 1e15) {
      return { error: "身份证号被Excel存成了数字，后几位已变成0：请把这一列设为“文本”格式后重新填写" } as const;
    }
    cell = String(cell);
  }
  const t = text(cell);
  if (!t) return {} as const;
  const check = checkIdNumber(t, today);
  return check.ok ? ({ info: check } as const) : ({ error: check.reason } as const);
}

function readBirthInto(
  cell: CellValue | undefined,
  format: string | undefined,
  fromId: { year: number; month: number } | undefined,
  today: Date,
  values: SurveyValues,
  errors: string[],
  warnings: string[],
  notes: string[],
): void {
  const empty = cell === null || cell === undefined || cellText(cell) === "";
  const birth = empty ? null : parseBirth(cell, format);
  if (birth && !birth.ok) {
    if (fromId) {
      warnings.push(`${birth.reason}；已按身份证号取${fromId.year}年${fromId.month}月`);
      values.birthYear = fromId.year;
      values.birthMonth = fromId.month;
    } else errors.push(birth.reason);
    return;
  }
  if (!birth) {
    if (fromId) {
      values.birthYear = fromId.year;
      values.birthMonth = fromId.month;
      notes.push(`出生年月按身份证号取${fromId.year}年${fromId.month}月`);
    }
    return;
  }
  if (birth.note) notes.push(birth.note);
  const thisYear = today.getUTCFullYear();
  if (birth.year > thisYear - 14 || birth.year < thisYear - 90) {
    errors.push(`出生年份${birth.year}不合常理，请核对`);
    return;
  }
  if (fromId && (birth.year !== fromId.year || (birth.month !== undefined && birth.month !== fromId.month))) {
    const written = birth.month ? `${birth.year}年${birth.month}月` : `${birth.year}年`;
    errors.push(`出生年月填的是${written}，身份证号显示为${fromId.year}年${fromId.month}月`);
    return;
  }
  values.birthYear = birth.year;
  if (birth.month !== undefined) values.birthMonth = birth.month;
  else if (fromId) values.birthMonth = fromId.month;
}

/** A fixed-list cell that may hold several values ("大学毕业生、退役军人"): the first one known, the rest for the notes. */
function readListField<T extends string>(raw: string, list: FixedList<T>, labels: Record<T, string>) {
  const result = { code: undefined as T | undefined, raw, rest: [] as string[], notes: [] as string[] };
  if (!raw) return result;
  const whole = list.read(raw);
  const parts = whole ? [raw] : raw.split(/[、/,，;；+＋和及]/).map((s) => s.trim()).filter(Boolean);
  for (const part of parts) {
    const code = list.read(part);
    if (code && !result.code) {
      result.code = code;
      if (part !== labels[code] || parts.length > 1) result.notes.push(`${list.label}“${raw}”→${labels[code]}`);
    } else result.rest.push(code ? labels[code] : part);
  }
  if (!result.code) result.rest = [];
  return result;
}

function placeText(v: CellValue | undefined): string {
  return cellText(v ?? null).normalize("NFKC").replace(/\s+/g, "");
}
