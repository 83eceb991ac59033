// Setting up a real county (淳安县, from the committed codes) in a migrated database of each kind.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../src/db/database.ts";
import { migrate } from "../../../src/db/migrate.ts";
import { planAreaTree } from "../../../src/domain/divisions/area-plan.ts";
import { applyAreaPlan } from "../../../src/features/areas/apply-area-plan.ts";
import { loadCountyTree } from "../../../src/features/areas/divisions.ts";
import { createPostgresDatabase, DB_KINDS, postgresUnavailable, seededPgliteFolder, type DbKind } from "../../support/databases.ts";

const skipPg = await postgresUnavailable();

describe.each(DB_KINDS)("applyAreaPlan on %s", (kind: DbKind) => {
  let db: Database;
  let drop = async () => {};

  beforeAll(async () => {
    if (kind === "postgres") {
      if (skipPg) return;
      const created = await createPostgresDatabase();
      drop = created.drop;
      db = await openDatabase(created.url);
      await migrate(db.sql);
    } else {
      const folder = await seededPgliteFolder(false);
      drop = async () => folder.remove();
      db = await openDatabase(`pglite:${folder.dir}`);
    }
  });
  afterAll(async () => {
    await db?.close();
    await drop();
  });

  it.skipIf(kind === "postgres" && skipPg !== null)("creates a county's whole tree with codes and paths, once", async () => {
    const tree = (await loadCountyTree("330127"))!;
    const { plan } = planAreaTree({ name: tree.name, code: tree.code }, tree, [{ row: 2, township: "千岛湖镇", village: "湖滨移民村" }]);
    const villages = plan.townships.reduce((n, t) => n + t.villages.length, 0);

    const first = await applyAreaPlan(db.prisma, plan);
    expect(first).toMatchObject({ created: 1 + plan.townships.length + villages, coded: 0, unchanged: 0 });

    const areas = await db.prisma.area.findMany({ where: { path: { startsWith: `/${first.countyId}/` } } });
    expect(areas).toHaveLength(first.created);
    const byId = new Map(areas.map((a) => [a.id, a]));
    for (const a of areas) if (a.parentId) expect(a.path).toBe(`${byId.get(a.parentId)!.path}${a.id}/`);
    const qiandaohu = areas.find((a) => a.code === "330127100")!;
    expect(qiandaohu).toMatchObject({ name: "千岛湖镇", level: "township" });
    expect(areas.find((a) => a.name === "湖滨移民村")).toMatchObject({ code: null, parentId: qiandaohu.id, level: "village" });

    const again = await applyAreaPlan(db.prisma, plan);
    expect(again).toEqual({ countyId: first.countyId, created: 0, coded: 0, unchanged: first.created });
  });

  it.skipIf(kind === "postgres" && skipPg !== null)("gives a hand-made tree its codes instead of building a second one", async () => {
    const county = await db.prisma.area.create({ data: { name: "建德市", level: "county", path: "pending:a" } });
    await db.prisma.area.update({ where: { id: county.id }, data: { path: `/${county.id}/` } });
    const tree = (await loadCountyTree("330182"))!;
    const firstTownship = tree.townships[0]!;
    const t = await db.prisma.area.create({ data: { name: firstTownship.name, level: "township", parentId: county.id, path: "pending:b" } });
    await db.prisma.area.update({ where: { id: t.id }, data: { path: `/${county.id}/${t.id}/` } });

    const { plan } = planAreaTree({ name: tree.name, code: tree.code }, tree, []);
    const result = await applyAreaPlan(db.prisma, plan);
    expect(result).toMatchObject({ countyId: county.id, coded: 2 });
    expect(await db.prisma.area.count({ where: { name: "建德市" } })).toBe(1);
    expect(await db.prisma.area.findUnique({ where: { id: t.id } })).toMatchObject({ code: firstTownship.code });
  });
});
