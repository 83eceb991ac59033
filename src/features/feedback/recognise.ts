import type { Middleware } from "../../core/composer.ts";
import type { AppContext, FiledContext } from "../context.ts";
import { file } from "./commands.ts";

/** Recognise feedback and ideas in ordinary text and file them. */
export function recogniseFeedback(): Middleware<AppContext> {
  return async (ctx, next) => {
    const f = ctx.filed;
    if (f && f.messageId !== null && ctx.message.kind === "text") {
      const c = await ctx.services.classifier.classify(ctx.message.text);
      if (c) await file(ctx as FiledContext, c.kind, c.topic, ctx.message.text, ctx.services.classifier.name);
    }
    await next();
  };
}
