import { usage } from "../../core/errors.ts";
import type { Prisma } from "../../db/database.ts";
import { minimumGapMs } from "../../domain/schedule/min-gap.ts";
import { underArea, type AreaRef } from "../../domain/area.ts";
import type { ReminderKind, ScheduleStatus } from "../../domain/glossary.ts";
import { nextFiring } from "../../domain/schedule/firings.ts";
import type { ScheduleSpec } from "../../domain/schedule/spec.ts";
import type { ScheduleRow } from "./schedule-row.ts";
import { specOf } from "./schedule-row.ts";

export interface NewSchedule {
  kind: ReminderKind;
  target: { groupId: number } | { areaId: number };
  spec: ScheduleSpec;
  /** For a one-off: fire this many minutes before `spec.at`. */
  leadMinutes: number;
  timeZone: string;
  topic: string | null;
  link: string | null;
  place: string | null;
  template: string;
  createdById: number;
}

/**
 * Store a new schedule. One firing more often than `minIntervalMs` (REMINDER_MIN_INTERVAL_MINUTES)
 * is refused here, where every way of creating a reminder passes: `* * * * *` would spend
 * the county's daily sending cap in a few hours.
 */
export async function createSchedule(prisma: Prisma, s: NewSchedule, now: Date, minIntervalMs: number): Promise<ScheduleRow> {
  const gap = minimumGapMs(s.spec, now, s.timeZone);
  if (gap < minIntervalMs) {
    throw usage(
      `提醒太频繁了：这个时间最短每${durationText(gap)}就发一次，两次之间至少要隔${durationText(minIntervalMs)}。`,
      "/提醒 新增 在线学习 每天 20:00　或　0 20 * * 1-5（分 时 日 月 周）",
    );
  }
  const row = {
    cron: s.spec.kind === "cron" ? s.spec.expr : null,
    weekInterval: s.spec.kind === "cron" ? (s.spec.everyWeeks?.n ?? null) : null,
    weekAnchor: s.spec.kind === "cron" ? (s.spec.everyWeeks?.anchor ?? null) : null,
    onceAt: s.spec.kind === "once" ? s.spec.at : null,
    leadMinutes: s.spec.kind === "once" ? s.leadMinutes : 0,
    timeLabel: s.spec.label,
  };
  return prisma.schedule.create({
    data: {
      kind: s.kind,
      ...("groupId" in s.target ? { groupId: s.target.groupId } : { areaId: s.target.areaId }),
      ...row,
      timeZone: s.timeZone,
      topic: s.topic,
      link: s.link,
      place: s.place,
      template: s.template,
      nextFiringAt: nextFiring(specOf(row), now, s.timeZone),
      createdById: s.createdById,
    },
  });
}

export type ScheduleWithTarget = ScheduleRow & { group: { topic: string; area: { path: string } } | null; area: AreaRef | null };

const withTarget = {
  group: { select: { topic: true, area: { select: { path: true } } } },
  area: { select: { id: true, name: true, level: true, path: true } },
} as const;

export async function findSchedule(prisma: Prisma, id: number): Promise<ScheduleWithTarget | null> {
  return prisma.schedule.findFirst({ where: { id, deletedAt: null }, include: withTarget });
}

/** The area a schedule's rights are judged by: its group's, or its own. */
export function scheduleArea(s: ScheduleWithTarget): { path: string } {
  return s.group?.area ?? s.area!;
}

/** Ids of an area and everything above it ("/1/4/9/" → 1, 4, 9). */
const lineage = (path: string) => path.split("/").filter(Boolean).map(Number);

/**
 * Schedules that reach a group (its own and those of the areas it lies in), or, for a
 * cadre in a private chat, those inside an area. The database filters, by index.
 */
export async function listSchedules(prisma: Prisma, where: { group: { id: number; area: AreaRef } } | { area: AreaRef }, take = 200): Promise<ScheduleWithTarget[]> {
  const target =
    "group" in where
      ? { OR: [{ groupId: where.group.id }, { areaId: { in: lineage(where.group.area.path) } }] }
      : { OR: [{ area: underArea(where.area) }, { group: { area: underArea(where.area) } }] };
  return prisma.schedule.findMany({
    where: { deletedAt: null, status: { not: "finished" }, ...target },
    include: withTarget,
    orderBy: { id: "asc" },
    take,
  });
}

/** Pause, resume or delete. Resuming starts from now: firings missed while paused are not sent. */
export async function setScheduleStatus(prisma: Prisma, s: ScheduleRow, to: ScheduleStatus | "deleted", now: Date): Promise<void> {
  if (to === "deleted") {
    await prisma.schedule.update({ where: { id: s.id }, data: { deletedAt: now } });
    return;
  }
  const nextFiringAt = to === "active" ? nextFiring(specOf(s), now, s.timeZone) : s.nextFiringAt;
  await prisma.schedule.update({ where: { id: s.id }, data: { status: to === "active" && !nextFiringAt ? "finished" : to, nextFiringAt } });
}

/** "1分钟", "2小时", "1小时30分钟", "3天" */
function durationText(ms: number): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes % 1440 === 0) return `${minutes / 1440}天`;
  if (minutes < 60) return `${minutes}分钟`;
  return `${Math.floor(minutes / 60)}小时${minutes % 60 ? `${minutes % 60}分钟` : ""}`;
}
