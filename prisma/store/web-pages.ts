import { newId } from "../../core/ids.js";
import type {
  CatalogEntry,
  CertificatePage,
  CoursePage,
  SyllabusModule,
  WebPageStore,
} from "../../core/ports/web-pages.js";
import type { Db } from "../database.js";

/** Reviews shown on a course card. */
const REVIEWS_ON_CARD = 10;

function stringList(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

type CourseRow = {
  id: string;
  slug: string;
  title: string;
  summary: string;
  level: string;
  language: string;
  topics: string;
  instructorName: string;
  estimatedMinutes: number;
  _count: { lessons: number };
};

function toEntry(row: CourseRow, ratings: Map<string, { average: number; count: number }>) {
  const rating = ratings.get(row.id);
  const entry: CatalogEntry = {
    slug: row.slug,
    title: row.title,
    summary: row.summary,
    level: row.level,
    language: row.language,
    topics: stringList(row.topics),
    estimatedMinutes: row.estimatedMinutes,
    lessonCount: row._count.lessons,
    rating: rating ? rating.average : null,
    ratingCount: rating?.count ?? 0,
  };
  return entry;
}

function matches(row: CourseRow, words: string[]): boolean {
  const haystack = [row.title, row.summary, row.instructorName, row.level, row.topics]
    .join(" ")
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** {@link WebPageStore} on Prisma. */
export function createWebPageStore(db: Db): WebPageStore {
  async function ratingsOf(courseIds: string[]) {
    const groups = await db.review.groupBy({
      by: ["courseId"],
      where: { courseId: { in: courseIds } },
      _avg: { rating: true },
      _count: { rating: true },
    });
    return new Map(
      groups.map((g) => [g.courseId, { average: g._avg.rating ?? 0, count: g._count.rating }]),
    );
  }

  return {
    async listCourses(query) {
      const rows = await db.course.findMany({
        where: { published: true },
        orderBy: { title: "asc" },
        include: { _count: { select: { lessons: true } } },
      });
      // Case-insensitive on both SQLite and PostgreSQL, which differ in `contains`.
      const words = (query ?? "").toLowerCase().split(/\s+/).filter(Boolean);
      const found = rows.filter((row) => matches(row, words));
      const ratings = await ratingsOf(found.map((row) => row.id));
      return found.map((row) => toEntry(row, ratings));
    },

    async findCourse(slug) {
      const row = await db.course.findFirst({
        where: { slug, published: true },
        include: {
          _count: { select: { lessons: true } },
          modules: { orderBy: { position: "asc" } },
          lessons: { orderBy: { position: "asc" } },
          reviews: {
            orderBy: { updatedAt: "desc" },
            take: REVIEWS_ON_CARD,
            include: { learner: { select: { displayName: true } } },
          },
        },
      });
      if (!row) return null;
      const ratings = await ratingsOf([row.id]);
      const page: CoursePage = {
        ...toEntry(row, ratings),
        id: row.id,
        description: row.description,
        instructorName: row.instructorName,
        syllabus: syllabusOf(row.modules, row.lessons),
        reviews: row.reviews.map((review) => ({
          rating: review.rating,
          text: review.text,
          learnerName: review.learner.displayName,
          verified: review.verified,
          date: review.updatedAt,
        })),
        attribution: row.attribution,
        license: row.license,
        sourceUrl: row.sourceUrl,
      };
      return page;
    },

    async findCertificate(id) {
      const row = await db.certificate.findUnique({
        where: { id },
        include: {
          course: { select: { slug: true, attribution: true, license: true, sourceUrl: true } },
        },
      });
      if (!row) return null;
      const page: CertificatePage = {
        id: row.id,
        learnerName: row.learnerName,
        courseTitle: row.courseTitle,
        courseSlug: row.course.slug,
        issuer: row.issuer,
        issuedAt: row.issuedAt,
        signature: row.signature,
        revokedAt: row.revokedAt,
        revokedReason: row.revokedReason,
        attribution: row.course.attribution,
        license: row.course.license,
        sourceUrl: row.course.sourceUrl,
      };
      return page;
    },

    async recordPageEvent(event) {
      await db.analyticsEvent.create({
        data: {
          id: newId(),
          name: event.name,
          courseId: event.courseId ?? null,
          props: JSON.stringify({ ...event.props, via: "web_page" }),
          createdAt: event.at,
        },
      });
    },
  };
}

/** Groups lessons under their modules in module order; lessons without a module come first. */
function syllabusOf(
  modules: Array<{ id: string; title: string }>,
  lessons: Array<{
    moduleId: string | null;
    title: string;
    objectives: string;
    estimatedMinutes: number;
  }>,
): SyllabusModule[] {
  const loose: SyllabusModule = { title: null, lessons: [] };
  const byModule = new Map(modules.map((m) => [m.id, { title: m.title, lessons: [] }]));
  for (const lesson of lessons) {
    const target = (lesson.moduleId && byModule.get(lesson.moduleId)) || loose;
    target.lessons.push({
      title: lesson.title,
      objectives: stringList(lesson.objectives),
      estimatedMinutes: lesson.estimatedMinutes,
    });
  }
  return [loose, ...byModule.values()].filter((module) => module.lessons.length > 0);
}
