import { PGlite } from "@electric-sql/pglite";
import { migrate } from "../src/db/migrate.ts";
const c = new PGlite();
await c.waitReady;
const sql = { exec: async (t: string) => void (await c.exec(t)), query: async (t: string, p?: unknown[]) => (await c.query(t, p as unknown[])).rows as never };
await migrate(sql);
await c.exec(`CREATE TABLE plain (id serial primary key, t text)`);
async function time(label: string, n: number, f: (i: number) => Promise<unknown>) {
  for (let i = 0; i < 100; i++) await f(-i - 1);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await f(i);
  const ms = performance.now() - t0;
  console.log(label, (n / ms * 1000).toFixed(0), "/s", (ms / n).toFixed(3), "ms");
}
await time("select 1", 2000, () => c.query("select 1"));
await time("plain insert", 2000, (i) => c.query("insert into plain (t) values ($1)", ["x" + i]));
await time("plain insert exec no params", 2000, (i) => c.exec(`insert into plain (t) values ('y${i}')`));
await c.exec(`INSERT INTO "Area" (name, level, path) VALUES ('a','county','/1/')`).catch(e=>console.log(e.message));
