// The campaign's records: campaigns per township and season, each reserve's answer,
// RSVP and attendance. Prisma throughout; the automatic steps that queue messages
// live in steps.ts (raw SQL there: claims and the outbox in one transaction).
import { AppError, forbidden, notFound } from "../../core/errors.ts";
import type { Database, Db, Prisma } from "../../db/database.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import type { HomecomingAnswer, HomecomingSeason } from "../../domain/homecoming.ts";
import { SHIPPED_HOLIDAY_DATA } from "../../domain/holidays/holiday-data.ts";
import { inScope, type Actor } from "../../domain/permissions.ts";
import type { IsoDate } from "../../domain/symposium/calendar-day.ts";
import { proposeDays, type ProposedDay } from "../../domain/symposium/propose-days.ts";
import type { SeasonOccurrence } from "../../domain/symposium/seasons.ts";
import { formatDate } from "../../domain/time.ts";
import { audit } from "../audit.ts";

const areaSelect = { id: true, name: true, level: true, path: true } as const;
export const campaignInclude = { township: { select: areaSelect } } as const;

export type Campaign = NonNullable<Awaited<ReturnType<typeof findCampaign>>>;

export function findCampaign(prisma: Db, id: number) {
  return prisma.symposiumCampaign.findUnique({ where: { id }, include: campaignInclude });
}

/** Today in Beijing, "YYYY-MM-DD". */
export const beijingDay = (at: Date) => formatDate(at);

/** The homecoming parser knows Spring Festival and summer; another season reads like summer (Gregorian days in its window). */
export const parserSeason = (kind: string): HomecomingSeason => (kind === "spring_festival" ? "spring_festival" : "summer");

export const labelOf = (c: Campaign) => ({ township: c.township.name, season: c.season, seasonKind: c.seasonKind, year: c.year });

/** The township an area belongs to: itself, a village's parent, none for the county. */
export async function townshipOf(prisma: Prisma, area: AreaRef): Promise<AreaRef | null> {
  if (area.level === "township") return area;
  if (area.level === "county") return null;
  const village = await prisma.area.findUnique({ where: { id: area.id }, select: { parent: { select: areaSelect } } });
  return village?.parent ?? null;
}

/**
 * The township a command acts on: the one named (乡镇=), else the group's, else the
 * organiser's own. A township outside the actor's area is refused.
 */
export async function resolveTownship(prisma: Prisma, actor: Actor, named: string | undefined, groupArea: AreaRef | null): Promise<AreaRef> {
  let township: AreaRef | null = null;
  if (named) {
    const found = await prisma.area.findMany({ where: { name: named, level: "township" }, select: areaSelect });
    township = found.find((t) => actor.area && inScope(actor, t)) ?? found[0] ?? null;
    if (!township) throw notFound(`没有叫“${named}”的乡镇。`, { named });
  } else if (groupArea) {
    township = await townshipOf(prisma, groupArea);
  } else if (actor.area) {
    township = await townshipOf(prisma, actor.area);
  }
  if (!township) throw new AppError("bad_arguments", "请写明是哪个乡镇，例如：/座谈会 状态 乡镇=青山镇");
  if (!inScope(actor, township)) throw forbidden(`您只能管理自己辖区的座谈会，${township.name}不在您的范围内。`, { township: township.id });
  return township;
}

/** The township's latest campaign that is not cancelled. */
export function latestCampaign(prisma: Db, townshipId: number) {
  return prisma.symposiumCampaign.findFirst({ where: { townshipId, state: { not: "cancelled" } }, orderBy: { id: "desc" }, include: campaignInclude });
}

/** The reserves a township's campaign asks: every candidate of its villages still in the pool. */
function poolOf(township: { path: string }) {
  return { stage: { not: "exited" as const }, village: underArea(township) };
}

export async function poolSize(prisma: Db, township: { path: string }): Promise<number> {
  return prisma.candidate.count({ where: poolOf(township) });
}

/** A campaign for a season, in the state given; null when the township already has one for it. */
export async function createCampaign(
  prisma: Db,
  township: AreaRef,
  o: SeasonOccurrence,
  opts: { state: "draft" | "asking"; byId: number | null; at: Date },
): Promise<Campaign | null> {
  const existing = await prisma.symposiumCampaign.findUnique({ where: { townshipId_season_year: { townshipId: township.id, season: o.season.name, year: o.year } } });
  if (existing) return null;
  const c = await prisma.symposiumCampaign.create({
    data: {
      townshipId: township.id,
      season: o.season.name,
      seasonKind: o.season.kind,
      year: o.year,
      windowStart: o.window.start,
      windowEnd: o.window.end,
      state: opts.state,
      createdById: opts.byId,
      createdAt: opts.at,
      ...(opts.state === "asking" ? { confirmedById: opts.byId, confirmedAt: opts.at } : {}),
    },
    include: campaignInclude,
  });
  if (opts.state === "asking") await addInvitees(prisma, c);
  return c;
}

async function addInvitees(prisma: Db, c: Campaign): Promise<number> {
  const people = await prisma.candidate.findMany({ where: poolOf(c.township), select: { id: true } });
  const r = await prisma.symposiumInvitee.createMany({ data: people.map((p) => ({ campaignId: c.id, candidateId: p.id })), skipDuplicates: true });
  return r.count;
}

/**
 * Confirm a draft: the questions may go out. Exactly one of two organisers confirming
 * at once wins (the update is conditional on the draft state); the other is told.
 */
export async function confirmCampaign(db: Database, c: Campaign, byId: number | null, at: Date): Promise<number> {
  return db.transaction(async ({ prisma }) => {
    const won = await prisma.symposiumCampaign.updateMany({ where: { id: c.id, state: "draft" }, data: { state: "asking", confirmedById: byId, confirmedAt: at } });
    if (won.count === 0) throw new AppError("bad_arguments", `${c.township.name}本季座谈会已经由其他人确认开始了，无需重复确认。发送 /座谈会 状态 查看进展。`);
    await addInvitees(prisma, c);
    await audit(prisma, { actorId: byId, action: "symposium.confirm", outcome: "ok", entity: "SymposiumCampaign", entityId: c.id });
    return prisma.symposiumInvitee.count({ where: { campaignId: c.id } });
  });
}

export interface Counts {
  invited: number;
  answered: number;
  coming: number;
  notComing: number;
  unclear: number;
  rsvpYes: number;
  rsvpNo: number;
  rsvpMaybe: number;
  attended: number;
  ideas: number;
  ideasClosed: number;
}

export async function countsOf(prisma: Db, campaignIds: number[]): Promise<Map<number, Counts>> {
  const rows = await prisma.symposiumInvitee.findMany({
    where: { campaignId: { in: campaignIds } },
    select: { campaignId: true, homeStatus: true, rsvp: true, signedInAt: true },
  });
  const ideas = await prisma.symposiumIdea.findMany({ where: { campaignId: { in: campaignIds } }, select: { campaignId: true, feedback: { select: { status: true } } } });
  const out = new Map<number, Counts>();
  const blank = (): Counts => ({ invited: 0, answered: 0, coming: 0, notComing: 0, unclear: 0, rsvpYes: 0, rsvpNo: 0, rsvpMaybe: 0, attended: 0, ideas: 0, ideasClosed: 0 });
  for (const id of campaignIds) out.set(id, blank());
  for (const r of rows) {
    const c = out.get(r.campaignId)!;
    c.invited++;
    if (r.homeStatus) c.answered++;
    if (r.homeStatus === "coming") c.coming++;
    if (r.homeStatus === "not_coming") c.notComing++;
    if (r.homeStatus === "unclear") c.unclear++;
    if (r.rsvp === "yes") c.rsvpYes++;
    if (r.rsvp === "no") c.rsvpNo++;
    if (r.rsvp === "maybe") c.rsvpMaybe++;
    if (r.signedInAt) c.attended++;
  }
  for (const i of ideas) {
    const c = out.get(i.campaignId)!;
    c.ideas++;
    if (i.feedback.status === "closed") c.ideasClosed++;
  }
  return out;
}

/** The open invitation of a reserve at `at`: their latest campaign still asking, or invited to a meeting not yet begun. */
export function openInvitation(prisma: Db, candidateId: number, at: Date) {
  return prisma.symposiumInvitee.findFirst({
    where: { candidateId, campaign: { OR: [{ state: "asking" }, { state: "invited", startsAt: { gt: at } }] } },
    orderBy: { campaignId: "desc" },
    include: { campaign: { include: campaignInclude } },
  });
}
export type Invitation = NonNullable<Awaited<ReturnType<typeof openInvitation>>>;

/** Store an answer about coming home (a correction replaces it); true when they had answered before. */
export async function recordHomecoming(prisma: Prisma, inv: Invitation, answer: HomecomingAnswer, text: string, at: Date, actorId: number | null): Promise<boolean> {
  const corrected = inv.homeStatus !== null && inv.homeStatus !== "unclear";
  await prisma.symposiumInvitee.update({
    where: { id: inv.id },
    data: {
      homeStatus: answer.status,
      homeFrom: answer.status === "coming" ? answer.from : null,
      homeTo: answer.status === "coming" ? answer.to : null,
      homeText: text.slice(0, 500),
      homeAt: at,
    },
  });
  await audit(prisma, { actorId, action: "symposium.home", outcome: "ok", entity: "SymposiumInvitee", entityId: inv.id, detail: { ...answer } });
  return corrected;
}

export async function recordRsvp(prisma: Prisma, inv: Invitation, answer: "yes" | "no" | "maybe", reason: string | undefined, at: Date, actorId: number | null): Promise<void> {
  await prisma.symposiumInvitee.update({ where: { id: inv.id }, data: { rsvp: answer, rsvpReason: reason ?? null, rsvpAt: at } });
  await audit(prisma, { actorId, action: "symposium.rsvp", outcome: "ok", entity: "SymposiumInvitee", entityId: inv.id, detail: { answer, reason } });
}

/** The three best days from the answers so far, none before `today`. */
export async function proposalFor(prisma: Db, c: { id: number; seasonKind: string; year: number; windowStart: string; windowEnd: string }, today: IsoDate): Promise<ProposedDay[]> {
  const answers = await prisma.symposiumInvitee.findMany({
    where: { campaignId: c.id, homeStatus: { not: null } },
    select: { homeStatus: true, homeFrom: true, homeTo: true, candidate: { select: { name: true } } },
    orderBy: [{ homeAt: "asc" }, { id: "asc" }],
  });
  return proposeDays(
    answers.map((a) => ({
      name: a.candidate.name,
      answer: a.homeStatus === "coming" ? { status: "coming" as const, from: a.homeFrom, to: a.homeTo } : { status: a.homeStatus as "not_coming" | "unclear" },
    })),
    { season: parserSeason(c.seasonKind), year: c.year, window: { start: c.windowStart, end: c.windowEnd }, notBefore: today, holidays: SHIPPED_HOLIDAY_DATA },
  );
}
