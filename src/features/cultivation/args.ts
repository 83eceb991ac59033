// Reading the arguments of the cultivation commands: "key=value" fields whose values
// may hold spaces. (The person a command is about: candidates/person-arg.ts.)
import { normalise } from "../../domain/command-parser.ts";

/**
 * "培养对象 理由=经村党组织研究 列为培养对象 岗位=村委会委员" with keys 理由, 岗位 →
 * { head: "培养对象", fields: { 理由: "经村党组织研究 列为培养对象", 岗位: "村委会委员" } }.
 * A value runs to the next known key, so it may hold spaces.
 */
export function fieldsUntil(rest: string, keys: readonly string[]): { head: string; fields: Record<string, string> } {
  const alt = keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const re = new RegExp(`(?:^|\\s)(${alt})\\s*[=＝:：]`, "g");
  const hits = [...rest.matchAll(re)];
  const head = (hits.length ? rest.slice(0, hits[0]!.index) : rest).trim();
  const fields: Record<string, string> = {};
  hits.forEach((h, i) => {
    const start = h.index! + h[0].length;
    const end = i + 1 < hits.length ? hits[i + 1]!.index! : rest.length;
    fields[normalise(h[1]!)] = rest.slice(start, end).trim();
  });
  return { head, fields };
}
