import { z } from "zod";
import { usage } from "../../core/errors.ts";
import { parse } from "../../core/validate.ts";
import { parsePeriod, PERIOD_EXAMPLES } from "../../domain/digest-period.ts";
import { trendingUp } from "../../domain/digest.ts";
import { TOPIC } from "../../domain/glossary.ts";
import type { Route } from "../feature.ts";
import { scopedArea } from "../paging.ts";
import { digestFor } from "./round.ts";

const DigestQuery = z.strictObject({
  area: z.coerce.number().int().positive().optional(),
  period: z.string().max(60).optional(),
});

export const digestRoutes: Route[] = [
  {
    method: "get",
    path: "/digest",
    async handle({ actor, query, services, now }) {
      const q = parse(DigestQuery, query);
      const area = await scopedArea(services.db.prisma, actor, q.area);
      const period = parsePeriod(q.period ?? "", now());
      if (!period.ok) throw usage(period.error, `?period=上周（可写：${PERIOD_EXAMPLES}）`);
      const { data, text, prose } = await digestFor(services, area, period.from, period.to);
      return {
        area: { id: area.id, name: area.name, place: data.place },
        from: data.from,
        to: data.to,
        kinds: data.kinds,
        ideas: { total: data.ideaCount, items: data.ideas },
        openRequests: { total: data.openRequestCount, items: data.openRequests },
        topics: data.topics.map((t) => ({ ...t, label: TOPIC[t.topic], trendingUp: trendingUp(t) })),
        quiet: { weeks: data.quietWeeks, people: data.quiet },
        thinking: { total: data.thinkingCount, items: data.thinking },
        prose,
        text,
      };
    },
  },
];
