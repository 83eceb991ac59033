// Rule-based recognition of feedback and ideas in ordinary chat messages.
// Deliberately conservative: a missed item can still be sent with /反馈;
// a false one is noise for the cadres.
import type { FeedbackKind, Topic } from "./glossary.ts";

export interface Classification {
  kind: FeedbackKind;
  topic: Topic;
}

const IDEA_CUES = /建议|提议|不如|可以考虑|能不能|可不可以|是否可以|应该|希望能|我觉得可以|点子|想法是/;
const FEEDBACK_CUES = /反映|反馈|问题|困难|难处|麻烦|投诉|不满|意见|求助|帮忙|帮帮|解决|诉求|太难|没人管|坏了/;

const TOPIC_RULES: [Topic, RegExp][] = [
  ["difficulty", /困难|难处|求助|帮忙|帮帮|贷款|资金|缺钱|看病|就医|住房|工资|欠薪|补贴没|没人管|难办/],
  ["industry", /产业|种植|养殖|合作社|电商|直播|销路|农产品|特产|茶叶|果园|民宿|旅游|加工|品牌|市场|创业|项目|集体经济/],
  ["governance", /村务|治理|两委|选举|公开|公示|村规|民约|环境|垃圾|道路|修路|路灯|自来水|纠纷|矛盾|议事|监督|卫生/],
  ["study", /学习|心得|体会|读书|学习强国|党课|培训|收获/],
  ["thinking", /想法|思考|打算|回村|回乡|家乡|发展方向|迷茫|信心|感悟|心里/],
];

/**
 * `classify("建议村里搞个电商直播卖茶叶")` → `{ kind: "idea", topic: "industry" }`;
 * small talk → null.
 */
export function classifyByRules(text: string): Classification | null {
  const s = text.trim();
  // Very short messages ("好的", "收到", "👍") are acknowledgements, not feedback.
  if ([...s].length < 8) return null;
  const idea = IDEA_CUES.test(s);
  const feedback = FEEDBACK_CUES.test(s);
  const topic = topicOf(s);
  if (!idea && !feedback) {
    // Someone sharing their thinking or a difficulty is worth filing even with no cue word,
    // and so is a long message squarely about one of the topics.
    const len = [...s].length;
    if ((topic === "thinking" || topic === "difficulty") && len >= 15) return { kind: "feedback", topic };
    if (len >= 40 && topic !== "other") return { kind: "feedback", topic };
    return null;
  }
  return { kind: idea && !feedback ? "idea" : idea && topic !== "difficulty" ? "idea" : "feedback", topic };
}

export function topicOf(text: string): Topic {
  for (const [topic, re] of TOPIC_RULES) if (re.test(text)) return topic;
  return "other";
}
