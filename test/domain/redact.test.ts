import { describe, expect, it } from "vitest";
import { redactPersonalNumbers } from "../../src/domain/redact.ts";

describe("redactPersonalNumbers", () => {
  it.each([
    ["我电话13812345678，有事打我", "我电话[手机号]，有事打我"],
    ["手机 138 1234 5678", "手机 [手机号]"],
    ["打这个：138-1234-5678！", "打这个：[手机号]！"],
    ["+86 139 0000 1111 是我老婆的", "[手机号] 是我老婆的"],
    ["联系１３８１２３４５６７８", "联系[手机号]"],
    ["号码是１３８　１２３４　５６７８", "号码是[手机号]"],
    ["身份证号110101199003071234，帮我查下", "身份证号[身份证号]，帮我查下"],
    ["身份证 11010119900307123X", "身份证 [身份证号]"],
    ["身份证：110101 19900307 123x", "身份证：[身份证号]"],
    ["我的是５１０１０２２００００２２９８７６Ｘ", "我的是[身份证号]"],
    ["工资卡6222021234567890123，老板说打这里", "工资卡[银行卡号]，老板说打这里"],
    ["卡号 6222 0212 3456 7890 123", "卡号 [银行卡号]"],
    ["卡号6228-4800-1234-5678", "卡号[银行卡号]"],
    ["卡号６２１７　０００１　２３４５　６７８９", "卡号[银行卡号]"],
  ])("%s → %s", (text, expected) => {
    expect(redactPersonalNumbers(text)).toBe(expected);
  });

  it("an 18-digit number that is no ID card (no such birth date) is taken for a bank card", () => {
    expect(redactPersonalNumbers("卡 622202199013451234")).toBe("卡 [银行卡号]");
  });

  it("several numbers in one message, next to ordinary ones", () => {
    expect(redactPersonalNumbers("我爸身份证110101195501011234，电话139 0000 1111，医药费3000元，2024年3月住院")).toBe(
      "我爸身份证[身份证号]，电话[手机号]，医药费3000元，2024年3月住院",
    );
    expect(redactPersonalNumbers("打138 1234 5678 3000元的事")).toBe("打[手机号] 3000元的事");
  });

  it.each([
    "2024年交了3000元",
    "定在2025-03-05下午，大概1.5小时",
    "住3号楼502室，邮编610041",
    "今年收了12000斤，卖了35000块",
    "座机0571-88886666",
    "订单号12345678901234567890123",
    "会议号：836 229 107",
    "第138期，12345678901号", // 11 digits but not a mobile (no 1[3-9] start)
    "这个12位的138123456789不是手机号",
    "2023 2024 2025 2026 这四年都在外面",
  ])("leaves ordinary numbers alone: %s", (text) => {
    expect(redactPersonalNumbers(text)).toBe(text);
  });
});
