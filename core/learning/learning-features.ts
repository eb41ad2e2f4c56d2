import type { Feature } from "../conversation/command.js";
import { catalogFeature } from "./features/catalog-commands.js";
import { progressFeature } from "./features/progress-commands.js";
import { quizFeature } from "./features/quiz-commands.js";
import { reviewFeature } from "./features/review-commands.js";
import { studyFeature } from "./features/study-commands.js";
import { createLearningDeps, type LearningDeps, type LearningPorts } from "./learning-deps.js";

/** The learner-facing features: catalog, lessons, quizzes, progress, certificates and reviews. */
export function learningFeatures(ports: LearningPorts | LearningDeps): Feature[] {
  const deps = "courses" in ports ? ports : createLearningDeps(ports);
  return [
    catalogFeature(deps),
    studyFeature(deps),
    quizFeature(deps),
    progressFeature(deps),
    reviewFeature(deps),
  ];
}
