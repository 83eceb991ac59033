// The one glossary: code names and the Chinese people read. The bot, the API
// and later exports all take their labels from here.

export const AREA_LEVEL = { county: "县", township: "乡镇", village: "村" } as const;

export const CATEGORY = {
  business_leader: "致富能手",
  returning_entrepreneur: "返乡创业青年",
  graduate: "大学毕业生",
  veteran: "退役军人",
  other: "其他",
} as const;

export const SOURCE = {
  self_nomination: "个人自荐",
  villager_recommendation: "群众举荐",
  party_recommendation: "组织推荐",
} as const;

export const STAGE = {
  prospect: "摸底对象",
  trainee: "培养对象",
  reserve: "后备力量",
  used: "使用",
  exited: "调整退出",
} as const;

export const GENDER = { male: "男", female: "女" } as const;

export const ROLE = {
  guest: "未绑定成员",
  reserve: "后备力量",
  village_cadre: "村干部/帮带人",
  township_organiser: "乡镇组织委员",
  county_admin: "县委组织部管理员",
} as const;

/** What becomes an item a cadre answers. */
export const FEEDBACK_KIND = { feedback: "意见", idea: "建议", request: "求助" } as const;

/**
 * What the recogniser finds in ordinary chat, stored on the archived message. Wider
 * than FEEDBACK_KIND: study notes count as check-ins and thinking stays on the file.
 */
export const REMARK_KIND = {
  idea: "建议",
  feedback: "意见",
  request: "求助",
  study: "学习心得",
  thinking: "思想动态",
} as const;

export const TOPIC = {
  industry: "产业发展",
  governance: "基层治理",
  difficulty: "困难诉求",
  thinking: "思想动态",
  study: "学习心得",
  other: "其他",
} as const;

export const FEEDBACK_STATUS = { open: "待处理", answered: "已答复", closed: "已关闭" } as const;

export const REMINDER_KIND = {
  online_study: "在线学习",
  three_meetings: "三会一课",
  party_day: "主题党日",
  training: "培训",
  other: "其他",
} as const;

export const REMINDER_KIND_ALIASES: Record<string, ReminderKind> = {
  学习: "online_study",
  线上学习: "online_study",
  学习强国: "online_study",
  三会: "three_meetings",
  党日: "party_day",
  主题党日活动: "party_day",
  培训班: "training",
  党校: "training",
  党校培训: "training",
};

export const SCHEDULE_STATUS = { active: "进行中", paused: "已暂停", finished: "已结束" } as const;

export const OUTBOX_STATUS = { pending: "待发送", sending: "发送中", sent: "已发送", failed: "发送失败" } as const;

/** Why a channel stopped sending. */
export const HALT_REASON = { rate_limited: "平台提示发送过于频繁", logged_out: "账号已掉线" } as const;

/** Channels as people name them; an unknown channel shows its own name. */
export const CHANNEL_LABEL: Record<string, string> = { wechat: "微信", wecom: "企业微信", "wecom-robot": "企业微信群机器人", "wecom-app": "企业微信应用", memory: "测试渠道" };
/**
 * Channels whose bot hears, in groups, only the messages that @-mention it (WeCom's
 * official bot): filing there covers what is said to the bot, and people are told so.
 */
export const HEARS_ONLY_MENTIONS: ReadonlySet<string> = new Set(["wecom"]);
export const MENTIONS_ONLY_NOTE = "注意：企业微信群里只有@我的消息才会送到我这里，记入档案的也只有这些；想让我记下的话，请先@我再说。";
/** Channels that only send (WeCom group robots): nobody has an account there, nothing is heard. */
export const SEND_ONLY_CHANNELS: ReadonlySet<string> = new Set(["wecom-robot"]);
export const channelLabel = (name: string) => (Object.hasOwn(CHANNEL_LABEL, name) ? CHANNEL_LABEL[name]! : name);

export type ReminderKind = keyof typeof REMINDER_KIND;
export type ScheduleStatus = keyof typeof SCHEDULE_STATUS;
export type OutboxStatus = keyof typeof OUTBOX_STATUS;
export type HaltReason = keyof typeof HALT_REASON;
export type Category = keyof typeof CATEGORY;
export type Source = keyof typeof SOURCE;
export type Stage = keyof typeof STAGE;
export type Gender = keyof typeof GENDER;
export type Role = keyof typeof ROLE;
export type FeedbackKind = keyof typeof FEEDBACK_KIND;
export type RemarkKind = keyof typeof REMARK_KIND;
export type Topic = keyof typeof TOPIC;
export type FeedbackStatus = keyof typeof FEEDBACK_STATUS;
export type AreaLevel = keyof typeof AREA_LEVEL;

/**
 * Find a code by its Chinese label, a common short form, or the code itself.
 * `fromLabel(CATEGORY, "大学生")` → "graduate".
 */
export function fromLabel<T extends Record<string, string>>(
  table: T,
  input: string,
  aliases: Record<string, keyof T> = {},
): keyof T | undefined {
  const s = input.trim();
  // Own keys only: "toString" is in every object.
  if (Object.hasOwn(table, s)) return s as keyof T;
  for (const [code, label] of Object.entries(table)) if (label === s) return code as keyof T;
  if (Object.hasOwn(aliases, s)) return aliases[s];
  return undefined;
}

export const CATEGORY_ALIASES: Record<string, Category> = {
  致富带头人: "business_leader",
  能人: "business_leader",
  致富能人: "business_leader",
  经济能人: "business_leader",
  农村能人: "business_leader",
  种养大户: "business_leader",
  种植大户: "business_leader",
  养殖大户: "business_leader",
  个体工商户: "business_leader",
  返乡青年: "returning_entrepreneur",
  返乡创业: "returning_entrepreneur",
  返乡创业人员: "returning_entrepreneur",
  返乡创业青年: "returning_entrepreneur",
  返乡人员: "returning_entrepreneur",
  返乡大学生: "graduate",
  外出务工返乡人员: "returning_entrepreneur",
  大学生: "graduate",
  毕业生: "graduate",
  高校毕业生: "graduate",
  大学毕业: "graduate",
  大中专毕业生: "graduate",
  应届毕业生: "graduate",
  大学生村官: "graduate",
  退伍军人: "veteran",
  军人: "veteran",
  退役士兵: "veteran",
  复员军人: "veteran",
  转业军人: "veteran",
  退伍兵: "veteran",
  其它: "other",
  其他人员: "other",
};

export const SOURCE_ALIASES: Record<string, Source> = {
  自荐: "self_nomination",
  本人自荐: "self_nomination",
  自我推荐: "self_nomination",
  个人报名: "self_nomination",
  本人申请: "self_nomination",
  群众推荐: "villager_recommendation",
  举荐: "villager_recommendation",
  村民推荐: "villager_recommendation",
  群众推选: "villager_recommendation",
  党员群众推荐: "villager_recommendation",
  组织: "party_recommendation",
  党组织推荐: "party_recommendation",
  村党组织推荐: "party_recommendation",
  党支部推荐: "party_recommendation",
  村党支部推荐: "party_recommendation",
  支部推荐: "party_recommendation",
  乡镇党委推荐: "party_recommendation",
  组织选派: "party_recommendation",
};

export const ROLE_ORDER: Role[] = ["guest", "reserve", "village_cadre", "township_organiser", "county_admin"];
