import type { Database, SqlRunner } from "../../db/database.ts";
import { CHECKIN_PLATFORMS } from "../../domain/checkin.ts";
import { FEEDBACK_KIND, type FeedbackKind } from "../../domain/glossary.ts";
import { excerpt } from "../../domain/text.ts";
import type { ApplyVerdict } from "../../llm/classification-queue.ts";
import { recordCheckin } from "../study/service.ts";
import { storeRemark } from "./remarks.ts";
import { createFeedback, MAX_FEEDBACK_CHARS } from "./service.ts";

const isItemKind = (k: string): k is FeedbackKind => Object.hasOwn(FEEDBACK_KIND, k);

/** A study note counts as a check-in, on the platform it names (else 其他); once per message. */
export async function countStudyNote(sql: SqlRunner, n: { memberId: number; candidateId: number | null; groupId: number | null; messageId: number; text: string; at: Date }) {
  await recordCheckin(sql, {
    platform: CHECKIN_PLATFORMS.find((p) => p !== "其他" && n.text.includes(p)) ?? "其他",
    content: excerpt(n.text, 40),
    minutes: null,
    memberId: n.memberId,
    candidateId: n.candidateId,
    groupId: n.groupId,
    messageId: n.messageId,
    at: n.at,
  });
}

/**
 * Apply a verdict that came after filing (the model's, or the recogniser's when the
 * model could not answer) to a message: store it on the message; refine the kind and
 * topic of an item the recogniser filed, while it is still open and nobody chose them
 * by command; file an item the recogniser missed (quietly — the conversation has moved
 * on; cadres see it in /待办); count a study note. Never removes an item: a cadre closes it.
 */
export function applyVerdict(db: Database): ApplyVerdict {
  return async ({ messageId, recognition: r, by, answer, at }) => {
    await storeRemark(db.sql, messageId, r, by, answer ?? {});
    if (!r) return;
    const m = await db.prisma.archivedMessage.findUnique({
      where: { id: messageId },
      select: { memberId: true, candidateId: true, groupId: true, text: true, sentAt: true, candidate: { select: { villageId: true } }, group: { select: { areaId: true } } },
    });
    if (!m) return;
    if (isItemKind(r.kind)) {
      const item = await db.prisma.feedbackItem.findUnique({ where: { messageId } });
      if (item) {
        if (item.status === "open" && item.detectedBy !== "explicit" && !item.anonymous && (item.kind !== r.kind || item.topic !== r.topic)) {
          await db.prisma.feedbackItem.update({ where: { id: item.id }, data: { kind: r.kind, topic: r.topic, detectedBy: by } });
        }
        return;
      }
      const areaId = m.candidate?.villageId ?? m.group?.areaId;
      if (areaId === undefined) return;
      await createFeedback(db.sql, {
        kind: r.kind,
        topic: r.topic,
        text: [...m.text].slice(0, MAX_FEEDBACK_CHARS).join(""),
        detectedBy: by,
        messageId,
        candidateId: m.candidateId,
        authorId: m.memberId,
        groupId: m.groupId,
        areaId,
      }, m.memberId, at);
    } else if (r.kind === "study") {
      await countStudyNote(db.sql, { ...m, messageId, at: m.sentAt });
    }
  };
}
