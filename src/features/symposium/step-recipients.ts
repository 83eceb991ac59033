// Whom the symposium's steps write to (organisers, invitees, liaison groups) and the
// outbox messages to them; privateStep is the frame of the steps that write to each
// invitee alone. Raw SQL, inside the steps' transactions.
import type { SqlRunner } from "../../db/database.ts";
import { pathUnder } from "../../db/area-sql.ts";
import type { IsoDate } from "../../domain/symposium/calendar-day.ts";
import { dayAndClock } from "../../domain/time.ts";
import { enqueue, type OutboxInput } from "../../outbox/service.ts";
import type { StepDeps } from "./steps.ts";
import * as T from "./texts.ts";

export interface CampaignInfo extends T.CampaignLabel {
  id: number;
  townshipPath: string;
  revision: number;
  date: IsoDate | null;
  startsAt: Date | null;
  place: string | null;
  agenda: string | null;
}

export interface Person {
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

/** The township's organisers, or when it has none the county administrators above it. */
export async function organisersOf(tx: SqlRunner, townshipPath: string): Promise<{ id: number; channel: string; externalId: string }[]> {
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

export async function campaignsById(tx: SqlRunner, ids: number[]): Promise<Map<number, CampaignInfo>> {
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
export async function peopleOf(tx: SqlRunner, inviteeIds: number[]): Promise<Person[]> {
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
export async function groupNotices(tx: SqlRunner, c: CampaignInfo, people: Person[], key: string, text: string, mention: boolean): Promise<OutboxInput[]> {
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

export function privately(p: Person, key: string, text: string): OutboxInput[] {
  if (!p.channel || !p.externalId) return [];
  return [{ key, channel: p.channel, conversation: p.externalId, isGroup: false, text, purpose: "symposium" }];
}
/**
 * A step that claims invitees (`claim` returns their ids) and writes to each privately:
 * the claim and the messages commit together.
 */
export async function privateStep(
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

export const meetingOf = (c: CampaignInfo): T.Meeting => ({ date: c.date!, time: dayAndClock(c.startsAt!).clock, place: c.place ?? "", agenda: c.agenda });
