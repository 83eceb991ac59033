import { z } from "zod";
import { parse } from "../../core/validate.ts";
import { underArea } from "../../domain/area.ts";
import type { Route } from "../feature.ts";
import { COUNT_CAP, pageInfo, pageWindow, paging, scopedArea, idParam } from "../paging.ts";
import { countCheckins } from "./service.ts";

const CheckinQuery = z.strictObject({
  candidate: idParam.optional(),
  area: idParam.optional(),
  ...paging,
});

export const checkinRoutes: Route[] = [
  {
    method: "get",
    path: "/checkins",
    async handle({ actor, query, services }) {
      const q = parse(CheckinQuery, query);
      const { prisma, sql } = services.db;
      const area = await scopedArea(prisma, actor, q.area);
      const where = { ...(q.candidate ? { candidateId: q.candidate } : {}), candidate: { village: underArea(area) } };
      const [total, rows] = await Promise.all([
        countCheckins(sql, area, q.candidate, COUNT_CAP + 1),
        prisma.studyCheckin.findMany({
          where,
          include: { candidate: { select: { id: true, name: true } }, member: { select: { displayName: true } }, group: { select: { topic: true } } },
          orderBy: [{ at: "desc" }, { id: "desc" }],
          ...pageWindow(q),
        }),
      ]);
      return {
        ...pageInfo(q, total),
        items: rows.map((c) => ({
          id: c.id,
          candidate: c.candidate,
          member: c.member.displayName,
          group: c.group?.topic ?? null,
          platform: c.platform,
          content: c.content,
          minutes: c.minutes,
          at: c.at,
        })),
      };
    },
  },
];
