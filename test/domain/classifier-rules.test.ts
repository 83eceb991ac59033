import { describe, expect, it } from "vitest";
import { classifyByRules } from "../../src/domain/classifier-rules.ts";

describe("classifyByRules", () => {
  it.each([
    ["建议村里搞电商直播，把我们的茶叶卖出去", "idea", "industry"],
    ["能不能在村里建个冷库，合作社的果子放不住", "idea", "industry"],
    ["村口的路灯坏了一个月了，晚上回家很不方便", "feedback", "governance"],
    ["我家老人看病报销太难了，想求助一下", "feedback", "difficulty"],
    ["希望能多组织几次党课学习，线上学习强国也可以", "idea", "study"],
    ["最近一直在想毕业后要不要回乡发展，有点迷茫，想听听大家的想法", "feedback", "thinking"],
  ])("%s → %s/%s", (text, kind, topic) => {
    expect(classifyByRules(text)).toEqual({ kind, topic });
  });

  it.each(["好的", "收到", "👍👍👍", "哈哈哈哈", "今天回村里看了看，路修得不错", "大家新年好！"])("%s is small talk", (text) => {
    expect(classifyByRules(text)).toBeNull();
  });
});
