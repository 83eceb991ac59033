import { AREA_LEVEL } from "../../domain/glossary.ts";
import { underArea } from "../../domain/area.ts";
import { z } from "zod";
import { parse } from "../../core/validate.ts";
import type { Feature } from "../feature.ts";
import { setUpCounty } from "./setup.ts";

const SetupQuery = z.strictObject({
  code: z.string().regex(/^\d{6}$/, "应为6位县级代码，如 330127"),
  dryRun: z.enum(["true", "false"]).default("false"),
});

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
    {
      // The county's tree from the division codes, with its own 乡镇/村 list (.xlsx) as the optional body.
      method: "post",
      path: "/areas/setup",
      async handle({ actor, query, body, services }) {
        const q = parse(SetupQuery, query);
        const sheet = Buffer.isBuffer(body) && body.length ? body : null;
        const r = await setUpCounty(services.db.prisma, actor, q.code, sheet, q.dryRun === "false");
        return { county: r.plan.county, townships: r.townships, villages: r.villages, notes: r.notes, errors: r.errors, applied: r.applied, dryRun: q.dryRun === "true" };
      },
    },
  ],
};
