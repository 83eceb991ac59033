import type { Middleware } from "../../core/composer.ts";
import type { AppContext, FiledContext } from "../context.ts";
import { file } from "./commands.ts";

/**
 * Recognise feedback, ideas and requests in ordinary text and file them as items a
 * cadre answers (a request for help is filed as feedback until it has a kind of its
 * own). Study notes and thinking stay on the person's file as messages.
 */
export function recogniseFeedback(): Middleware<AppContext> {
  return async (ctx, next) => {
    const f = ctx.filed;
    if (f && f.messageId !== null && ctx.message.kind === "text") {
      const c = await ctx.services.classifier.classify(ctx.message.text);
      if (c && (c.kind === "idea" || c.kind === "feedback" || c.kind === "request")) {
        await file(ctx as FiledContext, c.kind === "idea" ? "idea" : "feedback", c.topic, ctx.message.text, ctx.services.classifier.name);
      }
    }
    await next();
  };
}
