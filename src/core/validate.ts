import type { z } from "zod";
import "./zod-locale.ts";
import { AppError } from "./errors.ts";

/**
 * Parse input with zod; a bad value is a `bad_arguments` error naming each field
 * (HTTP renders it as a 400 with `issues`).
 */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((k) => ({ path: k, message: "不是可用的参数" }))
      : [{ path: i.path.join("."), message: i.message }],
  );
  throw new AppError("bad_arguments", `参数有误：${issues.map((i) => `${i.path || "请求"} ${i.message}`).join("；")}`, { issues });
}
