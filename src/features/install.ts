import { Composer, type Middleware } from "../core/composer.ts";
import { normalise } from "../domain/command-parser.ts";
import type { AppContext } from "./context.ts";
import type { Feature, PipelineStage, Route } from "./feature.ts";
import { commandRouter, type Command } from "./router.ts";

/**
 * What happens to every message, in order: the intake step (filing: once, or not at
 * all), then for replayed backlog only the backlog steps (nothing is answered), else
 * the slash commands, then the conversation steps for ordinary talk.
 */
export function buildPipeline(features: Feature[]): Composer<AppContext> {
  const intake = stepsAt(features, "intake");
  if (intake.length !== 1) throw new Error(`exactly one feature must file messages (intake), found ${intake.length}`);
  return new Composer<AppContext>().use(intake[0]!, backlogOnly(stepsAt(features, "backlog")), commandRouter(commandsOf(features)), ...stepsAt(features, "conversation"));
}

/** Every installed command; two commands may not share a name. */
export function commandsOf(features: Feature[]): Command[] {
  const commands = features.flatMap((f) => f.commands ?? []);
  const owner = new Map<string, Command>();
  for (const c of commands) {
    for (const n of c.names) {
      const key = normalise(n);
      const other = owner.get(key);
      if (other && other !== c) throw new Error(`command name "${n}" is used by both /${other.names[0]} and /${c.names[0]}`);
      owner.set(key, c);
    }
  }
  return commands;
}

export function routesOf(features: Feature[]): Route[] {
  return features.flatMap((f) => f.routes ?? []);
}

function stepsAt(features: Feature[], stage: PipelineStage): Middleware<AppContext>[] {
  return features.flatMap((f) => (f.steps?.[stage] ? [f.steps[stage]] : []));
}

/** Backlog runs each backlog step and stops there; live messages go on. */
function backlogOnly(steps: Middleware<AppContext>[]): Middleware<AppContext> {
  return async (ctx, next) => {
    if (!ctx.backlog) return next();
    for (const step of steps) await step(ctx, async () => {});
  };
}
