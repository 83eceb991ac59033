import { describe, expect, it } from "vitest";
import { EMOJI, MENTION, normaliseRemark, wordsOf } from "../../src/domain/remark-text.ts";
import { remarkFeatures } from "../../src/domain/remark-features.ts";

describe("normaliseRemark", () => {
  it("keeps one marker for a mention, and one for any emoji or sticker that says nothing of how it is meant", () => {
    expect(normaliseRemark("@王书记\u2005水又停了[发怒][发怒]")).toBe(`${MENTION}水又停了${EMOJI}`);
    expect(normaliseRemark("@王书记 水又停了😡😤")).toBe(`${MENTION}水又停了${EMOJI}`);
    expect(normaliseRemark("水又停了👎🏻")).toBe(`水又停了${EMOJI}`);
  });

  it("keeps laughing, thumbs up, thanks and red packets apart, whether emoji or sticker", () => {
    expect(normaliseRemark("建议大家早点睡[捂脸]")).toBe(normaliseRemark("建议大家早点睡🤣"));
    expect(normaliseRemark("[强][强]")).toBe("👍");
    expect(normaliseRemark("谢谢老板[抱拳]")).toBe("谢谢老板🙏");
    expect(normaliseRemark("[红包]")).not.toBe(normaliseRemark("[捂脸]"));
  });

  it("folds full-width forms and Chinese punctuation, and runs of the same mark", () => {
    expect(normaliseRemark("ＯＫ！！！ 咋办？？")).toBe("ok! 咋办?");
    expect(normaliseRemark("好的。。。行吧，")).toBe("好的.行吧,");
  });

  it("wordsOf leaves only what was said", () => {
    expect(wordsOf(normaliseRemark("哈哈[捂脸]！"))).toBe("哈哈");
    expect(wordsOf(normaliseRemark("[强][强] 👍"))).toBe("");
  });
});

describe("remarkFeatures", () => {
  it("has the grams at the ends, the cue groups that match, and the length", () => {
    const f = remarkFeatures(normaliseRemark("水又停了"));
    for (const name of ["g:^水", "g:又停", "g:了$", "k:complaint", "len:4"]) expect(f.has(name), name).toBe(true);
    expect(f.has("k:suggestion")).toBe(false);
  });

  it("a cue group matched twice counts for more than once", () => {
    expect(remarkFeatures(normaliseRemark("又停水了，没人管")).has("k:complaint+")).toBe(true);
    expect(remarkFeatures(normaliseRemark("又停水了")).has("k:complaint+")).toBe(false);
  });

  it("a long message's grams weigh less each, so they do not outvote a short one's", () => {
    const short = remarkFeatures(normaliseRemark("网又断了"));
    const long = remarkFeatures(normaliseRemark("网又断了，" + "我们组好几户人家都在说这个事情，孩子上网课老是掉线，大人打电话也打不出去"));
    expect(long.get("g:网又")!).toBeLessThan(short.get("g:网又")!);
  });
});
