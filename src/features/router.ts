import type { Middleware } from "../core/composer.ts";
import { AppError } from "../core/errors.ts";
import { normalise, parseCommand } from "../domain/command-parser.ts";
import { ROLE, type Role } from "../domain/glossary.ts";
import { atLeast } from "../domain/permissions.ts";
import { clip } from "../domain/text.ts";
import type { AppContext, FiledContext } from "./context.ts";
import { audit } from "./audit.ts";

export interface Command {
  /** The Chinese name first (shown in help), then aliases. */
  names: string[];
  summary: string;
  /** How to write it, shown in help and after a malformed use. */
  usage: string;
  /** Lowest role allowed; scope inside an area is checked by the command itself. */
  minRole: Role;
  run(ctx: FiledContext, rest: string): Promise<void>;
}

/**
 * Route "/name args" to its command. Unknown names get a hint; a role below
 * the command's gets a refusal; every refusal is audited.
 */
export function commandRouter(commands: Command[]): Middleware<AppContext> {
  const byName = new Map<string, Command>();
  for (const c of commands) for (const n of c.names) byName.set(normalise(n), c);
  const names = [...byName.keys()];

  return async (ctx, next) => {
    if (!ctx.filed || ctx.message.kind !== "text") return next();
    const parsed = parseCommand(ctx.message.text, names);
    if (!parsed) return next();
    const filed = ctx as FiledContext;
    const command = byName.get(parsed.name);
    if (!command) {
      throw new AppError("unknown_command", `没有“/${clip(parsed.name, 20)}”这个命令。发送 /帮助 查看可用命令。`, { name: clip(parsed.name, 50) });
    }
    const { actor } = filed.filed;
    const deny = async (reason: string) => {
      await audit(ctx.services.db.prisma, {
        actorId: actor.memberId,
        action: `command:${command.names[0]}`,
        outcome: "denied",
        detail: { reason, text: clip(ctx.message.text, 200) },
      });
    };
    if (!atLeast(actor.role, command.minRole)) {
      await deny("role");
      throw new AppError("forbidden", `“/${command.names[0]}”仅限${ROLE[command.minRole]}及以上使用。`, { command: command.names[0] });
    }
    try {
      await command.run(filed, parsed.rest);
    } catch (err) {
      if (err instanceof AppError && err.code === "forbidden") await deny(err.userMessage);
      throw err;
    }
  };
}
