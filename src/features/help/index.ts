import { HEARS_ONLY_MENTIONS, MENTIONS_ONLY_NOTE } from "../../domain/glossary.ts";
import { atLeast } from "../../domain/permissions.ts";
import type { Feature } from "../feature.ts";

/** /帮助, generated from the installed features: what the asker may use, then how ordinary talk is treated. */
export function help(installed: () => Feature[]): Feature {
  return {
    name: "help",
    commands: [
      {
        names: ["帮助", "help", "?", "？"],
        summary: "查看可用命令",
        usage: "/帮助",
        minRole: "guest",
        async run(ctx) {
          const features = installed();
          const mine = features.flatMap((f) => f.commands ?? []).filter((c) => atLeast(ctx.filed.actor.role, c.minRole));
          const lines = mine.map((c) => `/${c.names[0]}（${c.names.slice(1).filter((n) => /^[a-z-]+$/.test(n)).map((n) => "/" + n).join(" ")}）— ${c.summary}\n  ${c.usage}`);
          const notes = features.flatMap((f) => f.help ?? []);
          const heard = HEARS_ONLY_MENTIONS.has(ctx.message.channel) ? [MENTIONS_ONLY_NOTE] : [];
          await ctx.reply(["【苗圃助手 命令】中英文命令、全角半角均可，可先@我。", ...lines, ...notes, ...heard].join("\n"));
        },
      },
    ],
  };
}
