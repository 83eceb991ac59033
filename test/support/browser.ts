import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { TestApp } from "./harness.ts";

/** Debian's chromium, driven by playwright-core (apt-get install chromium). */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);

/** The app on the mock puppet with HTTP, and chromium, started together: the app's start is most of the time. */
export async function appAndBrowser(): Promise<{ t: TestApp; browser: Browser }> {
  const [app, br] = await Promise.allSettled([
    TestApp.start({ http: true }),
    chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    }),
  ]);
  if (app.status === "rejected" || br.status === "rejected") {
    if (app.status === "fulfilled") await app.value.stop();
    if (br.status === "fulfilled") await br.value.close();
    throw app.status === "rejected" ? app.reason : (br as PromiseRejectedResult).reason;
  }
  return { t: app.value, browser: br.value };
}
