// Before each season: a draft campaign for every township with a liaison group, and a
// private notice of it to the township's organisers.
// Raw SQL: what the step takes and the messages it queues commit in one transaction (see steps.ts).
import { pathUnder } from "../../db/area-sql.ts";
import { dayIndex, type IsoDate } from "../../domain/symposium/calendar-day.ts";
import { seasonIn, type SeasonConfig, type SeasonOccurrence } from "../../domain/symposium/seasons.ts";
import { enqueue, type OutboxInput } from "../../outbox/service.ts";
import { beijingDay } from "./service.ts";
import { organisersOf } from "./step-recipients.ts";
import type { StepDeps } from "./steps.ts";
import * as T from "./texts.ts";

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

export async function draftStep(deps: StepDeps, now: Date): Promise<{ claimed: number; enqueued: number }> {
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
