// `npx tsx bench/prisma-vs-raw.ts [pglite|postgres]`: wall and Node CPU time per
// operation, one at a time, for the statements a recognised idea costs — Prisma's
// FeedbackItem.create and AuditLog.create (the app's path before) against the same rows
// with raw SQL and the app's one-statement createFeedback — plus the archive insert and
// the Directory's Prisma read for scale.
import { out } from "./quiet.ts";
import { openDatabase } from "../src/db/database.ts";
import { migrate } from "../src/db/migrate.ts";
import { seedDemo } from "../src/demo/seed.ts";
import { createFeedback } from "../src/features/feedback/service.ts";
import { ARCHIVE_INSERT } from "../src/features/filing/service.ts";
import { createPostgresDatabase } from "../test/support/databases.ts";

const kind = process.argv[2] === "postgres" ? "postgres" : "pglite";
const N = Number(process.env.OPS ?? 500);
const created = kind === "postgres" ? await createPostgresDatabase("miaopu_bench") : null;
const db = await openDatabase(created?.url ?? "pglite:memory");
try {
  await migrate(db.sql);
  await seedDemo(db.prisma);
  const m = (await db.sql.query<{ id: number; candidateId: number }>(`SELECT id, "candidateId" FROM "ChatMember" WHERE "externalId" = 'wxid_demo_lijuan'`))[0]!;
  const g = (await db.sql.query<{ id: number; areaId: number }>(`SELECT id, "areaId" FROM "LiaisonGroup" WHERE "externalId" = 'demo-qingshan@chatroom'`))[0]!;
  const time = async (label: string, f: (i: number) => Promise<unknown>) => {
    for (let i = 0; i < 100; i++) await f(-1 - i);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < N; i++) await f(i);
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    out(`${label.padEnd(58)} ${(wall / N).toFixed(3).padStart(7)} ms wall ${((c.user + c.system) / 1000 / N).toFixed(3).padStart(7)} ms CPU`);
  };
  out(`${kind}: ${N} operations each, one at a time`);
  const now = () => new Date().toISOString();
  await time("archive INSERT … ON CONFLICT (sql.query)", (i) => db.sql.query(ARCHIVE_INSERT,
    ["wechat", `pvr-${i}-${Math.random()}`, g.id, m.id, m.candidateId, "text", "今天回村里看了看，路修得不错", now(), false, now()]));
  const item = { kind: "idea", topic: "industry", text: "建议村里搞电商直播卖茶叶", detectedBy: "rule", messageId: null, candidateId: m.candidateId, authorId: m.id, groupId: g.id, areaId: g.areaId } as const;
  await time("prisma.feedbackItem.create", () => db.prisma.feedbackItem.create({ data: item }));
  await time("prisma.auditLog.create", (i) => db.prisma.auditLog.create({ data: { actorId: m.id, action: "feedback.create", outcome: "ok", entity: "FeedbackItem", entityId: String(i), detail: { detectedBy: "rule" } } }));
  await time("raw INSERT FeedbackItem (sql.query)", () => db.sql.query(
    `INSERT INTO "FeedbackItem" (kind, topic, text, "detectedBy", "messageId", "candidateId", "authorId", "groupId", "areaId", "createdAt")
     VALUES ($1::"FeedbackKind", $2::"FeedbackTopic", $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [item.kind, item.topic, item.text, item.detectedBy, item.messageId, item.candidateId, item.authorId, item.groupId, item.areaId, now()]));
  await time("item + audit in one statement (createFeedback, the app's path)", () => createFeedback(db.sql, item, m.id, new Date()));
  await time("prisma.liaisonGroup.findUnique (Directory.group miss)", () => db.prisma.liaisonGroup.findUnique({
    where: { channel_externalId: { channel: "wechat", externalId: "demo-qingshan@chatroom" } },
    select: { id: true, topic: true, area: { select: { id: true, name: true, level: true, path: true } } },
  }));
} finally {
  await db.close();
  await created?.drop();
}
