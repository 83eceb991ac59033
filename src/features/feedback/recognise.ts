import type { Middleware } from "../../core/composer.ts";
import { areaOf, type AppContext, type FiledContext } from "../context.ts";
import { file } from "./commands.ts";
import { countStudyNote } from "./model-verdict.ts";
import { storeRemark } from "./remarks.ts";

/**
 * Recognise what ordinary talk is, and store it on the archived message:
 * - ideas, feedback and requests become items a cadre answers (numbered, confirmed);
 * - a study note counts as a study check-in (silently: it is already in the group);
 * - thinking stays on the person's file and goes into the weekly digest, not to /待办.
 * With a language model configured, the model's verdict follows from its queue
 * (see src/llm/classification-queue.ts); filing never waits for it.
 */
export function recogniseFeedback(): Middleware<AppContext> {
  return async (ctx, next) => {
    const f = ctx.filed;
    if (f && f.messageId !== null && ctx.message.kind === "text") {
      const { classifier, db, modelQueue } = ctx.services;
      const c = await classifier.classify(ctx.message.text);
      // Small talk needs no write: the columns are null already (the hot path's one round trip saved).
      if (c) await storeRemark(db.sql, f.messageId, c, classifier.name);
      if (c?.kind === "idea" || c?.kind === "feedback" || c?.kind === "request") {
        await file(ctx as FiledContext, c.kind, c.topic, ctx.message.text, classifier.name);
      } else if (c?.kind === "study") {
        await countStudyNote(db.sql, { memberId: f.member.id, candidateId: f.member.candidateId, groupId: f.group?.id ?? null, messageId: f.messageId, text: ctx.message.text, at: ctx.message.sentAt });
      }
      await modelQueue?.enqueue(f.messageId, ctx.message.text, areaOf(f), ctx.now());
    }
    await next();
  };
}
