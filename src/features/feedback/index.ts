import type { Feature } from "../feature.ts";
import { answer, close, feedback as feedbackCommand, idea, openItems } from "./commands.ts";
import { recogniseFeedback } from "./recognise.ts";
import { feedbackRoutes } from "./routes.ts";

/** Feedback and ideas: filed by command or recognised in ordinary talk, answered and closed by cadres. */
export const feedback: Feature = {
  name: "feedback",
  commands: [feedbackCommand, idea, openItems, answer, close],
  steps: { conversation: recogniseFeedback() },
  routes: feedbackRoutes,
};
