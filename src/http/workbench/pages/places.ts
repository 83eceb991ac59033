// The 地区 filter several pages share: the townships and villages inside the cadre's area.
import type { Prisma } from "../../../db/database.ts";
import { underArea, type AreaRef } from "../../../domain/area.ts";
import { html, type Html } from "../html.ts";

export type Place = { id: number; name: string; level: string };

/** Townships and villages in `own`, in tree order (none for a village cadre: nothing to choose). */
export async function placesIn(prisma: Prisma, own: AreaRef): Promise<Place[]> {
  if (own.level === "village") return [];
  return prisma.area.findMany({ where: { ...underArea(own), level: { in: ["township", "village"] } }, orderBy: { path: "asc" }, select: { id: true, name: true, level: true }, take: 1000 });
}

/** `<label>地区 <select name="area">…` with villages indented under their township. */
export function placeSelect(places: Place[], own: AreaRef, current: number | undefined): Html | "" {
  if (!places.length) return "";
  return html`<label>地区 <select name="area"><option value="">全部（${own.name}）</option>${places.map(
    (p) => html`<option value="${p.id}"${current === p.id ? html` selected` : ""}>${p.level === "village" ? "　" : ""}${p.name}</option>`,
  )}</select></label>`;
}
