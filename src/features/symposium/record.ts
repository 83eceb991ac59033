// What a person's file (一人一档) shows of the symposiums they were asked to: answered
// when and what, RSVP, attended or not, and the ideas they raised there.
import type { Db } from "../../db/database.ts";
import { formatDate } from "../../domain/time.ts";
import { RSVP_LABEL, answerLabel } from "./texts.ts";

export interface SymposiumRecord {
  campaignId: number;
  title: string;
  seasonKind: string;
  state: string;
  date: string | null;
  home: { status: string | null; from: string | null; to: string | null; at: Date | null };
  rsvp: string | null;
  attendance: "present" | "late" | "absent_with_leave" | "absent" | null;
  ideas: number;
}

/** Attendance as the file shows it; before the minutes nobody is "absent" yet. */
export function attendanceOf(i: { signedInAt: Date | null; rsvp: string | null }, startsAt: Date | null, lateMs: number, held: boolean): SymposiumRecord["attendance"] {
  if (i.signedInAt) return startsAt && i.signedInAt.getTime() > startsAt.getTime() + lateMs ? "late" : "present";
  if (!held) return null;
  return i.rsvp === "no" ? "absent_with_leave" : "absent";
}

const ATTENDANCE: Record<NonNullable<SymposiumRecord["attendance"]>, string> = { present: "已到会", late: "已到会（迟到）", absent_with_leave: "请假未到", absent: "未到会" };

export async function symposiumRecords(prisma: Db, candidateId: number, lateMs: number): Promise<SymposiumRecord[]> {
  const rows = await prisma.symposiumInvitee.findMany({
    where: { candidateId, campaign: { state: { not: "cancelled" } } },
    include: { campaign: { include: { township: { select: { name: true } } } } },
    orderBy: { campaignId: "desc" },
    take: 10,
  });
  // Most people have no symposium yet: no second round trip for them.
  if (!rows.length) return [];
  const ideas = await prisma.symposiumIdea.groupBy({ by: ["campaignId"], where: { campaignId: { in: rows.map((r) => r.campaignId) }, feedback: { candidateId } }, _count: { _all: true } });
  return rows.map((r) => ({
    campaignId: r.campaignId,
    title: `${r.campaign.year}年${r.campaign.season}（${r.campaign.township.name}）`,
    seasonKind: r.campaign.seasonKind,
    state: r.campaign.state,
    date: r.campaign.date,
    home: { status: r.homeStatus, from: r.homeFrom, to: r.homeTo, at: r.homeAt },
    rsvp: r.rsvp,
    attendance: attendanceOf(r, r.campaign.startsAt, lateMs, r.campaign.state === "held"),
    ideas: ideas.find((i) => i.campaignId === r.campaignId)?._count._all ?? 0,
  }));
}

/** "座谈会 2027年春节（青山镇）：1月17日答复，2月1日…到家；报名参加；已到会；会上建议1条". */
export function symposiumLines(records: SymposiumRecord[]): string[] {
  return records.map((r) => {
    const parts: string[] = [];
    const h = r.home;
    parts.push(h.status ? `${formatDate(h.at!)}答复：${answerLabel(h.status === "coming" ? { status: "coming", from: h.from, to: h.to } : { status: h.status as "not_coming" | "unclear" }, r.seasonKind)}` : "未答复回乡时间");
    if (r.rsvp) parts.push(`报名：${RSVP_LABEL[r.rsvp]}`);
    if (r.attendance) parts.push(ATTENDANCE[r.attendance]);
    if (r.ideas) parts.push(`会上建议${r.ideas}条`);
    return `座谈会 ${r.title}：${parts.join("；")}`;
  });
}
