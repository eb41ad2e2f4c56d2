import { createHash } from "node:crypto";
import type { ActionTokenStore } from "../../../core/ports/accounts.js";

/** An in-memory {@link ActionTokenStore} with the same stable tokens as the Prisma one. */
export function memoryTokens(): ActionTokenStore & { size(): number } {
  const actions = new Map<string, string>();
  return {
    async tokenFor(action) {
      const token = createHash("sha256").update(action).digest("base64url").slice(0, 16);
      actions.set(token, action);
      return token;
    },
    async resolve(token) {
      return actions.get(token) ?? null;
    },
    size: () => actions.size,
  };
}
