// Replies to a symposium invitation: "参加", "来不了，家里有事", "不一定". Pure: the
// caller decides which messages are replies (a quote of the invitation, a private chat
// after it) and what to do with null.

export type RsvpAnswer = "yes" | "no" | "maybe";

export interface Rsvp {
  answer: RsvpAnswer;
  /** What else they said: why not, or a note ("可能晚到半小时"). */
  reason?: string;
}

const MAYBE =
  /不一定|不确定|说不准|说不好|不好说|尽量|争取|看情况|看时间|看安排|到时候看|到时候再说|再说吧?|再看|可能|也许|或许|待定|还没定|没想好/;
const NO =
  /(?:来|去|参加|到|出席|赶)不(?:了|成)|赶不(?:回来|上|过来|回去)|回不来|不(?:参加|出席|去|来)(?:了)?|不能(?:来|去|参加|到|出席)|没(?:法|办法)(?:来|去|参加|到|出席)|没空|没时间|请假|缺席|走不开|脱不开身/;
const YES =
  /参加(?![了过])|出席|报名|我来|能来|会来|一定来|一定到|准时到|按时到|准时参加|到场|我去|能去|会去|必到|肯定(?:到|来|去)|没问题|^(?:来|去|到|可以|行|1|\+1|✅)$/;
// A reason without a no ("家里有事", "那天要出差") reads as a no.
const EXCUSE = /有事(?!吗|找|说|问|的话)|生病|住院|出差|加班|值班|在外地|回不去/;
// Acknowledging the message is not an answer: the bot should ask.
const ACK_ONLY = /^(?:好的?|好滴|好嘞|嗯+|收到|了解|知道了|明白|谢谢|ok|okay)$/;

const FILLER =
  /^(?:好的|好|嗯+|哦|噢|ok|okay|收到|那个|领导|书记|主任|抱歉|不好意思|对不起|sorry|谢谢|了|哈+|啊|呀|吧|呢|的|一定|肯定|都|也)+|(?:抱歉|不好意思|对不起|sorry|谢谢|了|哈+|啊|呀|吧|呢|哦|的)+$/g;
const MAX_REASON = 100;

function normalise(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/@\S+\s?/g, "")
    .replace(/\s+/g, "")
    .replace(/[~～]+/g, "");
}

/** Clauses that state something; a question asks, it does not answer ("我能带孩子来吗？"). */
function statementsOf(s: string): string[] {
  return s.split(/(?<=[?？])|[，,。.!！;；、\n]+/).filter((c) => c !== "" && !/(?:[?？]|吗)$/.test(c));
}

function reasonFrom(rest: string[]): string | undefined {
  const parts = rest.map((c) => c.replace(FILLER, "")).filter((c) => !/^(?:我|能|会|我能|我会)?$/.test(c) && !ACK_ONLY.test(c));
  if (parts.length === 0) return undefined;
  const reason = parts.join("，");
  const points = [...reason];
  return points.length > MAX_REASON ? points.slice(0, MAX_REASON).join("") + "…" : reason;
}

/**
 * An answer to an invitation, or null when the message is not one (a question, a thank-you,
 * a bare "收到").
 *
 * @example
 * parseRsvp("好的我参加")      // → { answer: "yes" }
 * parseRsvp("请假，家里有事")  // → { answer: "no", reason: "家里有事" }
 * parseRsvp("不一定")          // → { answer: "maybe" }
 * parseRsvp("几点开始？")      // → null
 */
export function parseRsvp(text: string): Rsvp | null {
  const clauses = statementsOf(normalise(text));
  // The first clause that answers decides ("参加，可能晚到半小时" is a yes with a note);
  // within it a hedge outranks a no, and a no outranks a yes ("不一定能参加", "参加不了").
  for (let k = 0; k < clauses.length; k++) {
    const c = clauses[k]!;
    const answer: RsvpAnswer | null = MAYBE.test(c) ? "maybe" : NO.test(c) ? "no" : YES.test(c) ? "yes" : null;
    if (!answer) continue;
    const said = [NO, MAYBE, YES].reduce((rest, re) => rest.replace(new RegExp(re.source, "g"), ""), c);
    const reason = reasonFrom([...clauses.slice(0, k), said, ...clauses.slice(k + 1)]);
    return reason === undefined ? { answer } : { answer, reason };
  }
  const excuse = clauses.find((c) => EXCUSE.test(c));
  if (excuse) return { answer: "no", reason: reasonFrom(clauses)! };
  return null;
}
