import { createPrivateKey, createPublicKey, generateKeyPairSync, sign } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { CertificateSigner } from "../core/ports/certificates.js";

/**
 * Loads the Ed25519 key that signs certificates from `file` (PKCS#8 PEM), creating it with
 * mode 0600 on first start. Losing the file makes earlier certificates unverifiable, so it
 * is never overwritten.
 */
export function loadCertificateSigner(file: string): CertificateSigner {
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    const pem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    try {
      fs.writeFileSync(file, pem, { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process created it first; use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  const privateKey = createPrivateKey(fs.readFileSync(file, "utf8"));
  if (privateKey.asymmetricKeyType !== "ed25519") {
    throw new Error(
      `${file} holds a ${privateKey.asymmetricKeyType} key; certificates need Ed25519`,
    );
  }
  const publicKeyPem = createPublicKey(privateKey)
    .export({ type: "spki", format: "pem" })
    .toString();
  return {
    publicKeyPem,
    sign: (payload) => sign(null, Buffer.from(payload), privateKey).toString("base64url"),
  };
}
