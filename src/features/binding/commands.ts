import { forbidden, usage } from "../../core/errors.ts";
import { tokens, withoutMentions } from "../../domain/command-parser.ts";
import { HEARS_ONLY_MENTIONS, MENTIONS_ONLY_NOTE, ROLE } from "../../domain/glossary.ts";
import { inScope, isCadre } from "../../domain/permissions.ts";
import { resolveArea } from "../areas/service.ts";
import { audit } from "../audit.ts";
import { targetCandidate } from "../candidates/person-arg.ts";
import type { Command } from "../router.ts";
import { checkBindAttempts, INVALID_CODE, recordBindFailure, type Attempter } from "./attempts.ts";
import { bindGroupToArea, bindOtherMember, codeTtlMs, createBindCode, readBindCode, redeemBindCode } from "./service.ts";

export const bindGroup: Command = {
  names: ["绑定群", "bindgroup", "bind-group"],
  summary: "把本群设为某乡镇或村的联系群（村干部及以上）",
  usage: "/绑定群 青山镇　（不写地名则绑定到您负责的地方）",
  minRole: "village_cadre",
  async run(ctx, rest) {
    const { message } = ctx;
    if (!message.conversation.isGroup) throw usage("请在要绑定的群里发送这条命令。", this.usage);
    const prisma = ctx.services.db.prisma;
    const { actor } = ctx.filed;
    const name = tokens(rest)[0];
    const area = name ? await resolveArea(prisma, name, this.usage) : actor.area;
    if (!area) throw usage("请写明乡镇或村名。", this.usage);
    const group = await bindGroupToArea(prisma, actor, { channel: message.channel, externalId: message.conversation.id, topic: message.conversation.topic }, area, ctx.now());
    ctx.services.directory.forgetGroup(message.channel, message.conversation.id);
    await audit(prisma, { actorId: actor.memberId, action: "group.bind", outcome: "ok", entity: "LiaisonGroup", entityId: group.id, detail: { areaId: area.id } });
    const heard = HEARS_ONLY_MENTIONS.has(message.channel) ? `\n${MENTIONS_ONLY_NOTE}` : "";
    await ctx.reply(`本群已设为${area.name}联系群。从现在起，群里的发言会记入各人档案；意见建议会编号登记。发送 /帮助 查看命令。${heard}`);
  },
};

export const bind: Command = {
  names: ["绑定", "bind"],
  summary: "绑定档案：本人发“/绑定 绑定码”；村干部发“/绑定 @成员 姓名或#编号”",
  usage: "/绑定 123456　或（村干部）/绑定 @小王 王小明",
  minRole: "guest",
  async run(ctx, rest) {
    const prisma = ctx.services.db.prisma;
    const { actor, member } = ctx.filed;
    const { message } = ctx;
    const mention = message.mentions[0];
    const directory = ctx.services.directory;

    if (!mention) {
      const code = readBindCode(rest);
      if (!code) throw usage("绑定码是6位数字（管理员给的是12位字母和数字）。", this.usage);
      const { config, db, outbox } = ctx.services;
      const who: Attempter = {
        memberId: member.id,
        name: message.sender.name,
        channel: message.channel,
        group: message.conversation.isGroup ? { id: message.conversation.id, topic: message.conversation.topic } : null,
      };
      await checkBindAttempts(db, who, ctx.now(), config.binding.attempts);
      const result = await redeemBindCode(prisma, code, member.id, ctx.now());
      if (!result.ok) {
        await recordBindFailure(db, outbox, who, result.reason, ctx.now(), config.binding.attempts);
        throw usage(INVALID_CODE, this.usage);
      }
      directory.forgetMember(message.channel, message.sender.id);
      await audit(prisma, { actorId: actor.memberId, action: "member.redeem-code", outcome: "ok", entity: "ChatMember", entityId: member.id, at: ctx.now(), detail: { role: result.role, candidateId: result.candidateId } });
      const what = result.role === "reserve" ? `已关联到档案 #${result.candidateId}（${result.candidateName}）` : `身份：${ROLE[result.role]}`;
      await ctx.reply(`${message.sender.name}，绑定成功，${what}。今后您在群里的发言都会记入档案。`);
      return;
    }

    if (!isCadre(actor)) throw forbidden("只有村干部及以上可以为他人绑定；请把村干部给您的绑定码发给我：/绑定 绑定码。");
    const who = withoutMentions(rest, message.mentions);
    if (!who) throw usage("请写明要绑定到谁的档案。", this.usage);
    // The mention names the chat account; the rest names the record.
    const candidate = await targetCandidate({ ...ctx, message: { ...message, mentions: [] } }, who, this.usage);
    const target = await directory.member(message.channel, mention.id, mention.name);
    await bindOtherMember(prisma, actor, target, candidate);
    directory.forgetMember(message.channel, mention.id);
    await audit(prisma, { actorId: actor.memberId, action: "member.bind", outcome: "ok", entity: "ChatMember", entityId: target.id, detail: { candidateId: candidate.id } });
    await ctx.reply({ text: `已将${mention.name}绑定到档案 #${candidate.id}（${candidate.name}）。`, mentions: [mention] });
  },
};

export const bindCode: Command = {
  names: ["绑定码", "bindcode", "code"],
  summary: "为某人生成一次性绑定码，私信发给您（村干部）",
  usage: "/绑定码 #12　或　/绑定码 张三",
  minRole: "village_cadre",
  async run(ctx, rest) {
    const prisma = ctx.services.db.prisma;
    const { actor } = ctx.filed;
    if (!tokens(rest)[0] && !ctx.message.mentions[0]) throw usage("请写明为谁生成。", this.usage);
    const candidate = await targetCandidate(ctx, rest, this.usage);
    if (!inScope(actor, candidate.village)) throw forbidden(`档案 #${candidate.id} 不在您负责的范围内。`);
    const code = await createBindCode(prisma, { candidateId: candidate.id, role: "reserve", createdById: actor.memberId ?? undefined }, ctx.now(), ctx.services.config.binding.codes);
    await audit(prisma, { actorId: actor.memberId, action: "bindcode.create", outcome: "ok", entity: "Candidate", entityId: candidate.id });
    const text = `${candidate.name}（档案 #${candidate.id}）的绑定码：${code}，${Math.round(codeTtlMs("reserve", ctx.services.config.binding.codes) / 86_400_000)}天内有效，只能用一次。请转告本人在联系群或私聊里发送：/绑定 ${code}`;
    if (ctx.message.conversation.isGroup) {
      // A code read by the whole group could be used by anyone: send it privately.
      const sent = await ctx.send({ id: ctx.message.sender.id, isGroup: false }, text).then(
        () => true,
        (err) => {
          ctx.log.warn("could not send a bind code privately", { err });
          return false;
        },
      );
      // WeChat only delivers private messages between friends; the code stays valid.
      await ctx.reply(sent ? `绑定码已私信发给${ctx.message.sender.name}。` : `没能私信给${ctx.message.sender.name}（请先加我为好友），请在私聊里发送：/绑定码 #${candidate.id}`);
    } else {
      await ctx.reply(text);
    }
  },
};

