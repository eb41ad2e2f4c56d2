import { Router } from "express";
import {
  type CertificateClaims,
  canonicalCertificateJson,
  verifyCertificate,
} from "../../core/learning/certificate-signature.js";
import type { CertificatePage, WebPageStore } from "../../core/ports/web-pages.js";
import { renderCertificatePage } from "../pages/certificate-page.js";
import { renderNotFoundPage } from "../pages/not-found.js";

/** Dependencies of {@link certificatePageRoutes}. */
export interface CertificatePageDeps {
  pages: WebPageStore;
  /** The issuer's Ed25519 public key (SPKI PEM) that certificate signatures are checked with. */
  publicKeyPem: string;
  /** Absolute base URL of the site, for the links inside the credential. */
  publicUrl: string;
}

/** Where the issuer's public key is published. */
export const PUBLIC_KEY_PATH = "/certificates/issuer-key.pem";

function claimsOf(certificate: CertificatePage): CertificateClaims {
  const { id, learnerName, courseTitle, courseSlug, issuer, issuedAt } = certificate;
  return { id, learnerName, courseTitle, courseSlug, issuer, issuedAt };
}

/** The signed credential: the canonical claims, the signature and how to check it. */
function credentialOf(certificate: CertificatePage, deps: CertificatePageDeps, valid: boolean) {
  const claims = claimsOf(certificate);
  return {
    type: "StudyHallCertificate",
    credential: JSON.parse(canonicalCertificateJson(claims)) as Record<string, string>,
    proof: {
      type: "Ed25519Signature",
      encoding: "base64url",
      signedPayload: "canonical JSON of `credential`: keys sorted, no whitespace",
      signature: certificate.signature,
      publicKeyPem: deps.publicKeyPem,
      publicKeyUrl: `${deps.publicUrl}${PUBLIC_KEY_PATH}`,
    },
    verification: {
      signatureValid: valid,
      revoked: certificate.revokedAt !== null,
      revokedAt: certificate.revokedAt?.toISOString() ?? null,
      page: `${deps.publicUrl}/certificates/${encodeURIComponent(certificate.id)}`,
    },
    attribution: certificate.attribution,
    license: certificate.license,
    sourceUrl: certificate.sourceUrl,
  };
}

/** `GET /certificates/:id` (verification page), `/certificates/:id.json`, the issuer key. */
export function certificatePageRoutes(deps: CertificatePageDeps): Router {
  const router = Router();

  router.get(PUBLIC_KEY_PATH, (_req, res) => {
    res.type("application/x-pem-file").send(deps.publicKeyPem);
  });

  router.get("/certificates/:file", async (req, res) => {
    const json = req.params.file.endsWith(".json");
    const id = json ? req.params.file.slice(0, -".json".length) : req.params.file;
    const certificate = await deps.pages.findCertificate(id);
    if (!certificate) {
      const detail = `No certificate has the id “${id}”. Check the link you were given; ids are case-sensitive.`;
      if (json) res.status(404).json({ error: `Certificate "${id}" not found.` });
      else res.status(404).type("html").send(renderNotFoundPage("Certificate", detail));
      return;
    }
    const valid = verifyCertificate(
      deps.publicKeyPem,
      claimsOf(certificate),
      certificate.signature,
    );
    if (json) {
      res.json(credentialOf(certificate, deps, valid));
      return;
    }
    const check = { signatureValid: valid, publicKeyUrl: PUBLIC_KEY_PATH };
    res.type("html").send(renderCertificatePage(certificate, check));
  });

  return router;
}
