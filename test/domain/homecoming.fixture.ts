// Answers reserves give to "你今年什么时候回家？" in a liaison group, with what the
// parser should read from them. DEVELOPMENT was written before the parser and used
// while building it; HELD_OUT was written after it and never used to tune the rules.
//
// Reading conventions these expectations follow (documented in src/domain/homecoming.ts):
// a pair of days ("二十六七") → the first for arriving, the last for leaving; "X前" → the day
// before X, "X后"/"过了X" → the day after; "过完年" → 正月初六; 月初/上旬/中旬/下旬/月底 → the
// 1st/5th/15th/25th/last day; a month alone → its first day to arrive, its last to leave; an
// arrival outside the season → unclear; "已经到家" → today.
import type { HomecomingAnswer, HomecomingOptions } from "../../src/domain/homecoming.ts";

export interface HomecomingCase extends HomecomingOptions {
  text: string;
  expected: HomecomingAnswer;
  /** Who says it, to keep the voices varied. */
  who: string;
}

const coming = (from: string | null, to: string | null = null): HomecomingAnswer => ({ status: "coming", from, to });
const NOT: HomecomingAnswer = { status: "not_coming" };
const UNCLEAR: HomecomingAnswer = { status: "unclear" };

// Spring Festival 2027: 正月初一 2027-02-06, 除夕 2-05 (腊月廿九: this 腊月 has 29 days),
// 腊月二十 1-27, 小年 1-30, 元宵 2-20. Asked the day after the draft went out.
const SF27 = { season: "spring_festival", year: 2027, today: "2027-01-18" } as const;
// Asked early, in December 2026, for the same Spring Festival.
const SF27_DEC = { season: "spring_festival", year: 2027, today: "2026-12-20" } as const;
// Spring Festival 2026: 正月初一 2026-02-17, 除夕 2-16 (腊月廿九).
const SF26 = { season: "spring_festival", year: 2026, today: "2026-01-20" } as const;
// Spring Festival 2028: 正月初一 2028-01-26, 除夕 1-25.
const SF28 = { season: "spring_festival", year: 2028, today: "2027-12-10" } as const;
// Summer 2027, window 7月10日–8月31日, asked on a Tuesday after the 6月20日 draft.
const SU27 = { season: "summer", year: 2027, today: "2027-06-22" } as const;

export const DEVELOPMENT: HomecomingCase[] = [
  { who: "migrant worker", text: "腊月二十六回", ...SF27, expected: coming("2027-02-02") },
  { who: "migrant worker", text: "腊月廿八到家", ...SF27, expected: coming("2027-02-04") },
  { who: "factory worker", text: "估计腊月二十六七能到家吧，初六就得回厂里了", ...SF27, expected: coming("2027-02-02", "2027-02-11") },
  { who: "student", text: "初二到初六在家", ...SF27, expected: coming("2027-02-07", "2027-02-11") },
  { who: "migrant worker", text: "腊月二十六回，初六走", ...SF27, expected: coming("2027-02-02", "2027-02-11") },
  { who: "entrepreneur", text: "年二十八到家，待到元宵节", ...SF27, expected: coming("2027-02-04", "2027-02-20") },
  { who: "office worker", text: "1.29回 2.13走", ...SF27, expected: coming("2027-01-29", "2027-02-13") },
  { who: "office worker", text: "2/4-2/9在家", ...SF27, expected: coming("2027-02-04", "2027-02-09") },
  { who: "security guard", text: "今年不回了，单位要值班", ...SF27, expected: NOT },
  { who: "delivery rider", text: "回不去", ...SF27, expected: NOT },
  { who: "migrant worker", text: "看情况吧", ...SF27, expected: UNCLEAR },
  { who: "student", text: "还没定", ...SF27, expected: UNCLEAR },
  { who: "construction worker", text: "到时候再说", ...SF27, expected: UNCLEAR },
  { who: "shop assistant", text: "可能回", ...SF27, expected: UNCLEAR },
  { who: "office worker", text: "除夕前一天到", ...SF27, expected: coming("2027-02-04") },
  { who: "nurse", text: "除夕当天才能到家，初三就走了", ...SF27, expected: coming("2027-02-05", "2027-02-08") },
  { who: "migrant worker", text: "年三十回去", ...SF27, expected: coming("2027-02-05") },
  { who: "student", text: "小年回", ...SF27, expected: coming("2027-01-30") },
  { who: "entrepreneur", text: "小年前后吧", ...SF27, expected: coming("2027-01-30") },
  { who: "factory worker", text: "放假就回", ...SF27, expected: coming(null) },
  { who: "migrant worker", text: "过完年就走", ...SF27, expected: coming(null, "2027-02-11") },
  { who: "office worker", text: "2月1号回来", ...SF27, expected: coming("2027-02-01") },
  { who: "driver", text: "28号左右回", ...SF27, expected: coming("2027-01-28") },
  { who: "civil servant", text: "2027年2月3日到家", ...SF27, expected: coming("2027-02-03") },
  { who: "teacher", text: "1月29到，初五走", ...SF27, expected: coming("2027-01-29", "2027-02-10") },
  { who: "migrant worker", text: "大年三十前肯定到", ...SF27, expected: coming("2027-02-04") },
  { who: "chef", text: "今年在外地过年", ...SF27, expected: NOT },
  { who: "factory worker", text: "不回来了，厂里不放假", ...SF27, expected: NOT },
  { who: "veteran", text: "回，腊月二十到家", ...SF27, expected: coming("2027-01-27") },
  { who: "student", text: "我们学校1月15号放假，放假就回", ...SF27_DEC, expected: coming("2027-01-15") },
  { who: "engineer", text: "腊月二十三左右到家，正月初八上班", ...SF27, expected: coming("2027-01-30", "2027-02-13") },
  { who: "salesman", text: "下周回", ...SF27, expected: coming("2027-01-25") },
  { who: "graduate student", text: "下个月底回", ...SF27_DEC, expected: coming("2027-01-31") },
  { who: "waiter", text: "月底回", ...SF27, expected: coming("2027-01-31") },
  { who: "entrepreneur", text: "已经到家了", ...SF27, today: "2027-01-25", expected: coming("2027-01-25") },
  { who: "local farmer", text: "我一直在村里，随时可以", ...SF27, expected: coming("2027-01-18") },
  { who: "truck driver", text: "腊月二十八回，待一个星期左右", ...SF27, expected: coming("2027-02-04", "2027-02-10") },
  { who: "office worker", text: "回家过年，具体哪天还没定", ...SF27, expected: coming(null) },
  { who: "factory worker", text: "还不知道回不回得去，看厂里安排", ...SF27, expected: UNCLEAR },
  { who: "doctor", text: "今年就地过年了", ...SF27, expected: NOT },
  { who: "programmer", text: "过年要加班，回不来了", ...SF27, expected: NOT },
  { who: "policeman", text: "初三回，初八走", ...SF27, expected: coming("2027-02-08", "2027-02-13") },
  { who: "migrant worker", text: "腊月二十六的火车，到家估计二十七了", ...SF27, expected: coming("2027-02-03") },
  { who: "student", text: "正月十五后走", ...SF27, expected: coming(null, "2027-02-21") },
  { who: "entrepreneur", text: "元宵节过完再走，腊月二十五到家", ...SF27, expected: coming("2027-02-01", "2027-02-21") },
  { who: "student", text: "12月28号就放寒假了，回家待到开学", ...SF27_DEC, expected: coming("2026-12-28") },
  { who: "migrant worker", text: "蜡月二十八回", ...SF27, expected: coming("2027-02-04") },
  { who: "migrant worker", text: "腊月２６回", ...SF27, expected: coming("2027-02-02") },
  { who: "bricklayer", text: "二十八回，初七走", ...SF27, expected: coming("2027-02-04", "2027-02-12") },
  { who: "welder", text: "廿六到，初六返", ...SF27, expected: coming("2027-02-02", "2027-02-11") },
  { who: "hairdresser", text: "大概年二十九到吧", ...SF27, expected: coming("2027-02-05") },
  { who: "migrant worker", text: "腊月三十到家", ...SF27, expected: coming("2027-02-05") },
  { who: "factory worker", text: "不一定回，要看老板给不给假", ...SF27, expected: UNCLEAR },
  { who: "veteran", text: "肯定回啊，腊月二十左右", ...SF27, expected: coming("2027-01-27") },
  { who: "contractor", text: "这边活干完就回，大概腊月二十五六", ...SF27, expected: coming("2027-02-01") },
  { who: "young mother", text: "今年回不了，孩子太小走不开", ...SF27, expected: NOT },
  { who: "entrepreneur", text: "今年不回老家了，在深圳过年", ...SF27, expected: NOT },
  { who: "office worker", text: "1月30号到，2月10号走", ...SF27, expected: coming("2027-01-30", "2027-02-10") },
  { who: "railway worker", text: "初一下午到家", ...SF27, expected: coming("2027-02-06") },
  { who: "migrant worker", text: "除夕", ...SF27, expected: coming("2027-02-05") },
  { who: "student", text: "过了元宵才走，二十号回", ...SF27, expected: coming("2027-01-20", "2027-02-21") },
  { who: "migrant worker", text: "腊月二十八回，正月初六走", ...SF26, expected: coming("2026-02-15", "2026-02-22") },
  { who: "courier", text: "年二十九到", ...SF26, expected: coming("2026-02-16") },
  { who: "civil servant", text: "2月14号放假，当天就回", ...SF26, expected: coming("2026-02-14") },
  { who: "student", text: "元旦一过就回来，待到正月十五", ...SF28, expected: coming("2028-01-02", "2028-02-09") },
  { who: "entrepreneur", text: "今年回来的，回来一定参加座谈会", ...SF27, expected: coming(null) },
  { who: "nanny", text: "家里老人生病了，腊月二十就回去了", ...SF27, expected: coming("2027-01-27") },
  { who: "graduate", text: "初四有个同学聚会，之后就走了，估计腊月二十七到家", ...SF27, expected: coming("2027-02-03", "2027-02-10") },
  { who: "factory worker", text: "今年不回了，初六就要上班", ...SF27, expected: NOT },
  { who: "hotel worker", text: "年三十回不去，初二能到家", ...SF27, expected: coming("2027-02-07") },
  { who: "student", text: "你们哪天开会？", ...SF27, expected: UNCLEAR },
  { who: "migrant worker", text: "看单位放不放假，放的话腊月二十八回", ...SF27, expected: coming("2027-02-04") },

  { who: "student", text: "7月10号放假就回", ...SU27, expected: coming("2027-07-10") },
  { who: "student", text: "放假就回", ...SU27, expected: coming("2027-07-10") },
  { who: "teacher", text: "7月15到8月20在家", ...SU27, expected: coming("2027-07-15", "2027-08-20") },
  { who: "student", text: "暑假不回了，留校实习", ...SU27, expected: NOT },
  { who: "student", text: "8月初回，待半个月", ...SU27, expected: coming("2027-08-01", "2027-08-15") },
  { who: "office worker", text: "国庆回", ...SU27, expected: UNCLEAR },
  { who: "student", text: "月底回", ...SU27, expected: coming("2027-06-30") },
  { who: "student", text: "下个月中旬回来", ...SU27, expected: coming("2027-07-15") },
  { who: "student", text: "7.12回 8.25走", ...SU27, expected: coming("2027-07-12", "2027-08-25") },
  { who: "construction worker", text: "暑假要在工地上干活，回不去", ...SU27, expected: NOT },
  { who: "student", text: "还没想好，到时候看吧", ...SU27, expected: UNCLEAR },
  { who: "student", text: "20号回", ...SU27, expected: coming("2027-07-20") },
  { who: "student", text: "考完试就回，大概七月五号", ...SU27, expected: coming("2027-07-05") },
  { who: "entrepreneur", text: "8月份回来待几天", ...SU27, expected: coming("2027-08-01") },
  { who: "student", text: "高铁票买好了，7月8号到家，开学前走", ...SU27, expected: coming("2027-07-08") },
  { who: "teacher", text: "在家呆到8月底", ...SU27, expected: coming(null, "2027-08-31") },
  { who: "student", text: "暑假回不回还不一定", ...SU27, expected: UNCLEAR },
  { who: "student", text: "7月中旬吧", ...SU27, expected: coming("2027-07-15") },
  { who: "intern", text: "要先去实习一个月，8月10号左右回", ...SU27, expected: coming("2027-08-10") },
];

// Spring Festival 2029: 正月初一 2029-02-13, 除夕 2-12 (腊月廿九).
const SF29 = { season: "spring_festival", year: 2029, today: "2029-01-10" } as const;

// Written after the parser, run once for the figure in the report, never tuned against.
export const HELD_OUT: HomecomingCase[] = [
  { who: "student", text: "我是腊月二十四的高铁，当天晚上就到家", ...SF27, expected: coming("2027-01-31") },
  { who: "factory worker", text: "正月初九上班，初七走", ...SF27, expected: coming(null, "2027-02-12") },
  { who: "factory worker", text: "估计要到年二十九才放假，放了就回", ...SF27, expected: coming("2027-02-05") },
  { who: "factory worker", text: "今年春节厂里不停工，回不了家了", ...SF27, expected: NOT },
  { who: "contractor", text: "看看吧，今年活多", ...SF27, expected: UNCLEAR },
  { who: "young father", text: "老婆快生了，腊月十五就回去陪她", ...SF27, expected: coming("2027-01-22") },
  { who: "office worker", text: "2.1号到家，10号走", ...SF27, expected: coming("2027-02-01", "2027-02-10") },
  { who: "migrant worker", text: "回呀，二十七八的样子", ...SF27, expected: coming("2027-02-03") },
  { who: "truck driver", text: "我在外面跑货车，过年能不能回说不准", ...SF27, expected: UNCLEAR },
  { who: "student", text: "放寒假了，下周一回", ...SF27, expected: coming("2027-01-25") },
  { who: "cook", text: "腊月二十回来，过完十五再走", ...SF27, expected: coming("2027-01-27", "2027-02-21") },
  { who: "nurse", text: "除夕那天到家，初二就要走", ...SF27, expected: coming("2027-02-05", "2027-02-07") },
  { who: "designer", text: "今年准备留在杭州过年，明年再回", ...SF27, expected: NOT },
  { who: "shop owner", text: "嗯嗯，腊月二十三小年那天到", ...SF27, expected: coming("2027-01-30") },
  { who: "migrant worker", text: "回来两三天就走，大概年二十八", ...SF27, expected: coming("2027-02-04") },
  { who: "graduate student", text: "1月27号到家，2月16号返校", ...SF27, expected: coming("2027-01-27", "2027-02-16") },
  { who: "student", text: "今年回不回去还得看工地结不结账", ...SF27, expected: UNCLEAR },
  { who: "student", text: "元旦过后就放假回家了", ...SF27_DEC, expected: coming("2027-01-02") },
  { who: "migrant worker", text: "腊月二十六到，正月初八走", ...SF29, expected: coming("2029-02-09", "2029-02-20") },
  { who: "entrepreneur", text: "年三十到", ...SF29, expected: coming("2029-02-12") },
  { who: "student", text: "7月3号考完最后一门，5号就回来", ...SU27, expected: coming("2027-07-05") },
  { who: "student", text: "今年暑假去支教，就不回去了", ...SU27, expected: NOT },
  { who: "student", text: "8月份吧，具体还没定", ...SU27, expected: coming("2027-08-01") },
  { who: "office worker", text: "下周五回，待到8月25", ...SU27, expected: coming("2027-07-02", "2027-08-25") },
  { who: "graduate student", text: "回不回看导师安排", ...SU27, expected: UNCLEAR },
  { who: "teacher", text: "暑假在家，哪天开会都行", ...SU27, expected: coming(null) },
  // A second batch, written after the first scored 26/26, aiming at messier chat.
  { who: "migrant worker", text: "俺腊月二十五六到屋，正月初五六出门", ...SF27, expected: coming("2027-02-01", "2027-02-11") },
  { who: "student", text: "过了小年就回", ...SF27, expected: coming("2027-01-31") },
  { who: "entrepreneur", text: "年底回", ...SF27, expected: coming(null) },
  { who: "factory worker", text: "大概农历二十五左右到，初十左右回深圳", ...SF27, expected: coming("2027-02-01", "2027-02-15") },
  { who: "office worker", text: "1月底放假 2月初回家 待到十五", ...SF27, expected: coming("2027-02-01", "2027-02-20") },
  { who: "migrant worker", text: "回去？今年估计悬", ...SF27, expected: UNCLEAR },
  { who: "nurse", text: "可能初二回来待一天", ...SF27, expected: coming("2027-02-07", "2027-02-07") },
  { who: "student", text: "年三十之前到家吧", ...SF27, expected: coming("2027-02-04") },
  { who: "welder", text: "腊月28 回", ...SF27, expected: coming("2027-02-04") },
  { who: "civil servant", text: "二月三号", ...SF27, expected: coming("2027-02-03") },
  { who: "construction worker", text: "今年不回了 在工地过年", ...SF27, expected: NOT },
  { who: "chef", text: "回，但是只能待到初三", ...SF27, expected: coming(null, "2027-02-08") },
  { who: "entrepreneur", text: "等我忙完这阵子，大概下个月中旬", ...SF27_DEC, expected: coming("2027-01-15") },
  { who: "student", text: "七月十号的火车，十一号早上到", ...SU27, expected: coming("2027-07-11") },
  { who: "teacher", text: "8月1日至8月15日在家", ...SU27, expected: coming("2027-08-01", "2027-08-15") },
  { who: "student", text: "回来一周左右，大概七月底", ...SU27, expected: coming("2027-07-31") },
  { who: "student", text: "不确定，看实习结束时间，最早八月初", ...SU27, expected: coming("2027-08-01") },
  { who: "village doctor", text: "在家，随时", ...SU27, expected: coming("2027-06-22") },
];
