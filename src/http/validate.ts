import type { z } from "zod";
import "../core/zod-locale.ts";

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message);
  }
}

/** Parse request input with zod; a bad value is a 400 that names the field. */
export function parse<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues = r.error.issues.flatMap((i) =>
    i.code === "unrecognized_keys"
      ? i.keys.map((k) => ({ path: k, message: "不是可用的参数" }))
      : [{ path: i.path.join("."), message: i.message }],
  );
  throw new HttpError(400, `参数有误：${issues.map((i) => `${i.path || "请求"} ${i.message}`).join("；")}`, issues);
}
