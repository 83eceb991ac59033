import { z } from "zod";
import { parse } from "../../core/validate.ts";
import { OUTBOX_STATUS } from "../../domain/glossary.ts";
import type { Route } from "../feature.ts";
import { keys, pageInfo, pageWindow, paging } from "../paging.ts";
import { forbidden } from "../../core/errors.ts";
import { atLeast } from "../../domain/permissions.ts";

const OutboxQuery = z.strictObject({
  status: z.enum(keys(OUTBOX_STATUS)).optional(),
  purpose: z.string().max(40).optional(),
  channel: z.string().max(40).optional(),
  ...paging,
});

export const outboxRoutes: Route[] = [
  {
    method: "get",
    path: "/outbox",
    async handle({ actor, query, services, now }) {
      // The queue holds every group's messages: for those who run sending, as /外发.
      if (!atLeast(actor.role, "township_organiser")) throw forbidden("自动发送队列仅限乡镇组织委员及以上查看。");
      const q = parse(OutboxQuery, query);
      const prisma = services.db.prisma;
      const where = { ...(q.status ? { status: q.status } : {}), ...(q.purpose ? { purpose: q.purpose } : {}), ...(q.channel ? { channel: q.channel } : {}) };
      const [summary, total, rows] = await Promise.all([
        services.outbox.summary(now()),
        prisma.outboxMessage.count({ where, take: 10_001 }),
        prisma.outboxMessage.findMany({ where, orderBy: { id: "desc" }, ...pageWindow(q) }),
      ]);
      return {
        summary: { ...summary, channels: summary.channels.map((c) => ({ ...c, dailyCap: services.outbox.policy(c.channel)?.dailyCap ?? null })) },
        ...pageInfo(q, total),
        items: rows.map((m) => ({
          id: m.id,
          key: m.key,
          purpose: m.purpose,
          status: m.status,
          statusLabel: OUTBOX_STATUS[m.status],
          channel: m.channel,
          conversation: m.conversation,
          isGroup: m.isGroup,
          text: m.text,
          attempts: m.attempts,
          nextAttemptAt: m.nextAttemptAt,
          lastError: m.lastError,
          sentAt: m.sentAt,
          createdAt: m.createdAt,
        })),
      };
    },
  },
];
