// The campaign's automatic steps, run by the scheduler (and at once after the command
// that makes one due): drafts before each season, the questions once confirmed, one
// reminder or follow-up to those who have not answered, the invitations, one RSVP
// reminder to those who have not answered, and reminders to those attending the day
// before and two hours before. Nothing is queued during quiet hours.
// Raw SQL here: each step claims its rows (a conditional UPDATE … RETURNING, so two
// instances never both take one) and queues their messages in the same transaction;
// the outbox keys name each logical message, so a rerun adds nothing.
import type { Logger } from "../../core/logger.ts";
import type { SqlRunner } from "../../db/database.ts";
import { pathUnder } from "../../db/area-sql.ts";
import { dayIndex, isoOfIndex, type IsoDate } from "../../domain/symposium/calendar-day.ts";
import { inQuietHours, type QuietHours } from "../../domain/quiet-hours.ts";
import { seasonIn, type SeasonConfig, type SeasonOccurrence } from "../../domain/symposium/seasons.ts";
import { dayAndClock } from "../../domain/time.ts";
import { enqueue, type OutboxInput } from "../../outbox/service.ts";
import { beijingDay } from "./service.ts";
import * as T from "./texts.ts";

export const SYMPOSIUM_JOB = "symposium-steps";

export interface StepDeps {
  sql: SqlRunner;
  log: Logger;
  seasons: readonly SeasonConfig[];
  quietHours: QuietHours;
  homeReminderMs: number;
  rsvpReminderMs: number;
  askPrivately: boolean;
}

export interface StepResult {
  quiet: number;
  drafts: number;
  asked: number;
  homeNudges: number;
  invited: number;
  rsvpNudges: number;
  eveReminders: number;
  soonReminders: number;
  summaries: number;
  cancellations: number;
  enqueued: number;
}

const HOUR = 3_600_000;

interface CampaignInfo extends T.CampaignLabel {
  id: number;
  townshipPath: string;
  revision: number;
  date: IsoDate | null;
  startsAt: Date | null;
  place: string | null;
  agenda: string | null;
}

interface Person {
  inviteeId: number;
  candidateId: number;
  campaignId: number;
  name: string;
  villagePath: string;
  channel: string | null;
  externalId: string | null;
  homeText?: string | null;
  homeStatus?: string | null;
}

/** Run every step that is due at `now`; each step is its own transaction. */
export async function runSymposiumSteps(deps: StepDeps, now: Date): Promise<StepResult> {
  const r: StepResult = { quiet: 0, drafts: 0, asked: 0, homeNudges: 0, invited: 0, rsvpNudges: 0, eveReminders: 0, soonReminders: 0, summaries: 0, cancellations: 0, enqueued: 0 };
  if (inQuietHours(now, deps.quietHours)) {
    r.quiet = 1;
    return r;
  }
  const add = (k: keyof StepResult) => (x: { claimed: number; enqueued: number }) => {
    r[k] += x.claimed;
    r.enqueued += x.enqueued;
  };
  add("drafts")(await draftStep(deps, now));
  add("asked")(await askStep(deps, now));
  add("homeNudges")(await homeNudgeStep(deps, now));
  add("invited")(await inviteStep(deps, now));
  add("rsvpNudges")(await rsvpNudgeStep(deps, now));
  add("eveReminders")(await attendingStep(deps, now, "eve"));
  add("soonReminders")(await attendingStep(deps, now, "soon"));
  add("summaries")(await summaryStep(deps, now));
  add("cancellations")(await cancelStep(deps, now));
  if (r.enqueued) deps.log.info("symposium steps queued", { ...r });
  return r;
}

/** Occurrences whose draft day has come and whose window has not closed. */
export function dueOccurrences(seasons: readonly SeasonConfig[], today: IsoDate): SeasonOccurrence[] {
  const y = Number(today.slice(0, 4));
  const t = dayIndex(today);
  const out: SeasonOccurrence[] = [];
  for (const s of seasons) {
    for (const year of [y - 1, y, y + 1]) {
      const o = seasonIn(s, year);
      if (dayIndex(o.draft) <= t && t <= dayIndex(o.window.end)) out.push(o);
    }
  }
  return out;
}

async function draftStep(deps: StepDeps, now: Date): Promise<{ claimed: number; enqueued: number }> {
  const due = dueOccurrences(deps.seasons, beijingDay(now));
  let claimed = 0;
  let enqueued = 0;
  for (const o of due) {
    const n = await deps.sql.transaction(async (tx) => {
      // A township with a bound liaison group gets a draft, once per season and year.
      const made = await tx.query<{ id: number; townshipId: number; name: string; path: string }>(
        `WITH t AS (
           SELECT t.id FROM "Area" t
            WHERE t.level = 'township'
              AND EXISTS (SELECT 1 FROM "LiaisonGroup" g JOIN "Area" a ON a.id = g."areaId" WHERE a.path LIKE t.path || '%')
         ), ins AS (
           INSERT INTO "SymposiumCampaign" ("townshipId", season, "seasonKind", year, "windowStart", "windowEnd", state, "createdAt")
           SELECT t.id, $1, $2, $3, $4, $5, 'draft', $6 FROM t
           ON CONFLICT ("townshipId", season, year) DO NOTHING
           RETURNING id, "townshipId"
         )
         SELECT ins.id, ins."townshipId", a.name, a.path FROM ins JOIN "Area" a ON a.id = ins."townshipId" ORDER BY ins.id`,
        [o.season.name, o.season.kind, o.year, o.window.start, o.window.end, now.toISOString()],
      );
      if (!made.length) return { claimed: 0, enqueued: 0 };
      const out: OutboxInput[] = [];
      for (const c of made) {
        const [{ n: pool } = { n: 0 }] = await tx.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "Candidate" c JOIN "Area" v ON v.id = c."villageId" WHERE ${pathUnder("v.path", 1)} AND c.stage <> 'exited'`,
          [c.path],
        );
        const label = { township: c.name, season: o.season.name, seasonKind: o.season.kind, year: o.year };
        for (const m of await organisersOf(tx, c.path)) {
          out.push({ key: `symposium:${c.id}:draft:${m.id}`, channel: m.channel, conversation: m.externalId, isGroup: false, text: T.draftNotice(label, o.window, pool), purpose: "symposium" });
        }
      }
      return { claimed: made.length, enqueued: await enqueue(tx, out, now) };
    });
    claimed += n.claimed;
    enqueued += n.enqueued;
  }
  return { claimed, enqueued };
}

/** The township's organisers, or when it has none the county administrators above it. */
async function organisersOf(tx: SqlRunner, townshipPath: string): Promise<{ id: number; channel: string; externalId: string }[]> {
  const own = await tx.query<{ id: number; channel: string; externalId: string }>(
    `SELECT m.id, m.channel, m."externalId" FROM "ChatMember" m JOIN "Area" a ON a.id = m."areaId"
      WHERE m.role = 'township_organiser' AND a.path = $1 ORDER BY m.id`,
    [townshipPath],
  );
  if (own.length) return own;
  return tx.query(
    `SELECT m.id, m.channel, m."externalId" FROM "ChatMember" m JOIN "Area" a ON a.id = m."areaId"
      WHERE m.role = 'county_admin' AND $1 LIKE a.path || '%' ORDER BY m.id`,
    [townshipPath],
  );
}

async function campaignsById(tx: SqlRunner, ids: number[]): Promise<Map<number, CampaignInfo>> {
  const rows = await tx.query<Omit<CampaignInfo, "startsAt"> & { startsAt: Date | string | null }>(
    `SELECT c.id, a.name AS township, a.path AS "townshipPath", c.season, c."seasonKind", c.year, c.revision, c.date, c."startsAt", c.place, c.agenda
       FROM "SymposiumCampaign" c JOIN "Area" a ON a.id = c."townshipId" WHERE c.id = ANY($1::int[])`,
    [ids],
  );
  // A raw timestamp without zone comes back as a string on some drivers; it is UTC.
  const asDate = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v : new Date(`${v.replace(" ", "T")}Z`));
  return new Map(rows.map((c) => [c.id, { ...c, startsAt: asDate(c.startsAt) }]));
}

/** The invitees given, with the chat account to write to (their first on any channel). */
async function peopleOf(tx: SqlRunner, inviteeIds: number[]): Promise<Person[]> {
  if (!inviteeIds.length) return [];
  return tx.query<Person>(
    `SELECT i.id AS "inviteeId", i."candidateId", i."campaignId", c.name, v.path AS "villagePath", m.channel, m."externalId", i."homeText", i."homeStatus"
       FROM "SymposiumInvitee" i
       JOIN "Candidate" c ON c.id = i."candidateId"
       JOIN "Area" v ON v.id = c."villageId"
       LEFT JOIN LATERAL (SELECT channel, "externalId" FROM "ChatMember" m WHERE m."candidateId" = c.id ORDER BY id LIMIT 1) m ON true
      WHERE i.id = ANY($1::int[])
      ORDER BY i.id`,
    [inviteeIds],
  );
}

/** The liaison groups of a township (its own, and its villages'). */
function groupsOf(tx: SqlRunner, townshipPath: string) {
  return tx.query<{ id: number; channel: string; externalId: string; path: string }>(
    `SELECT g.id, g.channel, g."externalId", a.path FROM "LiaisonGroup" g JOIN "Area" a ON a.id = g."areaId" WHERE ${pathUnder("a.path", 1)} ORDER BY g.id`,
    [townshipPath],
  );
}

/** One message per group, @-mentioning the people of the group's area if asked to (none are named in its text). */
async function groupNotices(tx: SqlRunner, c: CampaignInfo, people: Person[], key: string, text: string, mention: boolean): Promise<OutboxInput[]> {
  const out: OutboxInput[] = [];
  for (const g of await groupsOf(tx, c.townshipPath)) {
    const here = people.filter((p) => p.channel === g.channel && p.externalId && p.villagePath.startsWith(g.path));
    out.push({
      key: `${key}:group:${g.id}`,
      channel: g.channel,
      conversation: g.externalId,
      isGroup: true,
      text,
      mentions: mention ? here.map((p) => ({ id: p.externalId!, name: p.name })) : [],
      purpose: "symposium",
    });
  }
  return out;
}

function privately(p: Person, key: string, text: string): OutboxInput[] {
  if (!p.channel || !p.externalId) return [];
  return [{ key, channel: p.channel, conversation: p.externalId, isGroup: false, text, purpose: "symposium" }];
}

async function askStep(deps: StepDeps, now: Date) {
  return deps.sql.transaction(async (tx) => {
    const claimed = await tx.query<{ id: number }>(
      `UPDATE "SymposiumCampaign" SET "askedAt" = $1 WHERE state = 'asking' AND "askedAt" IS NULL RETURNING id`,
      [now.toISOString()],
    );
    if (!claimed.length) return { claimed: 0, enqueued: 0 };
    const campaigns = await campaignsById(tx, claimed.map((c) => c.id));
    const out: OutboxInput[] = [];
    for (const c of campaigns.values()) {
      const ids = await tx.query<{ id: number }>(`SELECT id FROM "SymposiumInvitee" WHERE "campaignId" = $1 ORDER BY id`, [c.id]);
      const people = await peopleOf(tx, ids.map((i) => i.id));
      out.push(...(await groupNotices(tx, c, people, `symposium:${c.id}:ask`, T.askInGroup(c), true)));
      if (deps.askPrivately) for (const p of people) out.push(...privately(p, `symposium:${c.id}:ask:${p.inviteeId}`, T.askPrivately(c, p.name)));
    }
    return { claimed: claimed.length, enqueued: await enqueue(tx, out, now) };
  });
}

/**
 * A step that claims invitees (`claim` returns their ids) and writes to each privately:
 * the claim and the messages commit together.
 */
async function privateStep(
  deps: StepDeps,
  now: Date,
  claim: (tx: SqlRunner) => Promise<{ id: number }[]>,
  message: (c: CampaignInfo, p: Person) => { key: string; text: string },
) {
  return deps.sql.transaction(async (tx) => {
    const claimed = await claim(tx);
    if (!claimed.length) return { claimed: 0, enqueued: 0 };
    const people = await peopleOf(tx, claimed.map((c) => c.id));
    const campaigns = await campaignsById(tx, [...new Set(people.map((p) => p.campaignId))]);
    const out = people.flatMap((p) => {
      const m = message(campaigns.get(p.campaignId)!, p);
      return privately(p, m.key, m.text);
    });
    return { claimed: claimed.length, enqueued: await enqueue(tx, out, now) };
  });
}

function homeNudgeStep(deps: StepDeps, now: Date) {
  // One reminder to those who said nothing, one follow-up to those who were unsure; then nothing more.
  const claim = (tx: SqlRunner) =>
    tx.query<{ id: number }>(
      `UPDATE "SymposiumInvitee" i SET "homeNudgedAt" = $1
         FROM "SymposiumCampaign" c
        WHERE c.id = i."campaignId" AND c.state = 'asking' AND i."homeNudgedAt" IS NULL
          AND ((i."homeStatus" IS NULL AND c."askedAt" <= $2) OR (i."homeStatus" = 'unclear' AND i."homeAt" <= $2))
        RETURNING i.id`,
      [now.toISOString(), new Date(now.getTime() - deps.homeReminderMs).toISOString()],
    );
  return privateStep(deps, now, claim, (c, p) => ({
    key: `symposium:${c.id}:home-nudge:${p.inviteeId}`,
    text: p.homeStatus === "unclear" ? T.homeFollowUp(c, p.name, p.homeText ?? "") : T.homeReminder(c, p.name),
  }));
}

const meetingOf = (c: CampaignInfo): T.Meeting => ({ date: c.date!, time: dayAndClock(c.startsAt!).clock, place: c.place ?? "", agenda: c.agenda });

async function inviteStep(deps: StepDeps, now: Date) {
  return deps.sql.transaction(async (tx) => {
    const claimed = await tx.query<{ id: number }>(
      `UPDATE "SymposiumCampaign" SET "invitedAt" = $1 WHERE state = 'invited' AND "invitedAt" IS NULL AND "startsAt" > $1 RETURNING id`,
      [now.toISOString()],
    );
    if (!claimed.length) return { claimed: 0, enqueued: 0 };
    const campaigns = await campaignsById(tx, claimed.map((c) => c.id));
    const out: OutboxInput[] = [];
    for (const c of campaigns.values()) {
      // Everyone but those who said they are not coming home this season.
      const ids = await tx.query<{ id: number }>(
        `UPDATE "SymposiumInvitee" SET "invitedAt" = $2 WHERE "campaignId" = $1 AND "homeStatus" IS DISTINCT FROM 'not_coming' RETURNING id`,
        [c.id, now.toISOString()],
      );
      const people = await peopleOf(tx, ids.map((i) => i.id));
      const m = meetingOf(c);
      const changed = c.revision > 1;
      const key = `symposium:${c.id}:r${c.revision}:invite`;
      out.push(...(await groupNotices(tx, c, people, key, T.invitationInGroup(c, m, changed), false)));
      for (const p of people) out.push(...privately(p, `${key}:${p.inviteeId}`, T.invitationPrivately(c, m, p.name, changed)));
    }
    return { claimed: claimed.length, enqueued: await enqueue(tx, out, now) };
  });
}

function rsvpNudgeStep(deps: StepDeps, now: Date) {
  const claim = (tx: SqlRunner) =>
    tx.query<{ id: number }>(
      `UPDATE "SymposiumInvitee" i SET "rsvpNudgedAt" = $1
         FROM "SymposiumCampaign" c
        WHERE c.id = i."campaignId" AND c.state = 'invited' AND c."startsAt" > $1
          AND i."invitedAt" <= $2 AND i.rsvp IS NULL AND i."rsvpNudgedAt" IS NULL
        RETURNING i.id`,
      [now.toISOString(), new Date(now.getTime() - deps.rsvpReminderMs).toISOString()],
    );
  return privateStep(deps, now, claim, (c, p) => ({
    key: `symposium:${c.id}:r${c.revision}:rsvp-nudge:${p.inviteeId}`,
    text: T.rsvpReminder(c, meetingOf(c), p.name),
  }));
}

/** To those attending: the day before (from 24 h ahead) and two hours before; the first is skipped once the second is due. */
function attendingStep(deps: StepDeps, now: Date, which: "eve" | "soon") {
  const column = which === "eve" ? "eveRemindedAt" : "soonRemindedAt";
  const [from, to] = which === "eve" ? [now.getTime() + 2 * HOUR, now.getTime() + 24 * HOUR] : [now.getTime(), now.getTime() + 2 * HOUR];
  const claim = (tx: SqlRunner) =>
    tx.query<{ id: number }>(
      `UPDATE "SymposiumInvitee" i SET "${column}" = $1
         FROM "SymposiumCampaign" c
        WHERE c.id = i."campaignId" AND c.state = 'invited' AND i.rsvp = 'yes' AND i."${column}" IS NULL
          AND c."startsAt" > $2 AND c."startsAt" <= $3 ${which === "eve" ? `AND i."soonRemindedAt" IS NULL` : ""}
        RETURNING i.id`,
      [now.toISOString(), new Date(from).toISOString(), new Date(to).toISOString()],
    );
  return privateStep(deps, now, claim, (c, p) => {
    const m = meetingOf(c);
    return { key: `symposium:${c.id}:r${c.revision}:${which}:${p.inviteeId}`, text: which === "eve" ? T.eveReminder(c, m, p.name) : T.soonReminder(m, p.name) };
  });
}

/** How long after a season's window the summary may still go out (a restart after that sends none). */
const SUMMARY_DAYS = 7;

/**
 * After the season's window, the township organisers get the campaign's summary once
 * (the outbox key is the "once": a campaign is looked at for SUMMARY_DAYS after its window).
 */
async function summaryStep(deps: StepDeps, now: Date) {
  const today = beijingDay(now);
  const from = isoOfIndex(dayIndex(today) - SUMMARY_DAYS);
  return deps.sql.transaction(async (tx) => {
    const rows = await tx.query<T.CampaignLabel & { id: number; townshipPath: string; state: string } & Record<"invited" | "answered" | "coming" | "attended" | "ideas" | "closed", number>>(
      `SELECT c.id, a.name AS township, a.path AS "townshipPath", c.season, c."seasonKind", c.year, c.state::text AS state,
              (SELECT count(*)::int FROM "SymposiumInvitee" i WHERE i."campaignId" = c.id) AS invited,
              (SELECT count(*)::int FROM "SymposiumInvitee" i WHERE i."campaignId" = c.id AND i."homeStatus" IS NOT NULL) AS answered,
              (SELECT count(*)::int FROM "SymposiumInvitee" i WHERE i."campaignId" = c.id AND i."homeStatus" = 'coming') AS coming,
              (SELECT count(*)::int FROM "SymposiumInvitee" i WHERE i."campaignId" = c.id AND i."signedInAt" IS NOT NULL) AS attended,
              (SELECT count(*)::int FROM "SymposiumIdea" s WHERE s."campaignId" = c.id) AS ideas,
              (SELECT count(*)::int FROM "SymposiumIdea" s JOIN "FeedbackItem" f ON f.id = s."feedbackId" WHERE s."campaignId" = c.id AND f.status = 'closed') AS closed
         FROM "SymposiumCampaign" c JOIN "Area" a ON a.id = c."townshipId"
        WHERE c.state IN ('asking', 'invited', 'held') AND c."windowEnd" < $1 AND c."windowEnd" >= $2
        ORDER BY c.id`,
      [today, from],
    );
    const out: OutboxInput[] = [];
    for (const c of rows) {
      const text = T.seasonSummary(c, T.STATE_LABEL[c.state]!, c);
      for (const m of await organisersOf(tx, c.townshipPath)) {
        out.push({ key: `symposium:${c.id}:summary:${m.id}`, channel: m.channel, conversation: m.externalId, isGroup: false, text, purpose: "symposium" });
      }
    }
    const enqueued = await enqueue(tx, out, now);
    return { claimed: enqueued ? rows.length : 0, enqueued };
  });
}

/**
 * A meeting cancelled after its invitations went out: the group and everyone invited
 * are told, once (the outbox keys), while the meeting's time has not passed.
 */
async function cancelStep(deps: StepDeps, now: Date) {
  return deps.sql.transaction(async (tx) => {
    const ids = await tx.query<{ id: number }>(
      `SELECT id FROM "SymposiumCampaign" WHERE state = 'cancelled' AND "invitedAt" IS NOT NULL AND "startsAt" > $1 ORDER BY id`,
      [now.toISOString()],
    );
    if (!ids.length) return { claimed: 0, enqueued: 0 };
    const campaigns = await campaignsById(tx, ids.map((c) => c.id));
    const out: OutboxInput[] = [];
    for (const c of campaigns.values()) {
      const invited = await tx.query<{ id: number }>(`SELECT id FROM "SymposiumInvitee" WHERE "campaignId" = $1 AND "invitedAt" IS NOT NULL ORDER BY id`, [c.id]);
      const people = await peopleOf(tx, invited.map((i) => i.id));
      const m = meetingOf(c);
      const key = `symposium:${c.id}:r${c.revision}:cancel`;
      out.push(...(await groupNotices(tx, c, people, key, T.cancelledInGroup(c, m), false)));
      for (const p of people) out.push(...privately(p, `${key}:${p.inviteeId}`, T.cancelledPrivately(c, m, p.name)));
    }
    const enqueued = await enqueue(tx, out, now);
    return { claimed: enqueued ? campaigns.size : 0, enqueued };
  });
}
