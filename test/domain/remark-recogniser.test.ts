// The recogniser with its committed weights, on messages written for this test
// and kept out of the corpus (the first four are the ones the recogniser was asked for).
import { describe, expect, it } from "vitest";
import type { RemarkKind, Topic } from "../../src/domain/glossary.ts";
import { recogniseRemark } from "../../src/domain/remark-recogniser.ts";
import { readCorpus } from "../../src/llm/corpus.ts";
import { loadRemarkModel } from "../../src/llm/remark-model-file.ts";

const FILED: [string, RemarkKind, Topic][] = [
  ["自来水这个月停了三次，也没提前通知，老人在家很不方便", "feedback", "governance"],
  ["村集体经济可以试试光伏，屋顶租出去一年也有一笔收入", "idea", "industry"],
  ["孩子明年上小学，户口在村里但人在外面，入学手续怎么办？", "request", "difficulty"],
  ["今天在学习强国上看了乡村振兴的专题，里面讲的数字乡村很有启发", "study", "study"],
  ["@张书记 我们组那条排水沟又堵了，一下雨污水就漫到路上，味道大得很", "feedback", "governance"],
  ["村里的健身广场灯坏了大半年，晚上跳舞的大妈们只能摸黑", "feedback", "governance"],
  ["今年收购站给的香菇价比去年低了三成，散户根本没法跟他们讲价", "feedback", "industry"],
  ["俺在砖厂干了一年，年底老板说资金周转不开，工钱拖到现在还没给", "feedback", "difficulty"],
  ["咱们这的高山土豆口感好，可以统一包装，打上村里的名字拿到县城超市去卖", "idea", "industry"],
  ["我觉得可以在每个组设个公告栏，村里的大事小情都贴出来，大家心里有数", "idea", "governance"],
  ["要是能把闲置的烤烟房改成农产品烘干房，辣椒、菌子都能烘，省得雨天发霉", "idea", "industry"],
  ["能不能请派出所的同志来讲讲防诈骗，村里好几个老人都接到过骗子电话", "idea", "governance"],
  ["请问在外地打工的人，家里老人的医保可以在手机上帮着交吗？", "request", "difficulty"],
  ["我爸的低保卡密码忘了，要本人去银行还是村里能帮忙开个证明", "request", "difficulty"],
  ["想在自家院子里办个小型养鸡场，三百只左右，要办啥手续不？", "request", "industry"],
  ["有没有人晓得，退伍士兵的一次性经济补助是找县里哪个部门领", "request", "difficulty"],
  ["跟着村里的老支书下了一周的组，学会了调解邻里纠纷先听两边把话说完，不急着表态", "study", "study"],
  ["读了一本讲日本乡村振兴的书，他们一村一品做了几十年，我们不能指望一两年就见效", "study", "study"],
  ["昨天的党课讲“从群众中来，到群众中去”，我理解就是决策前先要挨家挨户听意见", "study", "study"],
  ["在厂里干了六年流水线，越干越没劲，最近老想着回老家，但又怕回去挣不到钱", "thinking", "thinking"],
  ["成了后备力量以后，我爸妈逢人就说，我自己倒是压力不小，怕干不出个样子", "thinking", "thinking"],
  ["还在犹豫要不要接下村里那个协管员的岗位，工资不高，但能学东西", "thinking", "thinking"],
];

const SMALL_TALK = [
  "好嘞，明天见",
  "收到，马上办",
  "谢谢李姐的红包，新年大吉🧧",
  "哈哈哈这个建议我喜欢，今晚火锅走起",
  "今天的问题就聊到这吧，大家早点休息",
  "学习学习👍👍",
  "@刘会计 表格我已经发你了，看一下",
  "明天上午的座谈会改到下午两点，地点不变",
  "今天回村里看了看，路修得不错",
  "我刚到家，路上太堵了，明天再聊",
  "祝大家元旦快乐，新的一年心想事成",
  "转发：关于开展冬季森林防火宣传的通知",
];

const model = loadRemarkModel();

describe("recogniseRemark", () => {
  it.each(FILED)("%s → %s/%s", (text, kind, topic) => {
    expect(recogniseRemark(model, text)).toEqual({ kind, topic });
  });

  it.each(SMALL_TALK)("%s is small talk", (text) => {
    expect(recogniseRemark(model, text)).toBeNull();
  });

  it("a question about one's own affairs is a request; one about a meeting is small talk", () => {
    expect(recogniseRemark(model, "请问明天几点开会")).toBeNull();
    expect(recogniseRemark(model, "请问我家老人的高龄补贴这个月怎么还没到账")?.kind).toBe("request");
  });

  it("reads past WeChat furniture: mentions, stickers, emoji and full-width letters", () => {
    const plain = recogniseRemark(model, "村口那段路一下雨全是泥，电动车都骑不过去");
    expect(plain).not.toBeNull();
    expect(recogniseRemark(model, "@王书记\u2005村口那段路一下雨全是泥，电动车都骑不过去[捂脸][捂脸]😡")).toEqual(plain);
  });

  it("answers a pasted article as fast as a chat line, from its opening", () => {
    const article = "建议村里把闲置的老粮站改成农产品展销中心，" + "相关材料附后。".repeat(3000);
    expect(recogniseRemark(model, article)).toEqual(recogniseRemark(model, [...article].slice(0, 500).join("")));
  });

  it("these examples are not in the corpus it learned from or is measured on", () => {
    const corpus = new Set([...readCorpus("train"), ...readCorpus("test")].map((i) => i.text));
    for (const text of [...FILED.map(([t]) => t), ...SMALL_TALK]) expect(corpus.has(text), text).toBe(false);
  });
});
