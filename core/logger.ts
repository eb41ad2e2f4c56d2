/** The structured logger core code uses: a subset of pino's API, injected at start-up. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** A logger that adds `bindings` to every line (per adapter, per update). */
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything; for tests that do not read logs. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
