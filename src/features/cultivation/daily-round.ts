// The daily cultivation round: ask reserves privately for their period's report,
// remind once those who have not answered, remind mentors with nothing logged
// this month, and tell organisers which pairs have gone quiet for 60 days.
// Each message's outbox key names the person and the period, so nobody hears the
// same thing twice; everything waits for the end of quiet hours.
// Raw SQL: the selections and the outbox rows go in one transaction.
import type { Logger } from "../../core/logger.ts";
import type { SqlRunner } from "../../db/database.ts";
import { monthKey, monthStart, periodLabel, reportPeriod } from "../../domain/cultivation/light-touch.ts";
import { sendableAt, type QuietHours } from "../../domain/quiet-hours.ts";
import { areaContains } from "../../domain/area.ts";
import { STALE_PAIR_DAYS } from "../../domain/cultivation/mentoring.ts";
import { TIME_ZONE } from "../../domain/time.ts";
import { DAY_MS, wallClock } from "../../domain/zoned-time.ts";
import { enqueue, type OutboxInput } from "../../outbox/service.ts";

export const CULTIVATION_JOB = "cultivation-daily";
/** Mentors hear about an empty month from this day of the month on. */
export const MENTOR_REMINDER_DAY = 20;

export interface RoundDeps {
  sql: SqlRunner;
  log: Logger;
  quiet: QuietHours;
  rhythm: "monthly" | "quarterly";
  reminderDays: number;
}

interface Recipient {
  id: number;
  name: string;
  channel: string;
  externalId: string;
}

export async function runCultivationRound(deps: RoundDeps, slot: Date, now: Date): Promise<{ prompts: number; reminders: number; mentors: number; flags: number }> {
  const period = reportPeriod(slot, deps.rhythm);
  const month = monthKey(slot);
  const at = sendableAt(now, deps.quiet);
  const label = periodLabel(period);
  const result = await deps.sql.transaction(async (tx) => {
    // People in training or in the pool, through their first chat account, with no report this period.
    const silent = await tx.query<Recipient & { prompted: Date | null }>(
      `SELECT c.id, c.name, m.channel, m."externalId",
              (SELECT o."createdAt" FROM "OutboxMessage" o WHERE o.key = 'report-prompt:' || c.id || ':' || $1) AS prompted
         FROM "Candidate" c
         JOIN LATERAL (SELECT channel, "externalId" FROM "ChatMember" m WHERE m."candidateId" = c.id ORDER BY id LIMIT 1) m ON true
        WHERE c.stage IN ('trainee', 'reserve')
          AND NOT EXISTS (SELECT 1 FROM "CultivationReport" r WHERE r."candidateId" = c.id AND r.period = $1)
        ORDER BY c.id`,
      [period],
    );
    const prompts: OutboxInput[] = [];
    const reminders: OutboxInput[] = [];
    const due = now.getTime() - deps.reminderDays * DAY_MS;
    for (const p of silent) {
      const base = { channel: p.channel, conversation: p.externalId, isGroup: false } as const;
      if (!p.prompted) {
        prompts.push({ ...base, key: `report-prompt:${p.id}:${period}`, purpose: "report-prompt", text: promptText(p.name, label) });
      } else if (new Date(p.prompted).getTime() <= due) {
        reminders.push({ ...base, key: `report-remind:${p.id}:${period}`, purpose: "report-remind", text: reminderText(p.name, label) });
      }
    }
    const mentors = wallClock(slot.getTime(), TIME_ZONE).d >= MENTOR_REMINDER_DAY ? await mentorReminders(tx, slot, month) : [];
    const flags = await quietPairFlags(tx, now, month);
    // Count only what is new: a key already queued (today, or on an earlier day) is never sent again.
    const candidates = [...prompts, ...reminders, ...mentors, ...flags];
    const known = new Set((await tx.query<{ key: string }>(`SELECT key FROM "OutboxMessage" WHERE key = ANY($1::text[])`, [candidates.map((m) => m.key)])).map((r) => r.key));
    const fresh = candidates.filter((m) => !known.has(m.key));
    await enqueue(tx, fresh, at);
    const n = (purpose: string) => fresh.filter((m) => m.purpose === purpose).length;
    return { prompts: n("report-prompt"), reminders: n("report-remind"), mentors: n("mentor-remind"), flags: n("mentor-flag") };
  });
  deps.log.info("cultivation round queued", { period, ...result });
  return result;
}

/** Mentors with open pairs older than this month and nothing logged in it. */
async function mentorReminders(tx: SqlRunner, slot: Date, month: string): Promise<OutboxInput[]> {
  const start = monthStart(slot).toISOString();
  const rows = await tx.query<Recipient & { mentees: string[] }>(
    `SELECT m.id, m."displayName" AS name, m.channel, m."externalId", array_agg(c.name ORDER BY c.id) AS mentees
       FROM "MentorPair" p JOIN "ChatMember" m ON m.id = p."mentorId" JOIN "Candidate" c ON c.id = p."candidateId"
      WHERE p."endedAt" IS NULL AND p."startedAt" < $1
        AND NOT EXISTS (SELECT 1 FROM "MentorLog" l JOIN "MentorPair" q ON q.id = l."pairId" WHERE q."mentorId" = m.id AND l.at >= $1)
      GROUP BY m.id ORDER BY m.id`,
    [start],
  );
  return rows.map((m) => ({
    key: `mentor-remind:${m.id}:${month}`,
    channel: m.channel,
    conversation: m.externalId,
    isGroup: false,
    purpose: "mentor-remind",
    text: `${m.name}您好，本月还没有记录与${m.mentees.join("、")}的帮带联系。方便时聊一聊，再发“/帮带 记录 @姓名 谈了什么”即可。本月只提醒这一次。`,
  }));
}

/** Pairs with no contact for 60 days, to the township organisers whose area covers the mentee: one message each a month. */
async function quietPairFlags(tx: SqlRunner, now: Date, month: string): Promise<OutboxInput[]> {
  const cutoff = new Date(now.getTime() - STALE_PAIR_DAYS * DAY_MS).toISOString();
  const pairs = await tx.query<{ id: number; mentee: string; mentor: string; path: string }>(
    `SELECT p.id, c.name AS mentee, m."displayName" AS mentor, v.path
       FROM "MentorPair" p JOIN "Candidate" c ON c.id = p."candidateId" JOIN "Area" v ON v.id = c."villageId" JOIN "ChatMember" m ON m.id = p."mentorId"
      WHERE p."endedAt" IS NULL AND p."startedAt" <= $1
        AND NOT EXISTS (SELECT 1 FROM "MentorLog" l WHERE l."pairId" = p.id AND l.at > $1)
      ORDER BY p.id`,
    [cutoff],
  );
  if (!pairs.length) return [];
  const out: OutboxInput[] = [];
  const organisers = await tx.query<Recipient & { path: string }>(
    `SELECT m.id, m."displayName" AS name, m.channel, m."externalId", a.path FROM "ChatMember" m JOIN "Area" a ON a.id = m."areaId" WHERE m.role = 'township_organiser' ORDER BY m.id`,
  );
  for (const o of organisers) {
    const theirs = pairs.filter((p) => areaContains(o, p));
    if (!theirs.length) continue;
    const lines = theirs.map((p) => `· ${p.mentor} — ${p.mentee}`);
    out.push({
      key: `mentor-flag:${o.id}:${month}`,
      channel: o.channel,
      conversation: o.externalId,
      isGroup: false,
      purpose: "mentor-flag",
      text: [`以下结对已${STALE_PAIR_DAYS}天以上没有帮带记录，供您了解（仅您可见）：`, ...lines].join("\n"),
    });
  }
  return out;
}

export function promptText(name: string, label: string): string {
  return `${name}您好，${label}的定期汇报：简单说说这段时间的思想、工作、学习情况就好，几句话即可，不需要截图。回复“/汇报 思想：… 工作：… 学习：…”。汇报只有您本人、帮带人和负责的干部能看到。`;
}

export function reminderText(name: string, label: string): string {
  return `${name}您好，${label}的汇报还没收到。有空时回复“/汇报 …”即可；这是本期唯一一次提醒。`;
}
