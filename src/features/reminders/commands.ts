import { z } from "zod";
import { forbidden, notFound, usage } from "../../core/errors.ts";
import { itemNumber, keyValues, normalise, tokens } from "../../domain/command-parser.ts";
import { fromLabel, REMINDER_KIND, REMINDER_KIND_ALIASES, SCHEDULE_STATUS, type ReminderKind } from "../../domain/glossary.ts";
import { atLeast, inScope } from "../../domain/permissions.ts";
import { checkTemplate, DEFAULT_TEMPLATES, renderTemplate } from "../../domain/reminder-template.ts";
import { MAX_LEAD_MINUTES, parseLead } from "../../domain/schedule/lead.ts";
import { parseLeadingSchedule, SCHEDULE_EXAMPLES } from "../../domain/schedule/phrase.ts";
import type { ScheduleSpec } from "../../domain/schedule/spec.ts";
import { dayAndClock, TIME_ZONE } from "../../domain/time.ts";
import { underArea } from "../../domain/area.ts";
import { clip, cutLines, excerpt } from "../../domain/text.ts";
import type { FiledContext } from "../context.ts";
import { resolveArea } from "../areas/service.ts";
import { audit } from "../audit.ts";
import type { Command } from "../router.ts";
import { createSchedule, findSchedule, listSchedules, scheduleArea, setScheduleStatus, type ScheduleWithTarget } from "./service.ts";

/** Reminders listed in one reply; a county's area view may hold many more. */
const MAX_LISTED = 15;

const USAGE = [
  "/提醒 — 看本群的提醒",
  "/提醒 新增 [类型] 时间 [主题] [链接=…] [地点=…] [范围=乡镇或县] [模板=…] [提前=1天]",
  "  例：/提醒 新增 在线学习 每天 20:00",
  "  例：/提醒 新增 主题党日 每月1日 9:00 学习新修订的党章",
  "  例：/提醒 新增 培训 2027-01-15 14:00 电商直播培训 地点=镇党校三楼（提前1天提醒；提前=2小时 可改）",
  "/提醒 暂停 #编号 ｜ /提醒 恢复 #编号 ｜ /提醒 删除 #编号",
  `类型：${Object.values(REMINDER_KIND).join("、")}；时间例：${SCHEDULE_EXAMPLES}，或 cron 表达式“0 20 * * 1-5”`,
].join("\n");

const KEYS = { 主题: "topic", 链接: "link", 地点: "place", 范围: "scope", 模板: "template", 时区: "timeZone", 提前: "lead" } as const;
/** A training's reminder goes out a day ahead unless 提前= says otherwise. */
const TRAINING_LEAD_MINUTES = 1440;
const Link = z.url({ protocol: /^https?$/, message: "链接要以 http:// 或 https:// 开头" });

const CHANGES = new Map<string, "paused" | "active" | "deleted">([
  ["暂停", "paused"], ["pause", "paused"],
  ["恢复", "active"], ["resume", "active"],
  ["删除", "deleted"], ["取消", "deleted"], ["delete", "deleted"],
]);

export const reminders: Command = {
  names: ["提醒", "remind", "reminder", "schedule"],
  summary: "学习提醒：查看、新增、暂停、恢复、删除（新增等须村干部及以上）",
  usage: "/提醒 ｜ /提醒 新增 在线学习 每天 20:00 ｜ /提醒 暂停 #3",
  minRole: "reserve",
  async run(ctx, rest) {
    const [verb, ...more] = tokens(rest);
    const v = normalise(verb ?? "");
    if (v === "" || ["列表", "查看", "list"].includes(v)) return list(ctx);
    if (["新增", "新建", "添加", "增加", "add", "new"].includes(v)) return create(ctx, rest.slice(rest.indexOf(verb!) + verb!.length));
    const to = CHANGES.get(v);
    if (to) return change(ctx, more[0], to);
    throw usage(`没有“${excerpt(verb ?? "", 10)}”这个操作。`, USAGE);
  },
};

function requireCadre(ctx: FiledContext) {
  if (!atLeast(ctx.filed.actor.role, "village_cadre")) throw forbidden("新增、暂停、恢复、删除提醒须村干部及以上。");
}

async function list(ctx: FiledContext) {
  const { filed } = ctx;
  const prisma = ctx.services.db.prisma;
  let rows: ScheduleWithTarget[];
  let where: string;
  if (filed.group) {
    rows = await listSchedules(prisma, { group: filed.group });
    where = filed.group.topic;
  } else if (filed.actor.area && atLeast(filed.actor.role, "village_cadre")) {
    rows = await listSchedules(prisma, { area: filed.actor.area });
    where = filed.actor.area.name;
  } else {
    throw usage("请在联系群里发送，查看本群的提醒。", "/提醒");
  }
  if (!rows.length) {
    await ctx.reply(`${where}还没有提醒。${atLeast(filed.actor.role, "village_cadre") ? `\n新增：/提醒 新增 在线学习 每天 20:00` : ""}`);
    return;
  }
  const lines = rows.map((s) => {
    const next = s.status === "active" && s.nextFiringAt ? `下次 ${whenText(s.nextFiringAt)}` : SCHEDULE_STATUS[s.status];
    const target = s.group ? s.group.topic : `${s.area!.name}各群`;
    return `#${s.id} ${REMINDER_KIND[s.kind]}${s.topic ? `「${excerpt(s.topic, 20)}」` : ""}：${s.timeLabel}，发到${target}；${next}`;
  });
  await ctx.reply([`【${where}的提醒】`, ...cutLines(lines, MAX_LISTED, "全部提醒可在接口 /api/schedules 查看。")].join("\n"));
}

function whenText(d: Date): string {
  const w = dayAndClock(d);
  return `${w.day} ${w.clock}`;
}

async function create(ctx: FiledContext, text: string) {
  requireCadre(ctx);
  const { filed } = ctx;
  const prisma = ctx.services.db.prisma;
  let body = text.trim();
  let kind: ReminderKind = "other";
  const first = tokens(body)[0];
  const k = first ? fromLabel(REMINDER_KIND, first, REMINDER_KIND_ALIASES) : undefined;
  if (first && k) {
    kind = k;
    body = body.slice(body.indexOf(first) + first.length).trim();
  }
  // The zone must be known before the time is read; it is one of the key=value fields.
  const tzField = /(?:^|\s)时区[=＝:：](\S+)/.exec(body);
  const timeZone = tzField ? tzField[1]! : TIME_ZONE;
  if (!validZone(timeZone)) throw usage(`时区“${excerpt(timeZone, 40)}”不认识，请写成 Asia/Shanghai 这样的名称。`, USAGE);
  const parsed = parseLeadingSchedule(body, ctx.now(), timeZone);
  if (!parsed.ok) throw usage(parsed.error, USAGE);
  const { positional, fields } = keyValues(parsed.rest);
  const unknown = Object.keys(fields).filter((f) => !Object.hasOwn(KEYS, f));
  if (unknown.length) throw usage(`不认识“${excerpt(unknown.join("、"), 20)}”，可以写：${Object.keys(KEYS).map((k) => k + "=").join("、")}`, USAGE);
  const topic = clip(fields["主题"] ?? positional.join(" "), 100, "") || null;
  let link = fields["链接"] ?? null;
  if (link !== null) {
    const r = Link.safeParse(link);
    if (!r.success) throw usage(r.error.issues[0]!.message, USAGE);
    link = r.data;
  }
  const leadMinutes = leadFor(kind, parsed.spec, fields["提前"], ctx.now());
  const template = fields["模板"] ?? DEFAULT_TEMPLATES[kind];
  const checked = checkTemplate(template);
  if (!checked.ok) throw usage(checked.error, USAGE);

  let target: { groupId: number } | { areaId: number };
  let targetPath: string;
  let targetName: string;
  let scope: string | null = null;
  if (fields["范围"]) {
    const area = await resolveArea(prisma, fields["范围"], "/提醒 新增 在线学习 每天 20:00 范围=青山镇");
    target = { areaId: area.id };
    targetPath = area.path;
    targetName = `${area.name}的各联系群`;
    scope = area.name;
  } else if (filed.group) {
    target = { groupId: filed.group.id };
    targetPath = filed.group.area.path;
    targetName = filed.group.topic;
  } else {
    throw usage("私聊里新增提醒，请写明范围，比如 范围=青山镇；在联系群里发送则发到本群。", USAGE);
  }
  if (!inScope(filed.actor, { path: targetPath })) {
    throw forbidden(`您分管的是${filed.actor.area?.name ?? "（未设置）"}，不能给${targetName}设提醒。`);
  }
  // Groups are usually bound to a township: a village's reminder would reach nobody.
  if (scope !== null && (await prisma.liaisonGroup.count({ where: { area: underArea({ path: targetPath }) } })) === 0) {
    throw usage(`${scope}还没有绑定的联系群，这个提醒发不到任何群。请在要提醒的联系群里发送，或先在群里用 /绑定群 绑定。`, "/提醒 新增 在线学习 每天 20:00 范围=青山镇");
  }
  const s = await createSchedule(
    prisma,
    { kind, target, spec: parsed.spec, leadMinutes, timeZone, topic, link, place: fields["地点"] === undefined ? null : clip(fields["地点"], 100, ""), template, createdById: filed.member.id },
    ctx.now(),
    ctx.services.config.reminderMinIntervalMs,
  );
  await audit(prisma, { actorId: filed.member.id, action: "schedule:create", outcome: "ok", entity: "Schedule", entityId: String(s.id), detail: { kind, time: parsed.spec.label, target } });
  // As the message will read: a one-off's own date and time, else the firing's.
  const when = dayAndClock(s.onceAt ?? s.nextFiringAt ?? ctx.now());
  const preview = renderTemplate(template, { 群名: filed.group?.topic ?? targetName, 日期: when.day, 时间: when.clock, 主题: topic ?? "", 链接: link ?? "", 地点: s.place ?? "" });
  await ctx.reply(
    `已设好提醒 #${s.id}（${REMINDER_KIND[kind]}）：${parsed.spec.label}${timeZone !== TIME_ZONE ? `（${timeZone}）` : ""}，发到${targetName}。` +
      `\n下次：${s.nextFiringAt ? whenText(s.nextFiringAt) : "无"}${s.leadMinutes ? `（提前${leadText(s.leadMinutes)}）` : ""}\n内容：${preview}`,
  );
}

async function change(ctx: FiledContext, token: string | undefined, to: "paused" | "active" | "deleted") {
  requireCadre(ctx);
  const id = itemNumber(token);
  const word = { paused: "暂停", active: "恢复", deleted: "删除" }[to];
  if (id === undefined) throw usage("请写明提醒编号，如 #3。发送 /提醒 查看编号。", `/提醒 ${word} #3`);
  const prisma = ctx.services.db.prisma;
  const s = await findSchedule(prisma, id);
  if (!s) throw notFound(`没有编号 #${id} 的提醒。发送 /提醒 查看编号。`);
  if (!inScope(ctx.filed.actor, scheduleArea(s))) throw forbidden(`提醒 #${id} 不在您分管的范围内。`);
  if (to !== "deleted" && s.status === to) {
    await ctx.reply(`提醒 #${id} 已经是${SCHEDULE_STATUS[to]}。`);
    return;
  }
  if (to === "active" && s.status === "finished") throw usage(`提醒 #${id} 已经结束（一次性提醒已发出），请新增一个。`, "/提醒 新增 …");
  await setScheduleStatus(prisma, s, to, ctx.now());
  await audit(prisma, { actorId: ctx.filed.member.id, action: `schedule:${to}`, outcome: "ok", entity: "Schedule", entityId: String(id) });
  const after = to === "active" ? await findSchedule(prisma, id) : null;
  await ctx.reply(
    to === "active"
      ? `已恢复提醒 #${id}，下次：${after?.nextFiringAt ? whenText(after.nextFiringAt) : "无"}。暂停期间错过的不补发。`
      : `已${word}提醒 #${id}（${s.timeLabel}${s.topic ? `「${s.topic}」` : ""}）。`,
  );
}

/**
 * Minutes a one-off reminder goes out before its time: 提前= if given, a day for a
 * training. A default lead that would fall in the past shrinks to "at the next minute".
 */
function leadFor(kind: ReminderKind, spec: ScheduleSpec, given: string | undefined, now: Date): number {
  if (given !== undefined) {
    if (spec.kind !== "once") throw usage("提前=只用于一次性的提醒（如培训）；按周期的提醒请直接写提醒的时间。", USAGE);
    const minutes = parseLead(given);
    if (minutes === null) throw usage(`没看懂提前“${excerpt(given, 10)}”，可以写 1天、2小时、30分钟（最多${MAX_LEAD_MINUTES / 1440}天）。`, USAGE);
    if (spec.at.getTime() - minutes * 60_000 <= now.getTime()) throw usage(`提前${leadText(minutes)}的话，提醒时间已经过去了，请把提前写短一些。`, USAGE);
    return minutes;
  }
  if (kind !== "training" || spec.kind !== "once") return 0;
  const nextMinute = Math.floor(now.getTime() / 60_000) * 60_000 + 60_000;
  return Math.max(0, Math.min(TRAINING_LEAD_MINUTES, Math.floor((spec.at.getTime() - nextMinute) / 60_000)));
}

/** 1440 → "1天", 120 → "2小时", 179 → "2小时59分钟". */
function leadText(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  return `${d ? `${d}天` : ""}${h ? `${h}小时` : ""}${m ? `${m}分钟` : ""}` || "0分钟";
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
