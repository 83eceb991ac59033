/**
 * The one error type. A coded error carries a stable `code`, the data that explains it,
 * and the short Chinese sentence a person reads. Each edge renders it its own way:
 * the chat replies with `userMessage`; HTTP answers a status for the code and JSON.
 *
 * @example
 * throw new AppError("not_found", "没有档案 #12。", { entity: "Candidate", id: 12 });
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly userMessage: string,
    readonly data: Record<string, unknown> = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${userMessage}`, options);
  }
}

export type ErrorCode =
  /** The input cannot be read; the message says how to write it. */
  | "bad_arguments"
  | "unknown_command"
  /** The asker's role or area does not cover what they asked for. */
  | "forbidden"
  | "not_found"
  /** HTTP: no or wrong credentials. */
  | "unauthorized"
  /** Someone is going too fast (replies, guesses). */
  | "too_many"
  /** A channel refused a message; `data.failure` says how (see SendFailure). */
  | "send_failed"
  /** A message could not be stored; the bot spools it. */
  | "filing_failed";

export const usage = (message: string, example: string, data?: Record<string, unknown>) =>
  new AppError("bad_arguments", `${message}\n用法：${example}`, data);
export const forbidden = (message: string, data?: Record<string, unknown>) => new AppError("forbidden", message, data);
export const notFound = (message: string, data?: Record<string, unknown>) => new AppError("not_found", message, data);

/**
 * Why a send failed, as far as the channel can tell. The outbox stops sending on
 * `rate_limited` and `logged_out` (more attempts would make things worse or cannot
 * work) and retries `failed` with backoff.
 */
export type SendFailure = "rate_limited" | "logged_out" | "failed";

/** What a channel throws when its library refuses a message. */
export function sendFailed(failure: SendFailure, detail: string, cause?: unknown): AppError {
  return new AppError("send_failed", "消息没能发出去。", { failure, detail }, { cause });
}

/** The failure kind of anything a channel's send threw: a coded send failure, else "failed". */
export function failureOf(err: unknown): SendFailure {
  if (err instanceof AppError && err.code === "send_failed") return err.data.failure as SendFailure;
  return "failed";
}
