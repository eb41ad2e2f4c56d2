import { eventFeature } from "../core/community/events.js";
import { studyGroupFeature } from "../core/community/study-groups.js";
import type { Feature } from "../core/conversation/command.js";
import type { CatalogStore } from "../core/ports/catalog.js";
import type { Db } from "../prisma/database.js";
import {
  createEventStore,
  createStaffStore,
  createStudyGroupStore,
} from "../prisma/store/community.js";

/**
 * Study groups (`/groups`) and events (`/events`, `/event`). Joining a group enrolls through
 * the learning core's own Enroll button handler, so enrollment stays in one place.
 */
export function communityFeatures(db: Db, catalog: CatalogStore, learning: Feature[]): Feature[] {
  const enrollAction = learning.flatMap((f) => f.actions ?? []).find((a) => a.prefix === "en");
  if (!enrollAction) throw new Error("the learning features lost their Enroll action (en)");
  const staff = createStaffStore(db);
  return [
    studyGroupFeature({
      groups: createStudyGroupStore(db),
      catalog,
      staff,
      enroll: (ctx, courseId) => enrollAction.run(ctx, [courseId]),
    }),
    eventFeature({ events: createEventStore(db), staff, catalog }),
  ];
}
