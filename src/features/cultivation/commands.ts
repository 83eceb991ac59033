// The chat side of growing the seedlings: the natural steps only — mentors' logs,
// reports, a person's own path, and the few steps organisers take in the chat
// (stage moves, inspection notes, notices, appraisal rounds). Lists live on the workbench.
import { forbidden, usage } from "../../core/errors.ts";
import { itemNumber, normalise, tokens } from "../../domain/command-parser.ts";
import { sendableAt } from "../../domain/quiet-hours.ts";
import { tallyLine } from "../../domain/cultivation/appraisal.ts";
import { MENTOR_TAG } from "../../domain/cultivation/mentoring.ts";
import { NOTICE_OUTCOME } from "../../domain/cultivation/notice.ts";
import { fromLabel, STAGE, type Stage } from "../../domain/glossary.ts";
import { atLeast } from "../../domain/permissions.ts";
import { clip } from "../../domain/text.ts";
import { formatDate } from "../../domain/time.ts";
import type { FiledContext } from "../context.ts";
import { resolveArea } from "../areas/service.ts";
import { audit } from "../audit.ts";
import type { Command } from "../router.ts";
import { closeRound, openRound, roundFor, roundTally, unusedCodes } from "./appraisal.ts";
import { readPerson, targetCandidate } from "../candidates/person-arg.ts";
import { fieldsUntil } from "./args.ts";
import { logContact, pairMentor, pairsOfMentor } from "./mentoring.ts";
import { endNotice, noticeFor, noticeJson, postNotice, recordObjection, resolveObjection } from "./notices.ts";
import { formatPath, personPath } from "./path.ts";
import { addNote, NOTE_KIND, submitReport, type NoteKind } from "./records.ts";
import { moveStage } from "./stages.ts";

/** "记录 @李娟 …" → the verb normalised, the token after it, and the text after the verb. */
function verbOf(rest: string): { v: string; verb: string | undefined; second: string | undefined; after: string } {
  const [verb, second] = tokens(rest);
  return { v: normalise(verb ?? ""), verb, second, after: verb ? rest.slice(rest.indexOf(verb) + verb.length).trim() : "" };
}

const MENTOR_USAGE = "/帮带　（看结对）｜ /帮带 记录 @李娟 谈了合作社的想法 #经验 ｜ /帮带 结对 @李娟 @王书记（村干部及以上；轮换用“轮换”）";

export const mentoring: Command = {
  names: ["帮带", "mentor"],
  summary: "结对帮带：查看结对、帮带人记录联系、结对与轮换",
  usage: MENTOR_USAGE,
  minRole: "reserve",
  async run(ctx, rest) {
    const { v, verb, after } = verbOf(rest);
    if (!v || ["查看", "list"].includes(v)) return listPairs(ctx);
    if (["记录", "log"].includes(v)) {
      const who = await readPerson(ctx, after, MENTOR_USAGE, { mentees: true });
      const { log, name } = await logContact(ctx.services.db, ctx.filed.actor, who.candidate.id, who.remaining, ctx.now());
      const tags = log.tags.length ? `（${log.tags.map((t) => MENTOR_TAG[t as keyof typeof MENTOR_TAG]).join("、")}）` : "";
      return ctx.reply(`已记录与${name}的帮带联系${tags}。`);
    }
    if (["结对", "轮换", "pair", "rotate"].includes(v)) {
      if (!atLeast(ctx.filed.actor.role, "village_cadre")) throw forbidden("结对须由村干部及以上办理。");
      const who = await readPerson(ctx, after, MENTOR_USAGE);
      const mentorMention = ctx.message.mentions.filter((m) => who.remaining.includes(`@${m.name}`) || who.remaining.includes(`＠${m.name}`)).at(-1);
      if (!mentorMention) throw usage("请 @ 帮带人。", MENTOR_USAGE);
      const mentor = await ctx.services.db.prisma.chatMember.findUnique({ where: { channel_externalId: { channel: ctx.message.channel, externalId: mentorMention.id } } });
      if (!mentor) throw usage(`${mentorMention.name}还没有在苗圃出现过，请让其先在群里说句话。`, MENTOR_USAGE);
      const rotate = v === "轮换" || v === "rotate";
      const r = await pairMentor(ctx.services.db, ctx.filed.actor, { candidateId: who.candidate.id, mentorId: mentor.id, rotate }, ctx.now());
      return ctx.reply(`已结对：${r.mentor.displayName} 帮带 ${r.person.name}${rotate ? "（原结对已结束，记录保留）" : ""}。`);
    }
    throw usage(`没有“${verb}”这个操作。`, MENTOR_USAGE);
  },
};

async function listPairs(ctx: FiledContext) {
  const prisma = ctx.services.db.prisma;
  const { actor, member } = ctx.filed;
  const lines: string[] = [];
  const mine = await pairsOfMentor(prisma, member.id);
  if (mine.length) lines.push(`您帮带的人：${mine.map((p) => `${p.candidate.name}（#${p.candidate.id}）`).join("、")}`);
  if (actor.candidateId) {
    const pairs = await prisma.mentorPair.findMany({ where: { candidateId: actor.candidateId, endedAt: null } });
    const names = await prisma.chatMember.findMany({ where: { id: { in: pairs.map((p) => p.mentorId) } }, select: { displayName: true } });
    lines.push(`您的帮带人：${names.length ? names.map((n) => n.displayName).join("、") : "暂无"}`);
  }
  await ctx.reply(lines.length ? lines.join("\n") : "您目前没有结对帮带关系。");
}

export const report: Command = {
  names: ["汇报", "report"],
  summary: "定期汇报：说说这段时间的思想、工作、学习（只有本人、帮带人和负责的干部能看）",
  usage: "/汇报 思想：… 工作：… 学习：…",
  minRole: "reserve",
  async run(ctx, rest) {
    const { cultivation } = ctx.services.config;
    const r = await submitReport(ctx.services.db, ctx.filed.actor, rest, cultivation.reportRhythm, ctx.now());
    await ctx.reply(`收到您的汇报，已存入档案（${r.period}）。谢谢！`);
  },
};

export const path: Command = {
  names: ["成长", "path", "growth"],
  summary: "成长档案：阶段变化和理由、帮带人、汇报、测评、公示（自己的；干部看辖区的，帮带人看结对的）",
  usage: "/成长　或　/成长 #12",
  minRole: "reserve",
  async run(ctx, rest) {
    // Whom it is about, and whether the asker may see them, as for /档案.
    const c = await targetCandidate(ctx, rest, this.usage, { mentees: true });
    await ctx.reply(formatPath(await personPath(ctx.services.db.prisma, c.id, ctx.now())));
  },
};

const STAGE_USAGE = "/阶段 #12 培养对象 理由=经村党组织研究，列为培养对象　（使用时加 岗位=村委会委员）";
const STAGE_ALIASES: Record<string, Stage> = { 摸底: "prospect", 培养: "trainee", 后备: "reserve", 退出: "exited", 调整: "exited", 任用: "used" };

export const stage: Command = {
  names: ["阶段", "stage"],
  summary: "调整阶段（乡镇组织委员及以上）：每一步写明理由，纳入后备力量须先测评、考察、公示",
  usage: STAGE_USAGE,
  minRole: "township_organiser",
  async run(ctx, rest) {
    const who = await readPerson(ctx, rest, STAGE_USAGE);
    const { head, fields } = fieldsUntil(who.remaining, ["理由", "岗位"]);
    const to = fromLabel(STAGE, head, STAGE_ALIASES);
    if (!to) throw usage(`请写要调整到的阶段：${Object.values(STAGE).join("、")}。`, STAGE_USAGE);
    const r = await moveStage(ctx.services.db, ctx.filed.actor, { candidateId: who.candidate.id, to, reason: fields["理由"] ?? "", post: fields["岗位"] }, { jointReviewOffices: ctx.services.config.cultivation.jointReviewOffices }, ctx.now());
    await ctx.reply(r.text);
  },
};

export const inspect: Command = {
  names: ["考察", "inspect"],
  summary: "记录乡镇考察（谈话、走访情况）（乡镇组织委员及以上）",
  usage: "/考察 #12 与本人及村两委成员谈话，走访群众5人，评价较好",
  minRole: "township_organiser",
  async run(ctx, rest) {
    const who = await readPerson(ctx, rest, this.usage);
    const r = await addNote(ctx.services.db, ctx.filed.actor, { candidateId: who.candidate.id, kind: "inspection", note: who.remaining }, ctx.now());
    await ctx.reply(`已记录对${r.person.name}的考察情况（#${r.note.id}）。`);
  },
};

const NOTICE_USAGE = [
  "/公示 #12 入库　（拟纳入后备力量）｜ /公示 #12 使用 岗位=村委会委员",
  "/公示 查看 #3 ｜ /公示 异议 #3 内容 ｜ /公示 处理 #异议编号 核实情况 成立=否 ｜ /公示 结束 #3",
].join("\n");

export const notice: Command = {
  names: ["公示", "notice"],
  summary: "公示：发布（乡镇组织委员及以上）、记录异议和处理、期满结束",
  usage: NOTICE_USAGE,
  minRole: "township_organiser",
  async run(ctx, rest) {
    const { db, config } = ctx.services;
    const { actor } = ctx.filed;
    const { v, verb, second, after } = verbOf(rest);
    const now = ctx.now();
    if (["查看", "view"].includes(v)) {
      const n = noticeJson(await noticeFor(db.prisma, actor, itemNumber(second) ?? 0, "notice.view"), now);
      const objections = n.objections.map((o) => `异议 #${o.id}：${o.text}${o.resolvedAt ? `（已处理：${o.handling}，${o.upheld ? "成立" : "不成立"}）` : "（待处理）"}`);
      return ctx.reply([`公示 #${n.id}：${n.name}，${n.purposeLabel}，${n.postedOn}至${n.lastDay}，${n.outcomeLabel}`, ...objections, "", n.text].join("\n"));
    }
    if (["异议", "objection"].includes(v)) {
      const id = itemNumber(second);
      if (!id) throw usage("请写公示编号。", NOTICE_USAGE);
      const o = await recordObjection(db, actor, id, after.slice(after.indexOf(second!) + second!.length), now);
      return ctx.reply(`已记录公示 #${id} 的异议 #${o.id}。核实后用 /公示 处理 #${o.id} 核实情况 成立=是/否。`);
    }
    if (["处理", "resolve"].includes(v)) {
      const id = itemNumber(second);
      if (!id) throw usage("请写异议编号。", NOTICE_USAGE);
      const { head, fields } = fieldsUntil(after.slice(after.indexOf(second!) + second!.length), ["成立"]);
      const upheld = fields["成立"] === undefined ? undefined : /^(是|成立|yes|true)$/i.test(fields["成立"]) ? true : /^(否|不成立|no|false)$/i.test(fields["成立"]) ? false : undefined;
      if (upheld === undefined) throw usage("请写明异议是否成立：成立=是 或 成立=否。", NOTICE_USAGE);
      await resolveObjection(db, actor, id, head, upheld, now);
      return ctx.reply(`异议 #${id} 已处理（${upheld ? "成立" : "不成立"}）。`);
    }
    if (["结束", "end"].includes(v)) {
      const id = itemNumber(second);
      if (!id) throw usage("请写公示编号。", NOTICE_USAGE);
      const r = await endNotice(db, actor, id, now);
      return ctx.reply(`公示 #${id} 已结束：${NOTICE_OUTCOME[r.outcome]}。`);
    }
    const who = await readPerson(ctx, rest, NOTICE_USAGE);
    const { head, fields } = fieldsUntil(who.remaining, ["岗位", "电话"]);
    const purpose = /^(入库|纳入|entry)$/.test(head) ? "entry" : /^(使用|任用|use)$/.test(head) ? "use" : null;
    if (!purpose) throw usage("请写公示事项：入库 或 使用。", NOTICE_USAGE);
    const n = await postNotice(db, actor, { candidateId: who.candidate.id, purpose, post: fields["岗位"], contact: fields["电话"] }, config.cultivation.noticeDays, now);
    await ctx.reply(`已生成公示 #${n.id}，公示期${n.postedOn}至${n.lastDay}（${n.days}个${n.workingDays ? "工作日" : "自然日"}）。可打印的页面见工作台；全文：\n\n${n.text}`);
  },
};

const APPRAISAL_USAGE = [
  "/测评 开始 青山村 李娟 张伟 人数=30 [名称=2026年度民主测评]（乡镇组织委员及以上）",
  "/测评 码 #3（私聊发给您未用的选票码，打印后发给参加测评的党员、村民代表）",
  "/测评 结果 #3 ｜ /测评 结束 #3",
].join("\n");

export const appraisal: Command = {
  names: ["测评", "appraisal"],
  summary: "民主测评：开一轮测评、取选票码、结束并计票（乡镇组织委员及以上）",
  usage: APPRAISAL_USAGE,
  minRole: "township_organiser",
  async run(ctx, rest) {
    const { db } = ctx.services;
    const { actor } = ctx.filed;
    const { v, verb, second, after } = verbOf(rest);
    if (["开始", "新建", "open"].includes(v)) {
      const { head, fields } = fieldsUntil(after, ["人数", "名称"]);
      const [villageName, ...names] = tokens(head);
      if (!villageName || !names.length) throw usage("请写村名和测评对象。", APPRAISAL_USAGE);
      const village = await resolveArea(db.prisma, villageName, APPRAISAL_USAGE);
      const ids: number[] = [];
      for (const n of names) {
        const id = itemNumber(n);
        const c = id !== undefined ? await db.prisma.candidate.findUnique({ where: { id } }) : await db.prisma.candidate.findFirst({ where: { name: n, villageId: village.id } });
        if (!c) throw usage(`${village.name}没有“${n}”。`, APPRAISAL_USAGE);
        ids.push(c.id);
      }
      const voters = Number(fields["人数"]);
      const r = await openRound(db, actor, { villageId: village.id, candidateIds: ids, voters, title: fields["名称"] }, ctx.now());
      return ctx.reply(`已开启第${r.round.id}轮测评：${r.round.title}，测评对象${r.people.map((p) => p.name).join("、")}，选票码${r.codes.length}个。私聊我发 /测评 码 #${r.round.id} 取码；投票人用手机打开本系统的 /ballot 页面，输入选票码投票。`);
    }
    const id = itemNumber(second);
    if (!id) throw usage("请写测评轮次编号。", APPRAISAL_USAGE);
    if (["码", "选票码", "codes"].includes(v)) {
      if (ctx.message.conversation.isGroup) throw usage("选票码请私聊我获取，不要发在群里。", APPRAISAL_USAGE);
      const r = await unusedCodes(db.prisma, actor, id);
      await audit(db.prisma, { actorId: actor.memberId, action: "appraisal.codes", outcome: "ok", entity: "AppraisalRound", entityId: id });
      return ctx.reply(`第${id}轮测评（${r.round.title}）未用的选票码${r.codes.length}个，每码投一次：\n${r.codes.join("\n")}`);
    }
    if (["结束", "close"].includes(v)) {
      const r = await closeRound(db, actor, id, ctx.now());
      return ctx.reply([`第${id}轮测评已结束。参与 ${r.tally.used}/${r.tally.issued}（${r.tally.participation}%）`, ...r.tally.people.map(tallyLine)].join("\n"));
    }
    if (["结果", "result"].includes(v)) {
      const { round } = await roundFor(db.prisma, actor, id, "appraisal.view");
      const t = await roundTally(db.prisma, id);
      return ctx.reply([`第${id}轮测评（${round.closedAt ? `${formatDate(round.closedAt)}结束` : "进行中"}）参与 ${t.used}/${t.issued}（${t.participation}%）`, ...t.people.map(tallyLine)].join("\n"));
    }
    throw usage(`没有“${verb}”这个操作。`, APPRAISAL_USAGE);
  },
};

const NOTE_USAGE = `/记录 #12 走访慰问 春节前走访，了解合作社资金困难　类别：${Object.values(NOTE_KIND).join("、")}`;
const NOTE_ALIASES: Record<string, NoteKind> = { 走访: "visit", 慰问: "visit", 谈心: "talk", 谈话: "talk", 创业支持: "support", 就业支持: "support", 评先: "award", 入党: "party", 两代表一委员: "deputy", 日常: "daily", 年度: "annual", 联审: "sign_off" };

export const fileNote: Command = {
  names: ["记录", "note"],
  summary: "在档案里记一笔：走访慰问、谈心谈话、创业就业支持、评先选优、推荐入党、日常考核等（村干部及以上）",
  usage: NOTE_USAGE,
  minRole: "village_cadre",
  async run(ctx, rest) {
    const who = await readPerson(ctx, rest, NOTE_USAGE);
    const [kindWord] = tokens(who.remaining);
    const kind = kindWord ? fromLabel(NOTE_KIND, kindWord, NOTE_ALIASES) : undefined;
    if (!kind) throw usage("请写记录的类别。", NOTE_USAGE);
    const text = who.remaining.slice(who.remaining.indexOf(kindWord!) + kindWord!.length).trim();
    const r = await addNote(ctx.services.db, ctx.filed.actor, { candidateId: who.candidate.id, kind, note: text }, ctx.now());
    await ctx.reply(`已在${r.person.name}的档案里记录${NOTE_KIND[kind]}（#${r.note.id}）。本人用 /成长 可以看到。`);
  },
};

export const suggestionBox: Command = {
  names: ["意见箱", "complaint", "suggestionbox"],
  summary: "对苗圃本身的意见或投诉，私下转给县委组织部管理员",
  usage: "/意见箱 打卡提醒太频繁了，希望少发一些",
  minRole: "guest",
  async run(ctx, rest) {
    const text = rest.trim();
    if ([...text].length < 4) throw usage("请写下您的意见（至少4个字）。", this.usage);
    const { db, outbox } = ctx.services;
    const { member } = ctx.filed;
    const admins = await db.prisma.chatMember.findMany({ where: { role: "county_admin" }, select: { id: true, channel: true, externalId: true } });
    const now = ctx.now();
    const key = `suggestion:${member.id}:${ctx.message.id}`;
    await outbox.enqueue(
      admins.map((a) => ({ key: `${key}:${a.id}`, channel: a.channel, conversation: a.externalId, isGroup: false, text: `【意见箱】${member.displayName}：${clip(text, 500)}`, purpose: "suggestion", priority: 50 })),
      sendableAt(now, ctx.services.config.quietHours),
    );
    await audit(db.prisma, { actorId: member.id, action: "suggestion.send", outcome: "ok", detail: { admins: admins.length, text: clip(text, 500) } });
    await ctx.reply(admins.length ? "已转给县委组织部管理员，谢谢您的意见。" : "已记录。县里还没有绑定管理员，管理员绑定后可在审计记录里看到。");
  },
};
