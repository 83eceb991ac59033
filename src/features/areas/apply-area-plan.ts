// Write an area plan (src/domain/divisions/area-plan.ts) into the database: the county,
// its townships and villages, matched to areas that exist by code or by name, so a
// second run changes nothing and a demo or hand-made tree gets its codes.
import { randomUUID } from "node:crypto";
import type { Db, Prisma } from "../../db/database.ts";
import type { AreaLevel } from "../../domain/glossary.ts";
import type { AreaPlan } from "../../domain/divisions/area-plan.ts";

export interface ApplyResult {
  countyId: number;
  created: number;
  /** Existing areas that got their code. */
  coded: number;
  unchanged: number;
}

interface Existing {
  id: number;
  name: string;
  code: string | null;
  path: string;
  parentId: number | null;
}

type Place = { name: string; code: string | null };

const select = { id: true, name: true, code: true, path: true, parentId: true } as const;

/**
 * Create what the plan has and the database lacks, in one transaction and a handful of
 * statements whatever the county's size. Existing areas keep their names (a county may
 * have renamed them); one found by name gets the plan's code.
 *
 * `applyAreaPlan(prisma, plan)` → { countyId, created: 385, coded: 0, unchanged: 0 }
 */
export async function applyAreaPlan(prisma: Prisma, plan: AreaPlan): Promise<ApplyResult> {
  return prisma.$transaction(
    async (tx) => {
      const result: ApplyResult = { countyId: 0, created: 0, coded: 0, unchanged: 0 };
      const roots = await tx.area.findMany({ where: { parentId: null, level: "county" }, select });
      const [county] = await settleLevel(tx, [{ place: plan.county, parent: null, siblings: roots }], "county", result);
      result.countyId = county!.id;

      const townshipRows = await tx.area.findMany({ where: { parentId: county!.id }, select });
      const townships = await settleLevel(tx, plan.townships.map((t) => ({ place: t, parent: county!, siblings: townshipRows })), "township", result);

      const villageRows = await tx.area.findMany({ where: { parentId: { in: townships.map((t) => t.id) } }, select });
      await settleLevel(
        tx,
        plan.townships.flatMap((t, i) => t.villages.map((v) => ({ place: v, parent: townships[i]!, siblings: villageRows.filter((r) => r.parentId === townships[i]!.id) }))),
        "village",
        result,
      );
      return result;
    },
    { timeout: 5 * 60_000, maxWait: 30_000 },
  );
}

function match(siblings: Existing[], place: Place): Existing | undefined {
  return (place.code ? siblings.find((e) => e.code === place.code) : undefined) ?? siblings.find((e) => e.name === place.name && (!e.code || !place.code));
}

/** One level of the tree: match each planned place among its siblings, code the found ones, create the rest together. */
async function settleLevel(tx: Db, items: { place: Place; parent: Existing | null; siblings: Existing[] }[], level: AreaLevel, result: ApplyResult): Promise<Existing[]> {
  const out: (Existing | undefined)[] = [];
  const missing: number[] = [];
  for (const [i, { place, siblings }] of items.entries()) {
    const found = match(siblings, place);
    out.push(found);
    if (!found) missing.push(i);
    else if (place.code && !found.code) {
      await tx.area.update({ where: { id: found.id }, data: { code: place.code } });
      result.coded++;
    } else result.unchanged++;
  }
  if (missing.length) {
    const rows = await tx.area.createManyAndReturn({
      data: missing.map((i) => ({ name: items[i]!.place.name, code: items[i]!.place.code, level, parentId: items[i]!.parent?.id ?? null, path: `pending:${randomUUID()}` })),
      select: { id: true },
    });
    const ids = rows.map((r) => r.id);
    // Raw SQL: every new area's path from its parent's in one statement (a path holds the
    // row's own id, so it is known only after the insert); same shape as childPath() in domain/area.ts.
    await tx.$executeRawUnsafe(
      `UPDATE "Area" a SET path = COALESCE((SELECT p.path FROM "Area" p WHERE p.id = a."parentId"), '/') || a.id::text || '/' WHERE a.id = ANY($1::int[])`,
      ids,
    );
    const created = new Map((await tx.area.findMany({ where: { id: { in: ids } }, select })).map((a) => [`${a.parentId}/${a.name}`, a]));
    for (const i of missing) out[i] = created.get(`${items[i]!.parent?.id ?? null}/${items[i]!.place.name}`);
    result.created += ids.length;
  }
  return out as Existing[];
}
