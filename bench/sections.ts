// Bench sections beyond the message and outbox figures (sections 1–6 in run.ts): each
// lives in its own file and is registered here with one line. `npm run bench -- --only=<name>`
// runs one alone; a full run runs them all after section 6, in this order.
import { classifierSection } from "./classifier.ts";
import { countySection } from "./county.ts";
import { cultivationSection } from "./cultivation.ts";
import { processSection } from "./process.ts";
import { symposiumSection } from "./symposium.ts";
import { wecomSection } from "./wecom.ts";
import { workbenchSection } from "./workbench-pages.ts";

export interface SectionResult {
  /** Lines for the report, printed under the section's title. */
  lines: string[];
  /** Figures for the closing JSON line (names as the issues give them). */
  json: Record<string, number>;
  /** What failed verification; the run exits 1 when any section has some. */
  problems?: string[];
}

export interface BenchSection {
  /** The --only name. */
  name: string;
  title: string;
  run(log: (msg: string) => void): Promise<SectionResult>;
}

/** The registered sections, in the order a full run takes them. */
export const SECTIONS: BenchSection[] = [
  wecomSection,
  workbenchSection,
  countySection,
  processSection,
  symposiumSection,
  classifierSection,
  cultivationSection,
];
