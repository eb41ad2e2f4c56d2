/** Builds an action id `prefix:arg1:arg2`; arguments must not contain ":". */
export function actionId(prefix: string, ...args: Array<string | number>): string {
  return [prefix, ...args.map(String)].join(":");
}

/** Splits an action id into its prefix and arguments. */
export function parseActionId(id: string): { prefix: string; args: string[] } {
  const [prefix = "", ...args] = id.split(":");
  return { prefix, args };
}
