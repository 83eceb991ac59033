// A WeCom group in the demo county, beside the WeChat ones (WECOM_DEMO=true with the
// mock puppet): the real WeCom bot channel talks to the fake WeCom server in this
// process, so the simulator can show a county moving a group to WeCom. Some people
// have an account on both, bound to the same record.
import type { Logger } from "../core/logger.ts";
import type { Prisma } from "../db/database.ts";
import { WecomBotChannel } from "../channels/wecom/bot-channel.ts";
import { FakeWecomServer } from "../channels/wecom/fake-server.ts";

export const DEMO_WECOM_GROUP = { chatid: "wrDemoQingshanWecom", topic: "青山镇联系群（企业微信）", area: "青山镇" };

/** WeCom userids of the demo group; `wxid` is the same person's WeChat account, if any. */
export const DEMO_WECOM_PEOPLE: { userid: string; name: string; wxid: string | null }[] = [
  { userid: "ChenWeiyuan", name: "陈委员", wxid: "wxid_demo_qs_organiser" },
  { userid: "WangShuji", name: "王书记", wxid: "wxid_demo_qs_cadre" },
  { userid: "LiJuan", name: "李娟", wxid: "wxid_demo_lijuan" },
  { userid: "ZhangWei", name: "张伟", wxid: "wxid_demo_zhangwei" },
  { userid: "XiaoZhao", name: "小赵（未绑定）", wxid: null },
];

export interface WecomDemo {
  server: FakeWecomServer;
  channel: WecomBotChannel;
  stop(): Promise<void>;
}

/** Start the fake WeCom server, bind the demo group and accounts (idempotent), and make the channel. */
export async function startWecomDemo(prisma: Prisma, botName: string, log: Logger): Promise<WecomDemo> {
  const names = Object.fromEntries(DEMO_WECOM_PEOPLE.map((p) => [p.userid, p.name]));
  const server = await FakeWecomServer.start({ botId: "aib-demo", secret: "demo-secret", botName, people: names });
  const area = await prisma.area.findFirst({ where: { name: DEMO_WECOM_GROUP.area } });
  if (area) {
    await prisma.liaisonGroup.upsert({
      where: { channel_externalId: { channel: "wecom", externalId: DEMO_WECOM_GROUP.chatid } },
      create: { channel: "wecom", externalId: DEMO_WECOM_GROUP.chatid, topic: DEMO_WECOM_GROUP.topic, areaId: area.id },
      update: {},
    });
  }
  for (const p of DEMO_WECOM_PEOPLE) {
    const wechat = p.wxid ? await prisma.chatMember.findUnique({ where: { channel_externalId: { channel: "wechat", externalId: p.wxid } } }) : null;
    const same = wechat ? { role: wechat.role, areaId: wechat.areaId, candidateId: wechat.candidateId } : {};
    await prisma.chatMember.upsert({
      where: { channel_externalId: { channel: "wecom", externalId: p.userid } },
      create: { channel: "wecom", externalId: p.userid, displayName: p.userid, ...same },
      update: {},
    });
  }
  const channel = new WecomBotChannel({ botId: "aib-demo", secret: "demo-secret", botName, wsUrl: server.url, log: log.child({ channel: "wecom", demo: true }) });
  return { server, channel, stop: () => server.close() };
}
