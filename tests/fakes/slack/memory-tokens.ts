import type { ActionTokenStore } from "../../../core/ports/accounts.js";

/** An in-memory {@link ActionTokenStore} for rendering tests that need no database. */
export function memoryActionTokens(): ActionTokenStore & { size(): number } {
  const byToken = new Map<string, string>();
  const byAction = new Map<string, string>();
  return {
    async tokenFor(action) {
      let token = byAction.get(action);
      if (!token) {
        token = `t${byAction.size + 1}`;
        byAction.set(action, token);
        byToken.set(token, action);
      }
      return token;
    },
    async resolve(token) {
      return byToken.get(token) ?? null;
    },
    size: () => byToken.size,
  };
}
