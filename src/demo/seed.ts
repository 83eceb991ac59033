import type { Prisma } from "../db/database.ts";
import { createArea } from "../features/areas/service.ts";
import { DEMO_COUNTY, DEMO_GROUPS, DEMO_PEOPLE, DEMO_TOWNSHIPS } from "./world.ts";

/** Fill an empty database with the demo county. Does nothing if any area exists. */
export async function seedDemo(prisma: Prisma, channel = "wechat"): Promise<boolean> {
  if ((await prisma.area.count()) > 0) return false;
  const ids = new Map<string, number>();
  await prisma.$transaction(async (tx) => {
    const county = await createArea(tx, DEMO_COUNTY, "county", null);
    ids.set(DEMO_COUNTY, county.id);
    for (const [townshipName, villages] of Object.entries(DEMO_TOWNSHIPS)) {
      const township = await createArea(tx, townshipName, "township", county);
      ids.set(townshipName, township.id);
      for (const village of villages) ids.set(village, (await createArea(tx, village, "village", township)).id);
    }
    for (const p of DEMO_PEOPLE) {
      const areaId = ids.get(p.area)!;
      const candidate = p.candidate
        ? await tx.candidate.create({ data: { name: p.name, villageId: areaId, ...p.candidate } })
        : null;
      if (p.role === "guest") continue; // seen in chat later, not known yet
      await tx.chatMember.create({
        data: {
          channel,
          externalId: p.wxid,
          displayName: p.name,
          role: p.role,
          candidateId: candidate?.id ?? null,
          areaId: p.role === "reserve" ? null : areaId,
        },
      });
    }
    for (const g of DEMO_GROUPS) {
      if (!g.area) continue;
      await tx.liaisonGroup.create({ data: { channel, externalId: g.roomId, topic: g.topic, areaId: ids.get(g.area)! } });
    }
  }, { timeout: 60_000 }); // dozens of inserts: a busy laptop takes longer than Prisma's 5 s default
  return true;
}
