// Reserves answer in their own words: "腊月二十六回，初六走" to "are you coming home?",
// "参加" / "来不了" to an invitation. Privately every such message is read as an
// answer that mentions coming home or being unsure; in a group only a message that
// plainly answers (a date, a no, "还没定"; a yes or a no) is, so ordinary talk is left
// alone and goes on to feedback recognition.
import type { Middleware } from "../../core/composer.ts";
import { parseHomecoming } from "../../domain/homecoming.ts";
import { parseRsvp } from "../../domain/symposium/rsvp.ts";
import type { Db } from "../../db/database.ts";
import type { AppContext } from "../context.ts";
import { beijingDay, openInvitation, parserSeason, recordHomecoming, recordRsvp } from "./service.ts";
import * as T from "./texts.ts";

// In a group, an answer about coming home talks about coming, leaving or being home.
const HOME_CUE = /回|到家|在家|走|返|过年|放假|留在|值班|加班/;
const RSVP_WORDS = /参加|报名|出席|到场|请假|来|去|到/;
// "看情况吧" and "还没定" answer too, from someone who has not answered (one follow-up later).
const UNSURE = /看情况|没定|未定|不确定|说不准|不好说|再说|不知道|待定|没想好/;

const OPEN_TTL_MS = 30_000;
// Per database client, so that several apps in one process (tests, the bench) keep apart.
const open = new WeakMap<object, { at: number; value: Promise<boolean> }>();

/**
 * Whether any campaign is asking or inviting, cached for 30 s: outside the seasons this
 * spares every message a query. A campaign opened by another instance is seen within
 * the TTL; one opened here at once (`campaignsChanged`).
 */
function anyOpen(prisma: Db, now: number): Promise<boolean> {
  const hit = open.get(prisma);
  if (hit && now - hit.at <= OPEN_TTL_MS) return hit.value;
  const value = prisma.symposiumCampaign.count({ where: { state: { in: ["asking", "invited"] } }, take: 1 }).then((n) => n > 0);
  open.set(prisma, { at: now, value });
  value.catch(() => open.delete(prisma));
  return value;
}

/** A campaign was opened here: look again on the next message. */
export function campaignsChanged(prisma: Db): void {
  open.delete(prisma);
}

export function recogniseAnswers(): Middleware<AppContext> {
  return async (ctx, next) => {
    const f = ctx.filed;
    if (!f || ctx.message.kind !== "text" || !f.member.candidateId || (ctx.message.conversation.isGroup && !f.group)) return next();
    const text = ctx.message.text.trim();
    if (!text || text.length > 200) return next();
    // The message hot path: pure checks first, then one cached look whether any campaign is open at all.
    const rsvp = parseRsvp(text);
    if (!rsvp && !HOME_CUE.test(text) && !UNSURE.test(text)) return next();
    const prisma = ctx.services.db.prisma;
    if (!(await anyOpen(prisma, Date.now()))) return next();
    const inv = await openInvitation(prisma, f.member.candidateId, ctx.message.sentAt);
    if (!inv) return next();
    const c = inv.campaign;
    const at = ctx.message.sentAt;
    const inGroup = ctx.message.conversation.isGroup;
    const mentions = inGroup ? [ctx.message.sender] : [];

    if (c.state === "invited" && c.startsAt && at < c.startsAt) {
      const r = rsvp;
      // In a group "没问题" or "可以" may answer anyone; only words about coming count there.
      if (r && (!inGroup || (r.answer !== "maybe" && RSVP_WORDS.test(text)))) {
        await recordRsvp(prisma, inv, r.answer, r.reason, at, f.member.id);
        const reply =
          r.answer === "yes"
            ? `好的，已为您报名：${T.dayLabel(c.date!, c.seasonKind)}见！`
            : r.answer === "no"
              ? "好的，已为您请假，谢谢告知。"
              : "好的，记下您还不确定；定了回复“参加”或“来不了”就行。";
        await ctx.reply({ text: reply, mentions });
        return;
      }
    }

    if (c.state === "asking" || c.state === "invited") {
      const unsure = UNSURE.test(text);
      if (!HOME_CUE.test(text) && !unsure) return next();
      const answer = parseHomecoming(text, { season: parserSeason(c.seasonKind), year: c.year, today: beijingDay(at), window: { start: c.windowStart, end: c.windowEnd } });
      // An unsure answer counts from someone who has not answered yet (one follow-up later);
      // otherwise, and in a group without a plain "not sure", it may be about anything.
      if (answer.status === "unclear" && (inv.homeStatus !== null || (inGroup && !unsure))) return next();
      const corrected = await recordHomecoming(prisma, inv, answer, text, at, f.member.id);
      await ctx.reply({ text: T.answerRecorded(answer, c.seasonKind, corrected), mentions });
      return;
    }
    return next();
  };
}
