// The demo county: one county, two townships, a few villages, a liaison group per
// township with about ten reserves and two cadres, and one group not yet bound.
// Used to seed an empty database and to populate the mock puppet, so the ids match.
import type { Category, Role, Source, Stage } from "../domain/glossary.ts";

export interface DemoPerson {
  wxid: string;
  name: string;
  role: Role;
  /** Cadres: the area they are responsible for. Reserves: their village. */
  area: string;
  candidate?: { category: Category; source: Source; stage: Stage; gender: "male" | "female"; birthYear: number; phone: string; education: string; currentPlace: string; specialties?: string };
}

export interface DemoGroup {
  roomId: string;
  topic: string;
  /** The area the group is bound to; null for a group not yet bound. */
  area: string | null;
  members: string[];
}

export const DEMO_COUNTY = "青溪县";
export const DEMO_TOWNSHIPS: Record<string, string[]> = {
  青山镇: ["青山村", "桃源村", "石门村"],
  白水乡: ["白水村", "柳岸村"],
};

const r = (wxid: string, name: string, village: string, category: Category, source: Source, stage: Stage, gender: "male" | "female", birthYear: number, phone: string, education: string, currentPlace: string, specialties?: string): DemoPerson => ({
  wxid, name, role: "reserve", area: village,
  candidate: { category, source, stage, gender, birthYear, phone, education, currentPlace, ...(specialties ? { specialties } : {}) },
});

export const DEMO_PEOPLE: DemoPerson[] = [
  { wxid: "wxid_demo_county", name: "周组织部", role: "county_admin", area: DEMO_COUNTY },
  { wxid: "wxid_demo_qs_organiser", name: "陈委员", role: "township_organiser", area: "青山镇" },
  { wxid: "wxid_demo_qs_cadre", name: "王书记", role: "village_cadre", area: "青山村" },
  { wxid: "wxid_demo_bs_organiser", name: "刘委员", role: "township_organiser", area: "白水乡" },
  { wxid: "wxid_demo_bs_cadre", name: "赵主任", role: "village_cadre", area: "白水村" },
  r("wxid_demo_lijuan", "李娟", "青山村", "graduate", "party_recommendation", "reserve", "female", 1998, "13812341234", "本科", "杭州", "电商运营"),
  r("wxid_demo_zhangwei", "张伟", "青山村", "returning_entrepreneur", "self_nomination", "trainee", "male", 1992, "13900002222", "大专", "青山村", "茶叶加工"),
  r("wxid_demo_wangfang", "王芳", "桃源村", "graduate", "party_recommendation", "trainee", "female", 2000, "13700003333", "硕士", "南京读研"),
  r("wxid_demo_liuqiang", "刘强", "桃源村", "veteran", "party_recommendation", "reserve", "male", 1990, "13600004444", "高中", "桃源村", "民兵训练"),
  r("wxid_demo_chenjing", "陈静", "石门村", "business_leader", "villager_recommendation", "reserve", "female", 1988, "13500005555", "大专", "石门村", "养殖合作社"),
  r("wxid_demo_yangfan", "杨帆", "石门村", "graduate", "self_nomination", "prospect", "male", 2001, "13400006666", "本科", "上海"),
  r("wxid_demo_huanglei", "黄磊", "青山村", "returning_entrepreneur", "villager_recommendation", "prospect", "male", 1995, "13300007777", "高中", "深圳务工"),
  r("wxid_demo_zhoumin", "周敏", "桃源村", "other", "villager_recommendation", "prospect", "female", 1996, "13200008888", "大专", "宁波"),
  r("wxid_demo_wuhao", "吴昊", "石门村", "veteran", "party_recommendation", "trainee", "male", 1993, "13100009999", "大专", "石门村"),
  r("wxid_demo_sunli", "孙丽", "青山村", "graduate", "party_recommendation", "trainee", "female", 1999, "15800001111", "本科", "合肥"),
  r("wxid_demo_zhengyu", "郑宇", "白水村", "returning_entrepreneur", "self_nomination", "reserve", "male", 1991, "15900002222", "大专", "白水村", "民宿经营"),
  r("wxid_demo_fengxue", "冯雪", "白水村", "graduate", "party_recommendation", "trainee", "female", 2000, "15700003333", "本科", "武汉"),
  r("wxid_demo_heping", "何平", "柳岸村", "business_leader", "villager_recommendation", "reserve", "male", 1986, "15600004444", "初中", "柳岸村", "水产养殖"),
  r("wxid_demo_luoxin", "罗欣", "柳岸村", "graduate", "self_nomination", "prospect", "female", 2002, "15500005555", "本科", "广州"),
  r("wxid_demo_tangjun", "唐军", "白水村", "veteran", "party_recommendation", "reserve", "male", 1989, "15300006666", "高中", "白水村"),
  r("wxid_demo_xuting", "许婷", "柳岸村", "other", "villager_recommendation", "prospect", "female", 1997, "15200007777", "大专", "苏州"),
  r("wxid_demo_gaofeng", "高峰", "白水村", "returning_entrepreneur", "villager_recommendation", "trainee", "male", 1994, "15100008888", "本科", "白水村", "电商直播"),
  r("wxid_demo_lintao", "林涛", "柳岸村", "graduate", "party_recommendation", "trainee", "male", 1999, "15000009999", "本科", "成都"),
  r("wxid_demo_majie", "马洁", "白水村", "graduate", "self_nomination", "prospect", "female", 2001, "18800001111", "本科", "北京"),
  // Seen in a group but not yet linked to any record: the bot asks them once.
  { wxid: "wxid_demo_newcomer", name: "小何（新人）", role: "guest", area: "桃源村" },
];

const QS = ["wxid_demo_qs_organiser", "wxid_demo_qs_cadre", "wxid_demo_county", "wxid_demo_lijuan", "wxid_demo_zhangwei", "wxid_demo_wangfang", "wxid_demo_liuqiang", "wxid_demo_chenjing", "wxid_demo_yangfan", "wxid_demo_huanglei", "wxid_demo_zhoumin", "wxid_demo_wuhao", "wxid_demo_sunli", "wxid_demo_newcomer"];
const BS = ["wxid_demo_bs_organiser", "wxid_demo_bs_cadre", "wxid_demo_county", "wxid_demo_zhengyu", "wxid_demo_fengxue", "wxid_demo_heping", "wxid_demo_luoxin", "wxid_demo_tangjun", "wxid_demo_xuting", "wxid_demo_gaofeng", "wxid_demo_lintao", "wxid_demo_majie"];

export const DEMO_GROUPS: DemoGroup[] = [
  { roomId: "demo-qingshan@chatroom", topic: "青山镇后备力量联系群", area: "青山镇", members: QS },
  { roomId: "demo-baishui@chatroom", topic: "白水乡后备力量联系群", area: "白水乡", members: BS },
  { roomId: "demo-youth@chatroom", topic: "青溪县返乡青年交流群", area: null, members: ["wxid_demo_county", "wxid_demo_zhengyu", "wxid_demo_lijuan", "wxid_demo_gaofeng"] },
];

export const DEMO_BOT = { wxid: "wxid_demo_bot", name: "苗圃助手" };
