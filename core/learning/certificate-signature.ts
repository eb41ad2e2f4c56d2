import { createPublicKey, verify } from "node:crypto";

/** The fields a certificate signature covers. */
export interface CertificateClaims {
  id: string;
  learnerName: string;
  courseTitle: string;
  courseSlug: string;
  issuer: string;
  issuedAt: Date;
}

/**
 * The canonical JSON that is signed: these keys in alphabetical order, issuedAt as ISO 8601
 * UTC, no whitespace. Anyone can rebuild it from the public page and check the signature.
 */
export function canonicalCertificateJson(claims: CertificateClaims): string {
  return JSON.stringify({
    courseSlug: claims.courseSlug,
    courseTitle: claims.courseTitle,
    id: claims.id,
    issuedAt: claims.issuedAt.toISOString(),
    issuer: claims.issuer,
    learnerName: claims.learnerName,
  });
}

/**
 * Checks a certificate's Ed25519 signature (base64url) against the issuer's public key
 * (SPKI PEM). False for a forged, altered or malformed certificate; never throws.
 */
export function verifyCertificate(
  publicKeyPem: string,
  claims: CertificateClaims,
  signature: string,
): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    const payload = Buffer.from(canonicalCertificateJson(claims));
    return verify(null, payload, key, Buffer.from(signature, "base64url"));
  } catch {
    return false;
  }
}
