import type { Feature } from "../../conversation/command.js";
import type { LearningDeps } from "../learning-deps.js";
import { certificatesReply, progressReply } from "../progress-report.js";

/** `/progress` and `/certificate`. */
export function progressFeature(deps: LearningDeps): Feature {
  return {
    commands: [
      {
        name: "progress",
        usage: "",
        summary: "how far you are in your courses, and your streak",
        run: async (ctx) => [await progressReply(deps, ctx)],
      },
      {
        name: "certificate",
        usage: "",
        summary: "your certificates and their links",
        run: async (ctx) => [await certificatesReply(deps, ctx)],
      },
    ],
  };
}
