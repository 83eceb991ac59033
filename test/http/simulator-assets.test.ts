// The simulator page loads its stylesheet and script from us, beside it, and nothing
// from elsewhere (the page works offline, in a county office without internet).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestApp } from "../support/harness.ts";

describe("simulator assets", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await TestApp.start({ http: true });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("serves the page's stylesheet and script with their types, and only those", async () => {
    const page = await (await fetch(`${t.app.url}/simulator`)).text();
    const refs = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(["/simulator/simulator.css", "/simulator/simulator.js"]);
    expect(page).not.toMatch(/<style|<script>/);

    const css = await fetch(`${t.app.url}/simulator/simulator.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toContain("--green");

    const js = await fetch(`${t.app.url}/simulator/simulator.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toContain("/api/simulator/world");

    // Only those two files: not the module beside them, nor anything up the tree.
    for (const path of ["/simulator/simulator.ts", "/simulator/simulator.html", "/simulator/..%2Fapp.ts", "/simulator/toString"]) {
      expect((await fetch(`${t.app.url}${path}`)).status, path).toBe(404);
    }
  });
});
