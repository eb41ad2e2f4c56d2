import type { CertificateRecord, CertificateStore } from "../../core/ports/certificates.js";
import type { Db } from "../database.js";
import { isUniqueViolation } from "./accounts.js";

type CertificateRow = Omit<CertificateRecord, "courseSlug"> & { course: { slug: string } };

function toRecord({ course, ...row }: CertificateRow): CertificateRecord {
  return {
    id: row.id,
    learnerId: row.learnerId,
    courseId: row.courseId,
    courseSlug: course.slug,
    learnerName: row.learnerName,
    courseTitle: row.courseTitle,
    issuer: row.issuer,
    issuedAt: row.issuedAt,
    signature: row.signature,
    revokedAt: row.revokedAt,
  };
}

const include = { course: { select: { slug: true } } } as const;

/** {@link CertificateStore} on Prisma; the unique (learner, course) key issues each once. */
export function createCertificateStore(db: Db): CertificateStore {
  async function findForCourse(learnerId: string, courseId: string) {
    const row = await db.certificate.findUnique({
      where: { learnerId_courseId: { learnerId, courseId } },
      include,
    });
    return row ? toRecord(row) : null;
  }

  return {
    findForCourse,

    async findById(id) {
      const row = await db.certificate.findUnique({ where: { id }, include });
      return row ? toRecord(row) : null;
    },

    async listForLearner(learnerId) {
      const rows = await db.certificate.findMany({
        where: { learnerId },
        orderBy: { issuedAt: "desc" },
        include,
      });
      return rows.map(toRecord);
    },

    async issue({ courseSlug: _slug, ...certificate }) {
      try {
        const row = await db.certificate.create({ data: certificate, include });
        return toRecord(row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        const existing = await findForCourse(certificate.learnerId, certificate.courseId);
        if (!existing) throw error;
        return existing;
      }
    },
  };
}
