import { Router } from "express";
import { readFileSync } from "node:fs";
import { z } from "zod";
import { parse } from "../core/validate.ts";
import { APPRAISAL_CHOICE } from "../domain/cultivation/appraisal.ts";
import type { Services } from "../features/context.ts";
import { ballotFor, castBallot } from "../features/cultivation/appraisal.ts";

const PAGE = new URL("./ballot.html", import.meta.url);
const Open = z.strictObject({ code: z.string().max(20) });
const Cast = z.strictObject({ code: z.string().max(20), marks: z.record(z.string(), z.string().max(10)) });

/**
 * The ballot page: a voter at a meeting (or anywhere, on a phone) types the one-time
 * code from their slip and marks each person. No sign-in and no token: the code is
 * the only key, it is sent in the body (never in a URL a log could keep), and the
 * ballot leaves only counts behind (see features/cultivation/appraisal.ts).
 */
export function ballotRouter(services: Services): Router {
  const r = Router();
  r.get("/ballot", (_req, res) => {
    res.set("cache-control", "no-store").type("html").send(readFileSync(PAGE, "utf8"));
  });
  r.post("/ballot/open", async (req, res) => {
    const { code } = parse(Open, req.body);
    const b = await ballotFor(services.db.prisma, code);
    res.set("cache-control", "no-store").json({ title: b.round.title, people: b.subjects, choices: APPRAISAL_CHOICE });
  });
  r.post("/ballot/cast", async (req, res) => {
    const body = parse(Cast, req.body);
    const out = await castBallot(services.db, body.code, body.marks);
    res.json({ ok: true, counted: out.counted });
  });
  return r;
}
