import type { CertificatePage } from "../../core/ports/web-pages.js";
import { attributionHtml } from "./course-card.js";
import { formatDate } from "./format.js";
import { html, type SafeHtml } from "./html.js";
import { renderPage } from "./layout.js";

/** Outcome of checking a certificate, shown as the page's verification statement. */
export interface CertificateCheck {
  /** The Ed25519 signature matches the issuer's public key. */
  signatureValid: boolean;
  /** Where the issuer's public key is published. */
  publicKeyUrl: string;
}

function statement(certificate: CertificatePage, check: CertificateCheck): SafeHtml {
  const keyLink = html`<a href="${check.publicKeyUrl}">the issuer's public key</a>`;
  if (!check.signatureValid) {
    return html`<div class="verify invalid" role="status">
  <p class="verify-title">✗ Not verified</p>
  <p>The signature of this certificate was checked against ${keyLink} and does <strong>not</strong> match: its content was altered or it was not issued by ${certificate.issuer}. Do not rely on it.</p>
</div>`;
  }
  if (certificate.revokedAt) {
    return html`<div class="verify revoked" role="status">
  <p class="verify-title">⚠ Revoked</p>
  <p>The signature was checked against ${keyLink} and is genuine, but ${certificate.issuer} revoked this certificate on ${formatDate(certificate.revokedAt)}${certificate.revokedReason ? html` (${certificate.revokedReason})` : ""}. It is no longer valid.</p>
</div>`;
  }
  return html`<div class="verify valid" role="status">
  <p class="verify-title">✓ Verified</p>
  <p>The Ed25519 signature of this certificate was checked against ${keyLink} and matches: ${certificate.issuer} issued it to ${certificate.learnerName}, and it has not been revoked.</p>
</div>`;
}

/** The public verification page of a certificate. */
export function renderCertificatePage(
  certificate: CertificatePage,
  check: CertificateCheck,
): string {
  const id = encodeURIComponent(certificate.id);
  const body = html`<article class="certificate-wrap">
  <section class="certificate card" aria-labelledby="certificate-title">
    <p class="eyebrow">Certificate of completion</p>
    <h1 id="certificate-title" class="visually-hidden">Certificate of ${certificate.learnerName}</h1>
    <p class="certifies">This certifies that</p>
    <p class="learner-name">${certificate.learnerName}</p>
    <p class="certifies">has completed the course</p>
    <p class="course-title"><a class="course-title-link" href="/courses/${encodeURIComponent(certificate.courseSlug)}">${certificate.courseTitle}</a></p>
    <dl class="facts certificate-facts">
      <div><dt>Issued</dt><dd><time datetime="${certificate.issuedAt.toISOString()}">${formatDate(certificate.issuedAt)}</time></dd></div>
      <div><dt>Issuer</dt><dd>${certificate.issuer}</dd></div>
      <div><dt>Certificate id</dt><dd><code>${certificate.id}</code></dd></div>
    </dl>
  </section>
  <section aria-labelledby="verification-title">
    <h2 id="verification-title">Verification</h2>
    ${statement(certificate, check)}
    <details class="signature">
      <summary>Check it yourself</summary>
      <p>The signature covers the <a href="/certificates/${id}.json">signed credential</a> (canonical JSON of id, learner, course, issuer and date). Verify it offline with <a href="${check.publicKeyUrl}">the issuer's public key</a>.</p>
      <p class="signature-value">Signature (Ed25519, base64url): <code>${certificate.signature}</code></p>
    </details>
  </section>
  ${attributionHtml(certificate)}
</article>`;
  const title = `${certificate.learnerName}: ${certificate.courseTitle}`;
  const description = `${certificate.learnerName} completed ${certificate.courseTitle}, issued by ${certificate.issuer}.`;
  // Link previews (LinkedIn, chat apps) show the achievement rather than the site name.
  const head = html`<meta property="og:type" content="website">
<meta property="og:title" content="${title}">
<meta property="og:description" content="${description}">
<meta name="twitter:card" content="summary">`;
  return renderPage({ title, description, section: "certificates", head, body });
}
