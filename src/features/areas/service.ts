import { randomUUID } from "node:crypto";
import { usage } from "../../core/errors.ts";
import type { Db, Prisma } from "../../db/database.ts";
import { areaContains, childPath, type AreaRef } from "../../domain/area.ts";
import { excerpt } from "../../domain/text.ts";

const select = { id: true, name: true, level: true, path: true } as const;

/** "青山村", or "青山镇/青山村" when two townships have a village of that name. */
export async function findAreas(prisma: Prisma, text: string): Promise<AreaRef[]> {
  const parts = text.split(/[/／·、]/).map((s) => s.trim()).filter(Boolean);
  const name = parts.at(-1);
  if (!name) return [];
  const rows = await prisma.area.findMany({ where: { name }, select, orderBy: { id: "asc" } });
  if (parts.length === 1) return rows;
  const parents = await prisma.area.findMany({ where: { name: { in: parts.slice(0, -1) } }, select });
  return rows.filter((r) => parents.every((p) => areaContains(p, r)));
}

/** One area by name, or an error that says what to write instead. */
export async function resolveArea(prisma: Prisma, text: string, example: string): Promise<AreaRef> {
  const found = await findAreas(prisma, text);
  if (found.length === 1) return found[0]!;
  if (found.length === 0) throw usage(`没有找到“${excerpt(text, 20)}”这个地方，请核对名称。`, example);
  const names = await areaLabels(prisma, found);
  throw usage(`“${excerpt(text, 20)}”有${found.length}处：${names.join("；")}。请写成“乡镇/村”。`, example);
}

/** "某县 青山镇 青山村" for an area. */
export async function areaLabel(prisma: Prisma, area: { path: string }): Promise<string> {
  return (await areaLabels(prisma, [area]))[0]!;
}

/** Labels for many areas in one query (a page of items, say). */
export async function areaLabels(prisma: Prisma, areas: { path: string }[]): Promise<string[]> {
  const idsOf = (path: string) => path.split("/").filter(Boolean).map(Number);
  const ids = [...new Set(areas.flatMap((a) => idsOf(a.path)))];
  const rows = ids.length ? await prisma.area.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  return areas.map((a) => idsOf(a.path).map((id) => names.get(id) ?? "").join(" "));
}

/** Add an area under `parent` (or a county at the root), keeping `path` in step with its id. */
export async function createArea(prisma: Db, name: string, level: AreaRef["level"], parent: { id: number; path: string } | null): Promise<AreaRef> {
  const a = await prisma.area.create({ data: { name, level, parentId: parent?.id ?? null, path: `pending:${randomUUID()}` }, select });
  return prisma.area.update({ where: { id: a.id }, data: { path: childPath(parent?.path ?? null, a.id) }, select });
}
