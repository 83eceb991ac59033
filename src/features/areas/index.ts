import { AREA_LEVEL } from "../../domain/glossary.ts";
import { underArea } from "../../domain/area.ts";
import type { Feature } from "../feature.ts";

/** The area tree (县 → 乡镇 → 村), as far as the asker's area reaches. */
export const areas: Feature = {
  name: "areas",
  routes: [
    {
      method: "get",
      path: "/areas",
      async handle({ actor, services }) {
        const rows = await services.db.prisma.area.findMany({ where: actor.area ? underArea(actor.area) : { id: -1 }, orderBy: { path: "asc" } });
        return { items: rows.map((a) => ({ id: a.id, name: a.name, level: a.level, levelLabel: AREA_LEVEL[a.level], parentId: a.parentId })) };
      },
    },
  ],
};
