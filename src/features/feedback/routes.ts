import { z } from "zod";
import { parse } from "../../core/validate.ts";
import { FEEDBACK_KIND, FEEDBACK_STATUS, TOPIC } from "../../domain/glossary.ts";
import { areaLabels } from "../areas/service.ts";
import type { Route } from "../feature.ts";
import { keys, pageInfo, pageWindow, paging, scopedArea, idParam } from "../paging.ts";
import { listFeedback, type FeedbackWithRefs } from "./service.ts";
import { revealAnonymousSender } from "./anonymous.ts";
import { reviewList } from "./review.ts";
import { forbidden } from "../../core/errors.ts";

const ReviewQuery = z.strictObject({ area: z.coerce.number().int().positive().optional(), ...paging });

const RevealBody = z.strictObject({ reason: z.string().trim().min(4, "请写明查看的理由（至少4个字）").max(200) });
const ItemId = z.strictObject({ id: z.coerce.number().int().positive() });

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
          // An anonymous suggestion has neither: the API cannot lead to its sender.
          candidate: f.anonymous ? null : f.candidate,
          author: f.anonymous ? null : (f.author?.displayName ?? null),
          anonymous: f.anonymous,
        })),
      };
    },
  },
  {
    // Abuse handling only: who sent an anonymous suggestion. A POST with a reason, audited.
    method: "post",
    path: "/feedback/:id/sender",
    async handle({ actor, params, body, services }) {
      if (actor.role !== "county_admin") throw forbidden("仅县委组织部管理员可以查看。");
      const { id } = parse(ItemId, params);
      const { reason } = parse(RevealBody, body ?? {});
      return revealAnonymousSender(services.db.prisma, id, actor.memberId, reason);
    },
  },
  {
    // The model's doubtful answers waiting for a cadre (/待审 in chat).
    method: "get",
    path: "/classifications/review",
    async handle({ actor, query, services }) {
      const q = parse(ReviewQuery, query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      const w = pageWindow(q);
      const { items, total } = await reviewList(services.db.prisma, area, w.take, w.skip);
      return {
        ...pageInfo(q, total),
        items: items.map((r) => ({ messageId: r.messageId, text: r.message.text, sentAt: r.message.sentAt, localKind: r.message.remarkKind, model: r.answer, producedBy: r.producedBy })),
      };
    },
  },
];
