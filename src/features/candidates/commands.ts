import { forbidden, usage } from "../../core/errors.ts";
import { keyValues, tokens } from "../../domain/command-parser.ts";
import { CATEGORY, SOURCE, STAGE } from "../../domain/glossary.ts";
import { inScope } from "../../domain/permissions.ts";
import { resolveArea } from "../areas/service.ts";
import { audit } from "../audit.ts";
import type { Command } from "../router.ts";
import { fileLines } from "../cultivation/path.ts";
import { stageCountsAt } from "../cultivation/stages.ts";
import { isIsoDate } from "../../domain/symposium/calendar-day.ts";
import { formatFile, formatSummary } from "./format.ts";
import { REGISTER_KEYS, RegisterInput } from "./schemas.ts";
import { targetCandidate } from "./person-arg.ts";
import { candidateFile, registerSummary } from "./service.ts";
import { excerpt } from "../../domain/text.ts";

const REGISTER_USAGE = "/登记 张三 村=青山村 类别=大学毕业生 来源=组织推荐 电话=13800001234 性别=男 出生=1998";

export const register: Command = {
  names: ["登记", "register"],
  summary: "登记一名培养对象（村干部）",
  usage: REGISTER_USAGE,
  minRole: "village_cadre",
  async run(ctx, rest) {
    const { positional, fields } = keyValues(rest);
    const raw: Record<string, string> = {};
    if (positional[0]) raw.name = positional[0];
    for (const [k, v] of Object.entries(fields)) {
      const key = Object.hasOwn(REGISTER_KEYS, k) ? REGISTER_KEYS[k] : undefined;
      if (!key) throw usage(`不认识“${excerpt(k, 20)}”这一项。可填：姓名、村、类别、来源、性别、出生、电话、学历、政治面貌、特长、现居、备注。`, REGISTER_USAGE);
      raw[key] = v;
    }
    const parsed = RegisterInput.safeParse(raw);
    if (!parsed.success) throw usage(parsed.error.issues.map((i) => i.message).join("；"), REGISTER_USAGE);
    const input = parsed.data;
    const village = await resolveArea(ctx.services.db.prisma, input.village, REGISTER_USAGE);
    if (village.level !== "village") throw usage(`“${village.name}”不是村，请填写村名。`, REGISTER_USAGE);
    const { actor } = ctx.filed;
    if (!inScope(actor, village)) throw forbidden(`您只能在自己负责的范围内登记，${village.name}不在其中。`);
    const prisma = ctx.services.db.prisma;
    const duplicate = await prisma.candidate.findFirst({ where: { name: input.name, villageId: village.id } });
    if (duplicate) throw usage(`${village.name}已有一位${input.name}（档案 #${duplicate.id}）。如是同名的另一人，请在姓名后加区分，如“${input.name}(二组)”。`, REGISTER_USAGE);
    const { village: _v, ...data } = input;
    const c = await prisma.candidate.create({ data: { ...data, villageId: village.id } });
    await audit(prisma, { actorId: actor.memberId, action: "candidate.register", outcome: "ok", entity: "Candidate", entityId: c.id });
    await ctx.reply(
      `已登记：${c.name}（档案 #${c.id}），${village.name}，${CATEGORY[c.category]}，${SOURCE[c.source]}，阶段：${STAGE[c.stage]}。` +
        `\n让本人在群里发 /绑定 绑定码 即可关联微信；绑定码用 /绑定码 #${c.id} 获取。`,
    );
  },
};

export const showFile: Command = {
  names: ["档案", "file", "profile"],
  summary: "查看档案：后备力量看自己的，村干部看本辖区的",
  usage: "/档案　或　/档案 张三　或　/档案 #12　或　/档案 @某人",
  minRole: "reserve",
  async run(ctx, rest) {
    // A mentor sees their mentees' files wherever they live.
    const c = await targetCandidate(ctx, rest, this.usage, { mentees: true });
    const file = await candidateFile(ctx.services.db, c, ctx.services.config.symposium.lateMs);
    await ctx.reply([formatFile(file), ...fileLines(file)].join("\n"));
  },
};

export const summary: Command = {
  names: ["名册", "roster", "summary"],
  summary: "本乡镇（或指定地方）后备力量名册统计",
  usage: "/名册　（您负责的地方）或　/名册 青山镇　或　/名册 青山镇 2026-06-30（当时各阶段人数）",
  minRole: "village_cadre",
  async run(ctx, rest) {
    const prisma = ctx.services.db.prisma;
    const { actor } = ctx.filed;
    const words = tokens(rest);
    // A date asks for the stages as they stood at the end of that day (Beijing time).
    const day = words.find(isIsoDate);
    const name = words.find((w) => w !== day);
    const area = name ? await resolveArea(prisma, name, this.usage) : actor.area;
    if (!area) throw usage("请指明乡镇。", this.usage);
    if (!inScope(actor, area)) throw forbidden(`${area.name}不在您负责的范围内。`);
    const summary = await registerSummary(prisma, area);
    if (!day) return ctx.reply(formatSummary(summary));
    const byStage = await stageCountsAt(ctx.services.db, area, new Date(new Date(`${day}T00:00:00+08:00`).getTime() + 86_400_000 - 1));
    await ctx.reply(formatSummary({ ...summary, byStage }).replace("名册】", `名册】截至${day}，`).replace("\n按类别：", "\n按类别（当前）："));
  },
};

