import { z } from "zod";
import { parse } from "../../core/validate.ts";
import { underArea } from "../../domain/area.ts";
import { REMINDER_KIND, SCHEDULE_STATUS } from "../../domain/glossary.ts";
import type { Route } from "../feature.ts";
import { keys, pageInfo, pageWindow, paging, scopedArea, idParam } from "../paging.ts";

const ScheduleQuery = z.strictObject({
  status: z.enum(keys(SCHEDULE_STATUS)).optional(),
  area: idParam.optional(),
  ...paging,
});

const RECENT_FIRINGS = 5;

export const scheduleRoutes: Route[] = [
  {
    method: "get",
    path: "/schedules",
    async handle({ actor, query, services }) {
      const q = parse(ScheduleQuery, query);
      const { prisma, sql } = services.db;
      const inArea = underArea(await scopedArea(prisma, actor, q.area));
      const where = { deletedAt: null, ...(q.status ? { status: q.status } : {}), OR: [{ area: inArea }, { group: { area: inArea } }] };
      const [total, rows] = await Promise.all([
        prisma.schedule.count({ where, take: 10_001 }),
        prisma.schedule.findMany({
          where,
          include: { group: { select: { id: true, topic: true, channel: true } }, area: { select: { id: true, name: true } } },
          orderBy: { id: "asc" },
          ...pageWindow(q),
        }),
      ]);
      // Raw SQL: the latest few firings of each schedule, each an index read however long its history.
      const runs = await sql.query<{ job: string; slot: Date; outcome: string; detail: unknown; instance: string; at: Date }>(
        `SELECT r.job, r.slot, r.outcome, r.detail, r.instance, r.at
           FROM unnest($1::text[]) AS j(job)
           CROSS JOIN LATERAL (SELECT * FROM "JobRun" WHERE job = j.job ORDER BY slot DESC LIMIT ${RECENT_FIRINGS}) r`,
        [rows.map((s) => `schedule:${s.id}`)],
      );
      return {
        ...pageInfo(q, total),
        items: rows.map((s) => ({
          id: s.id,
          kind: s.kind,
          kindLabel: REMINDER_KIND[s.kind],
          target: s.group ? { group: s.group } : { area: s.area },
          time: s.timeLabel,
          cron: s.cron,
          onceAt: s.onceAt,
          timeZone: s.timeZone,
          topic: s.topic,
          link: s.link,
          place: s.place,
          template: s.template,
          status: s.status,
          statusLabel: SCHEDULE_STATUS[s.status],
          leadMinutes: s.leadMinutes,
          nextFiringAt: s.status === "active" ? s.nextFiringAt : null,
          lastFiringAt: s.lastFiringAt,
          lastOutcome: s.lastOutcome,
          // The latest firings, sent or skipped, with which instance ran them.
          recentFirings: runs.filter((r) => r.job === `schedule:${s.id}`).map(({ job: _job, ...r }) => r),
          createdAt: s.createdAt,
        })),
      };
    },
  },
];
