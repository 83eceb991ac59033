import { z } from "zod";
import { parse } from "../../core/validate.ts";
import { FEEDBACK_KIND, FEEDBACK_STATUS, TOPIC } from "../../domain/glossary.ts";
import { areaLabels } from "../areas/service.ts";
import type { Route } from "../feature.ts";
import { keys, pageInfo, pageWindow, paging, scopedArea, idParam } from "../paging.ts";
import { listFeedback, type FeedbackWithRefs } from "./service.ts";

const FeedbackQuery = z.strictObject({
  area: idParam.optional(),
  status: z.enum(keys(FEEDBACK_STATUS)).optional(),
  kind: z.enum(keys(FEEDBACK_KIND)).optional(),
  topic: z.enum(keys(TOPIC)).optional(),
  candidate: idParam.optional(),
  ...paging,
});

/** An item as JSON, codes with their Chinese labels. */
export function feedbackJson(f: Pick<FeedbackWithRefs, "id" | "kind" | "topic" | "status" | "text" | "detectedBy" | "response" | "respondedAt" | "createdAt">) {
  return {
    id: f.id,
    kind: f.kind,
    kindLabel: FEEDBACK_KIND[f.kind],
    topic: f.topic,
    topicLabel: TOPIC[f.topic],
    status: f.status,
    statusLabel: FEEDBACK_STATUS[f.status],
    text: f.text,
    detectedBy: f.detectedBy,
    response: f.response,
    respondedAt: f.respondedAt,
    createdAt: f.createdAt,
  };
}

export const feedbackRoutes: Route[] = [
  {
    method: "get",
    path: "/feedback",
    async handle({ actor, query, services }) {
      const q = parse(FeedbackQuery, query);
      const prisma = services.db.prisma;
      const area = await scopedArea(prisma, actor, q.area);
      const w = pageWindow(q);
      const { items, total } = await listFeedback(prisma, area, { status: q.status, kind: q.kind, topic: q.topic, candidateId: q.candidate }, w.take, w.skip);
      const places = await areaLabels(prisma, items.map((f) => f.area));
      return {
        ...pageInfo(q, total),
        items: items.map((f, i) => ({
          ...feedbackJson(f),
          area: { id: f.area.id, name: f.area.name, place: places[i] },
          candidate: f.candidate,
          author: f.author.displayName,
        })),
      };
    },
  },
];
