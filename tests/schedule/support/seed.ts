import { newId } from "../../../core/ids.js";
import type { Platform } from "../../../core/messages.js";
import type { LearnerSettings } from "../../../core/ports/settings.js";
import type { Db } from "../../../prisma/database.js";

/** Creates a published course with `lessons` lessons of `parts` parts each; returns its id. */
export async function seedCourse(db: Db, slug: string, lessons = 10, parts = 2): Promise<string> {
  const courseId = newId();
  await db.course.create({
    data: {
      id: courseId,
      slug,
      title: `Course ${slug}`,
      summary: "A test course",
      level: "beginner",
      instructorName: "Grace",
      estimatedMinutes: 60,
      completionRule: JSON.stringify({ lessons: "all", quizPassPercent: 70, finalExam: false }),
      contentHash: "test",
    },
  });
  for (let position = 0; position < lessons; position++) {
    await db.lesson.create({
      data: {
        id: newId(),
        courseId,
        key: `lesson-${position + 1}`,
        position,
        title: `Lesson ${position + 1}`,
        parts: {
          create: Array.from({ length: parts }, (_, part) => ({
            id: newId(),
            position: part,
            body: `Lesson ${position + 1} part ${part + 1}`,
          })),
        },
      },
    });
  }
  return courseId;
}

/** A learner with settings, one account per platform (chat id = `${name}-${platform}`). */
export async function seedLearner(
  db: Db,
  name: string,
  settings: Partial<Omit<LearnerSettings, "studyDays">> & { studyDays?: number[] },
  platforms: Platform[] = ["telegram"],
  createdAt = new Date("2020-01-01T00:00:00Z"),
): Promise<string> {
  const learnerId = newId();
  const { studyDays, ...rest } = settings;
  await db.learner.create({
    data: {
      id: learnerId,
      displayName: name,
      createdAt,
      lastActiveAt: createdAt,
      scheduleEnabled: true,
      ...rest,
      ...(studyDays ? { studyDays: studyDays.join(",") } : {}),
      accounts: {
        create: platforms.map((platform) => ({
          id: newId(),
          platform,
          externalId: `${name}-${platform}`,
          chatId: `${name}-${platform}`,
        })),
      },
    },
  });
  return learnerId;
}

/** Enrolls a learner in a course. */
export async function enroll(
  db: Db,
  learnerId: string,
  courseId: string,
  at = new Date("2020-01-01T00:00:00Z"),
) {
  await db.enrollment.create({
    data: { id: newId(), learnerId, courseId, enrolledAt: at, lastActivityAt: at },
  });
}
