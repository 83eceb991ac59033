// /座谈会: the organiser's one command, its subcommands listed here and written beside it
// (organiser-campaign.ts: status, start, days, summary, cancel; organiser-schedule.ts: the
// day; organiser-meeting.ts: sign-in, minutes, ideas). What the reserve answer with is in
// reserve-replies.ts.
import { usage } from "../../core/errors.ts";
import { normalise, tokens } from "../../domain/command-parser.ts";
import { clip } from "../../domain/text.ts";
import type { FiledContext } from "../context.ts";
import type { Command } from "../router.ts";
import { cancel, days, start, status, summary } from "./organiser-campaign.ts";
import { idea, markAttendance, minutes } from "./organiser-meeting.ts";
import { schedule } from "./organiser-schedule.ts";

export const SYMPOSIUM_USAGE =
  "/座谈会 [状态|开始|日期|定|签到|纪要|建议|汇总|取消] [乡镇=…]，例如：/座谈会 开始、/座谈会 日期、/座谈会 定 2027-02-09 14:00 地点=镇党委会议室 议题=家乡发展、/座谈会 签到 张三 李四、/座谈会 纪要 …、/座谈会 建议 @李娟 …";

type Sub = (ctx: FiledContext, rest: string, townshipName: string | undefined) => Promise<void>;

const SUBS: [string[], Sub][] = [
  [["状态", "进展", "status"], status],
  [["开始", "确认", "start", "confirm"], start],
  [["日期", "选日", "建议日期", "days", "propose"], days],
  [["定", "定日期", "安排", "schedule", "set"], schedule],
  [["签到", "到会", "signin", "attend"], markAttendance],
  [["纪要", "记录", "minutes"], minutes],
  [["建议", "意见", "idea"], idea],
  [["汇总", "总结", "summary"], summary],
  [["取消", "cancel"], cancel],
];

export const symposiumCommand: Command = {
  names: ["座谈会", "symposium"],
  summary: "回乡座谈会：确认开始、看回乡情况和建议日期、定日期、签到、纪要、建议、汇总",
  usage: SYMPOSIUM_USAGE,
  minRole: "township_organiser",
  async run(ctx, rest) {
    // 乡镇= may stand anywhere; the rest of the text is the subcommand's (minutes keep their own colons).
    const m = /(?:^|[\s\u3000])乡镇[=＝:：](\S+)/.exec(rest);
    const township = m?.[1];
    const body = m ? (rest.slice(0, m.index) + " " + rest.slice(m.index + m[0].length)).trim() : rest.trim();
    const word = tokens(body)[0] ?? "状态";
    const sub = SUBS.find(([names]) => names.some((n) => normalise(n) === normalise(word)));
    if (!sub) throw usage(`不认识“${clip(word, 10)}”这一步。`, SYMPOSIUM_USAGE);
    await sub[1](ctx, body.slice(tokens(body)[0] ? body.indexOf(word) + word.length : 0).trim(), township);
  },
};
