import { atLeast } from "../../domain/permissions.ts";
import type { Command } from "../commands.ts";

/** Help is generated from the command list, showing what the asker may use. */
export function helpCommand(all: () => Command[]): Command {
  return {
    names: ["帮助", "help", "?", "？"],
    summary: "查看可用命令",
    usage: "/帮助",
    minRole: "guest",
    async run(ctx) {
      const mine = all().filter((c) => atLeast(ctx.filed.actor.role, c.minRole));
      const lines = mine.map((c) => `/${c.names[0]}（${c.names.slice(1).filter((n) => /^[a-z-]+$/.test(n)).map((n) => "/" + n).join(" ")}）— ${c.summary}\n  ${c.usage}`);
      await ctx.reply(["【苗圃助手 命令】中英文命令、全角半角均可，可先@我。", ...lines, "平常在群里说的话也会记入档案；像意见、建议的内容会自动编号登记。"].join("\n"));
    },
  };
}
