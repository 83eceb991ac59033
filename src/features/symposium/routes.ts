import { z } from "zod";
import { forbidden, notFound } from "../../core/errors.ts";
import { atLeast } from "../../domain/permissions.ts";
import { stepDeps } from "./kick.ts";
import { runSymposiumSteps } from "./steps.ts";
import { parse } from "../../core/validate.ts";
import { areaContains, underArea } from "../../domain/area.ts";
import type { Route } from "../feature.ts";
import { pageInfo, pageWindow, paging, scopedArea } from "../paging.ts";
import { attendanceOf } from "./record.ts";
import { beijingDay, countsOf, proposalFor } from "./service.ts";

const ListQuery = z.strictObject({
  area: z.coerce.number().int().positive().optional(),
  state: z.enum(["draft", "asking", "invited", "held", "cancelled"]).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...paging,
});
const IdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const symposiumRoutes: Route[] = [
  {
    // "Next step now" for the simulator and for a newcomer: run whatever steps are due at
    // the app's clock (quiet hours still hold), instead of waiting for the next tick.
    method: "post",
    path: "/symposiums/steps",
    async handle({ actor, services, now }) {
      if (!atLeast(actor.role, "township_organiser")) throw forbidden("仅限乡镇组织委员及以上使用。");
      const r = await runSymposiumSteps(stepDeps(services), now());
      if (r.enqueued) services.outbox.wake();
      return r;
    },
  },
  {
    method: "get",
    path: "/symposiums",
    async handle({ actor, query, services }) {
      const q = parse(ListQuery, query);
      const prisma = services.db.prisma;
      const area = await scopedArea(prisma, actor, q.area);
      const where = { township: underArea(area), ...(q.state ? { state: q.state } : {}), ...(q.year ? { year: q.year } : {}) };
      const [total, rows] = await Promise.all([
        prisma.symposiumCampaign.count({ where, take: 10_001 }),
        prisma.symposiumCampaign.findMany({ where, include: { township: { select: { id: true, name: true } } }, orderBy: [{ year: "desc" }, { id: "desc" }], ...pageWindow(q) }),
      ]);
      const counts = await countsOf(prisma, rows.map((r) => r.id));
      return {
        ...pageInfo(q, total),
        items: rows.map((c) => ({
          id: c.id,
          township: c.township,
          season: c.season,
          seasonKind: c.seasonKind,
          year: c.year,
          window: { start: c.windowStart, end: c.windowEnd },
          state: c.state,
          date: c.date,
          startsAt: c.startsAt,
          place: c.place,
          counts: counts.get(c.id),
        })),
      };
    },
  },
  {
    method: "get",
    path: "/symposiums/:id",
    async handle({ actor, params, services, now }) {
      const { id } = parse(IdParams, params);
      const prisma = services.db.prisma;
      const c = await prisma.symposiumCampaign.findUnique({ where: { id }, include: { township: { select: { id: true, name: true, level: true, path: true } } } });
      // One answer for "no such campaign" and "not yours".
      if (!c || !actor.area || !areaContains(actor.area, c.township)) throw notFound(`没有编号为 ${id} 的座谈会，或不在您的范围内。`, { id });
      const [invitees, ideas, counts, proposed] = await Promise.all([
        prisma.symposiumInvitee.findMany({ where: { campaignId: id }, include: { candidate: { select: { id: true, name: true, village: { select: { name: true } } } } }, orderBy: { id: "asc" } }),
        prisma.symposiumIdea.findMany({ where: { campaignId: id }, include: { feedback: { select: { id: true, text: true, status: true, topic: true, candidateId: true } } }, orderBy: { feedbackId: "asc" } }),
        countsOf(prisma, [id]),
        c.state === "draft" || c.state === "cancelled" ? Promise.resolve([]) : proposalFor(prisma, c, beijingDay(now())),
      ]);
      const lateMs = services.config.symposium.lateMs;
      return {
        id: c.id,
        township: { id: c.township.id, name: c.township.name },
        season: c.season,
        seasonKind: c.seasonKind,
        year: c.year,
        window: { start: c.windowStart, end: c.windowEnd },
        state: c.state,
        confirmedAt: c.confirmedAt,
        askedAt: c.askedAt,
        date: c.date,
        startsAt: c.startsAt,
        place: c.place,
        agenda: c.agenda,
        invitedAt: c.invitedAt,
        counts: counts.get(id),
        proposedDays: proposed,
        minutes: c.minutes,
        minutesAt: c.minutesAt,
        ideas: ideas.map((i) => i.feedback),
        invitees: invitees.map((i) => ({
          candidate: { id: i.candidate.id, name: i.candidate.name, village: i.candidate.village.name },
          home: { status: i.homeStatus, from: i.homeFrom, to: i.homeTo, text: i.homeText, at: i.homeAt, nudgedAt: i.homeNudgedAt },
          invitedAt: i.invitedAt,
          rsvp: { answer: i.rsvp, reason: i.rsvpReason, at: i.rsvpAt },
          signedInAt: i.signedInAt,
          attendance: attendanceOf(i, c.startsAt, lateMs, c.state === "held"),
        })),
      };
    },
  },
];
