// The register of an area (一乡一册) as the workbench lists it and exports it.
import type { Prisma } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import type { Category, Source, Stage } from "../../domain/glossary.ts";
import type { RegisterRow, RegisterSheet } from "./register-export.ts";

export interface RegisterFilter {
  /** A name (or part of one), the last four digits of a phone number, or a village's name. */
  q?: string;
  stage?: Stage;
  category?: Category;
  source?: Source;
  sort?: "name" | "village" | "stage" | "newest";
}

export function registerWhere(area: AreaRef, f: RegisterFilter) {
  const q = f.q?.normalize("NFKC").trim();
  const search = !q
    ? {}
    : /^\d{4}$/.test(q)
      ? { OR: [{ phone: { endsWith: q } }, { name: { contains: q } }] }
      : { OR: [{ name: { contains: q } }, { village: { name: { contains: q } } }] };
  return {
    village: underArea(area),
    ...(f.stage ? { stage: f.stage } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.source ? { source: f.source } : {}),
    ...search,
  };
}

const ORDER = {
  name: [{ name: "asc" }, { id: "asc" }],
  village: [{ villageId: "asc" }, { id: "asc" }],
  stage: [{ stage: "asc" }, { id: "asc" }],
  newest: [{ id: "desc" }],
} as const;

/** One page of the register, with the total (counted up to `countCap`). */
export async function registerPage(prisma: Prisma, area: AreaRef, f: RegisterFilter, page: { skip: number; take: number }, countCap = 10_001) {
  const where = registerWhere(area, f);
  const [rows, total] = await Promise.all([
    prisma.candidate.findMany({
      where,
      orderBy: ORDER[f.sort ?? "village"] as never,
      ...page,
      include: { village: { select: { id: true, name: true, parent: { select: { name: true } } } } },
    }),
    prisma.candidate.count({ where, take: countCap }),
  ]);
  return { rows, total };
}

/**
 * The register for export: one sheet per township inside `area` (one sheet for a township
 * or a village), read in batches by id so a county's 10,000 people never sit in memory at once.
 */
export async function registerSheets(prisma: Prisma, area: AreaRef, f: RegisterFilter = {}): Promise<RegisterSheet[]> {
  const townships =
    area.level === "county"
      ? await prisma.area.findMany({ where: { level: "township", ...underArea(area) }, orderBy: [{ code: "asc" }, { id: "asc" }], select: { id: true, name: true, level: true, path: true } })
      : area.level === "township"
        ? [area]
        : await prisma.area.findMany({ where: { id: { in: area.path.split("/").filter(Boolean).map(Number) }, level: "township" }, select: { id: true, name: true, level: true, path: true } });
  const scoped = (t: AreaRef) => (area.level === "village" ? area : t);
  return townships.map((t) => ({ township: t.name, rows: rowsOf(prisma, scoped(t), f) }));
}

async function* rowsOf(prisma: Prisma, area: AreaRef, f: RegisterFilter): AsyncIterable<RegisterRow> {
  const where = registerWhere(area, f);
  let after = 0;
  for (;;) {
    const batch = await prisma.candidate.findMany({
      where: { ...where, id: { gt: after } },
      orderBy: { id: "asc" },
      take: 1000,
      include: { village: { select: { name: true } } },
    });
    if (!batch.length) return;
    for (const c of batch) yield { ...c, village: c.village.name };
    after = batch.at(-1)!.id;
  }
}
