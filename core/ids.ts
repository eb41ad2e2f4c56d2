import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/**
 * A random id of `length` base62 characters (default 12, about 71 bits): short enough for
 * button payloads, long enough never to collide in practice.
 */
export function newId(length = 12): string {
  const bytes = randomBytes(length * 2);
  let id = "";
  for (let i = 0; id.length < length && i < bytes.length; i++) {
    const byte = bytes[i]!;
    // 248 = 4 * 62: drop the few values that would bias the alphabet.
    if (byte < 248) id += ALPHABET[byte % 62];
  }
  return id.length === length ? id : newId(length);
}
