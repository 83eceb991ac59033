import { describe, expect, it } from "vitest";
import { placeKey, shortPlaceName } from "../../../src/domain/divisions/place-name.ts";

describe("shortPlaceName", () => {
  it("turns the committee's name into the village's", () => {
    expect(shortPlaceName("南高村委会")).toBe("南高村");
    expect(shortPlaceName("闫庄村民委员会")).toBe("闫庄村");
    expect(shortPlaceName("花园村村民委员会")).toBe("花园村");
    expect(shortPlaceName("东村村委会")).toBe("东村");
    expect(shortPlaceName("东于社区居委会")).toBe("东于社区");
    expect(shortPlaceName("淮河新城社区委员会")).toBe("淮河新城社区");
    expect(shortPlaceName("塔班敖都嘎查委员会")).toBe("塔班敖都嘎查");
    expect(shortPlaceName("东元永村委")).toBe("东元永村");
  });
  it("drops bracketed remarks and the bureau's doubled characters", () => {
    expect(shortPlaceName("周家村委会（德惠经济开发区）（省级）")).toBe("周家村");
    expect(shortPlaceName("措龙村（八村）委会")).toBe("措龙村");
    expect(shortPlaceName("万山社区居委会会")).toBe("万山社区");
  });
  it("leaves names that are already short alone", () => {
    expect(shortPlaceName("江边村")).toBe("江边村");
    expect(shortPlaceName("千岛湖镇")).toBe("千岛湖镇");
    expect(shortPlaceName("横塘社区")).toBe("横塘社区");
  });
});

describe("placeKey", () => {
  it("gives the official name, the usual name and the bare stem one key", () => {
    expect(placeKey("南高村委会")).toBe(placeKey("南高村"));
    expect(placeKey("南高")).toBe(placeKey("南高村"));
    expect(placeKey("青山镇")).toBe(placeKey("青山"));
    expect(placeKey("ＸＸ社区")).toBe(placeKey("XX社区"));
  });
  it("keeps different places apart", () => {
    expect(placeKey("南高村")).not.toBe(placeKey("北高村"));
    expect(placeKey("东村")).not.toBe(placeKey("东于村"));
  });
});
