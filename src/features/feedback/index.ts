import type { Feature } from "../feature.ts";
import { answer, close, feedback as feedbackCommand, idea, openItems } from "./commands.ts";
import { anonymousIdea, revealSender } from "./anonymous.ts";
import { recogniseFeedback } from "./recognise.ts";
import { review } from "./review.ts";
import { feedbackRoutes } from "./routes.ts";

/** Feedback, ideas and requests: filed by command (also anonymously) or recognised in ordinary talk, answered and closed by cadres. */
export const feedback: Feature = {
  name: "feedback",
  commands: [feedbackCommand, idea, anonymousIdea, openItems, answer, close, review, revealSender],
  steps: { conversation: recogniseFeedback() },
  routes: feedbackRoutes,
};
