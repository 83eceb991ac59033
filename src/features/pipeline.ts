import { Composer } from "../core/composer.ts";
import type { AppContext } from "./app-context.ts";
import { bind, bindCode, bindGroup } from "./binding/commands.ts";
import { register, showFile, summary } from "./candidates/commands.ts";
import { commandRouter, type Command } from "./commands.ts";
import { answer, close, feedback, idea, openItems, recogniseFeedback } from "./feedback/commands.ts";
import { askUnknownOnce } from "./filing/identify.ts";
import { filing } from "./filing/filing.ts";
import { replayedBacklog } from "./filing/backlog.ts";
import { helpCommand } from "./help/commands.ts";
import { outbox } from "./outbox/commands.ts";
import { reminders } from "./reminders/commands.ts";
import { checkin } from "./study/commands.ts";

export const COMMANDS: Command[] = [];
COMMANDS.push(helpCommand(() => COMMANDS), feedback, idea, showFile, bind, openItems, answer, close, register, bindCode, summary, bindGroup, checkin, reminders, outbox);

/**
 * What happens to every message, in order: file it (once), stop replayed backlog
 * (recording only its check-ins), answer commands,
 * greet unknown members once, recognise feedback in ordinary talk.
 */
export function createPipeline(): Composer<AppContext> {
  return new Composer<AppContext>().use(filing(), replayedBacklog(), commandRouter(COMMANDS), askUnknownOnce(), recogniseFeedback());
}
