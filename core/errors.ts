/**
 * Errors StudyHall raises. Expected learner mistakes (a wrong answer, an unknown course) are
 * return values, not exceptions; these are for failures that stop an operation.
 */

/** Options shared by every {@link AppError}. */
export interface AppErrorOptions {
  /** Message safe to show to a learner; defaults to a generic apology. */
  userMessage?: string;
  /** The underlying error. */
  cause?: unknown;
}

/** Base error: a stable code, an internal message, a learner-facing message and a cause. */
export class AppError extends Error {
  /** Stable machine-readable code, e.g. "invalid_input". */
  readonly code: string;
  /** What a learner may be told. */
  readonly userMessage: string;

  constructor(code: string, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.userMessage = options.userMessage ?? "Something went wrong on our side. Please try again.";
  }
}

/** Input that cannot be used; `where` names the field, file:line or option at fault. */
export class InvalidInputError extends AppError {
  readonly where: string;

  constructor(where: string, message: string, options: AppErrorOptions = {}) {
    super("invalid_input", `${where}: ${message}`, { userMessage: message, ...options });
    this.where = where;
  }
}

/** A thing that was asked for does not exist. */
export class NotFoundError extends AppError {
  constructor(what: string, options: AppErrorOptions = {}) {
    super("not_found", `${what} not found`, { userMessage: `${what} was not found.`, ...options });
  }
}

/** The sender may not do this (an instructor command from a learner, for example). */
export class ForbiddenError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super("forbidden", message, { userMessage: message, ...options });
  }
}

/** A platform asked us to slow down; retry no sooner than `retryAfterMs`. */
export class RateLimitedError extends AppError {
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number, message = "rate limited", options: AppErrorOptions = {}) {
    super("rate_limited", `${message} (retry after ${retryAfterMs} ms)`, options);
    this.retryAfterMs = retryAfterMs;
  }
}

/** The platform says this recipient can no longer be reached (bot blocked, user gone). */
export class UnreachableError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super("unreachable", message, options);
  }
}

/** A failure worth retrying later: network errors, 5xx answers, timeouts. */
export class TransientError extends AppError {
  constructor(message: string, options: AppErrorOptions = {}) {
    super("transient", message, options);
  }
}
