import { normalise } from "../../domain/command-parser.ts";
import { HEARS_ONLY_MENTIONS, MENTIONS_ONLY_NOTE } from "../../domain/glossary.ts";
import { atLeast } from "../../domain/permissions.ts";
import type { Feature } from "../feature.ts";
import type { Command } from "../router.ts";

const english = (c: Command) => c.names.slice(1).filter((n) => /^[a-z-]+$/.test(n));

/**
 * /帮助, generated from the installed features. Bare, it lists what the asker may use, one
 * line each, then how ordinary talk is treated: short enough for one message on a phone
 * (replies are cut at MAX_REPLY_CHARS). `/帮助 提醒` shows one command's full usage.
 */
export function help(installed: () => Feature[]): Feature {
  return {
    name: "help",
    commands: [
      {
        names: ["帮助", "help", "?", "？"],
        summary: "查看可用命令；/帮助 命令名 查看写法",
        usage: "/帮助  或  /帮助 提醒",
        minRole: "guest",
        async run(ctx, rest) {
          const features = installed();
          const mine = features.flatMap((f) => f.commands ?? []).filter((c) => atLeast(ctx.filed.actor.role, c.minRole));
          const heard = HEARS_ONLY_MENTIONS.has(ctx.message.channel) ? [MENTIONS_ONLY_NOTE] : [];
          const asked = normalise(rest).trim().replace(/^\//, "");
          if (asked) {
            const c = mine.find((m) => m.names.some((n) => normalise(n) === asked));
            await ctx.reply(
              c
                ? `/${c.names[0]}${english(c).length ? `（${english(c).map((n) => "/" + n).join(" ")}）` : ""}— ${c.summary}\n写法：${c.usage}`
                : `没有您可用的“/${[...asked].slice(0, 10).join("")}”命令。发 /帮助 查看全部可用命令。`,
            );
            return;
          }
          // The Chinese name and the first English one: both are typed.
          const lines = mine.map((c) => `/${c.names[0]}${english(c)[0] ? ` /${english(c)[0]}` : ""} — ${c.summary}`);
          const notes = features.flatMap((f) => f.help ?? []);
          await ctx.reply(
            ["【苗圃助手 命令】中英文命令、全角半角均可，可先@我。", ...heard, ...lines, "发“/帮助 命令名”看写法，如 /帮助 提醒。", ...notes].join("\n"),
          );
        },
      },
    ],
  };
}
