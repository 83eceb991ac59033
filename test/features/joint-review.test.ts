// A county that asks other offices to sign off a candidate (资格联审): entry to the
// pool waits for each sign-off, on PGlite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DB_KINDS, postgresUnavailable, restartableDatabase } from "../support/databases.ts";
import { P, QS, TestApp } from "../support/harness.ts";

const skipPg = await postgresUnavailable();
const bj = (wall: string) => new Date(`${wall.replace(" ", "T")}:00+08:00`);

describe.each(DB_KINDS)("joint review on %s", (kind) => {
  const skip = kind === "postgres" && skipPg !== null;

  describe.skipIf(skip)(skip ? `skipped: ${skipPg}` : "JOINT_REVIEW_OFFICES=纪检监察,公安", () => {
    let clock = bj("2026-12-01 10:00");
    let t: TestApp;
    let url: string;
    let drop = async () => {};
    beforeAll(async () => {
      const db = await restartableDatabase(kind);
      drop = db.drop;
      t = await TestApp.start({ ...db.opts, jobs: false, http: true, now: () => clock, env: { JOINT_REVIEW_OFFICES: "纪检监察，公安" } });
      url = t.app.url!;
    });
    afterAll(async () => {
      await t?.stop();
      await drop();
    });
    const say = async (text: string) => (await t.handle(t.chat(P.qsOrganiser, QS, text)))[0]!.text;
    const api = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(url + "/api" + path, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };

    it("refuses entry until every office has signed off, then records the sign-offs as evidence", async () => {
      const c = await t.prisma.candidate.findFirstOrThrow({ where: { name: "孙丽" } });
      const village = await t.prisma.area.findFirstOrThrow({ where: { name: "青山村" } });
      const round = await api("POST", "/appraisals", { villageId: village.id, candidateIds: [c.id], voters: 1 });
      const { body: sheet } = await api("GET", `/appraisals/${round.body.id}/codes`);
      expect((await api("POST", "/ballots", { code: sheet.codes[0], marks: { [c.id]: "称职" } })).status).toBe(200);
      await api("POST", `/appraisals/${round.body.id}/close`);
      await say(`/考察 #${c.id} 与本人谈话，走访群众6人`);
      await say(`/公示 #${c.id} 入库`);
      clock = bj("2026-12-20 10:00");

      expect(await say(`/阶段 #${c.id} 后备力量 理由=测评考察公示均已完成`)).toContain("资格联审尚缺：纪检监察、公安");
      expect((await api("POST", `/cultivation/people/${c.id}/notes`, { kind: "sign_off", label: "公安", note: "2026-12-10 无违法犯罪记录" })).status).toBe(200);
      expect(await say(`/阶段 #${c.id} 后备力量 理由=测评考察公示均已完成`)).toContain("资格联审尚缺：纪检监察。");
      await api("POST", `/cultivation/people/${c.id}/notes`, { kind: "sign_off", label: "纪检监察", note: "2026-12-12 无违纪记录" });
      expect(await say(`/阶段 #${c.id} 后备力量 理由=测评考察公示均已完成`)).toContain("由培养对象调整为后备力量");
      const move = await t.prisma.stageMove.findFirstOrThrow({ where: { candidateId: c.id } });
      expect((move.evidence as any).signOffs.map((s: any) => s.office)).toEqual(["公安", "纪检监察"]);
    });
  });
});
