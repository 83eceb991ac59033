/** Errors with stable codes. `userMessage` is the short Chinese sentence the sender sees. */
export class BotError extends Error {
  constructor(
    readonly code: BotErrorCode,
    readonly userMessage: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
  }
}

export type BotErrorCode =
  | "bad_arguments"
  | "unknown_command"
  | "forbidden"
  | "not_found"
  | "not_bound"
  | "conflict"
  | "internal";

export const usage = (message: string, example: string) =>
  new BotError("bad_arguments", `${message}\n用法：${example}`);
export const forbidden = (message: string) => new BotError("forbidden", message);
export const notFound = (message: string) => new BotError("not_found", message);
