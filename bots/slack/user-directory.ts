import type { WebClient } from "@slack/web-api";
import type { Logger } from "../../core/logger.js";
import type { SenderRoles } from "../../core/messages.js";
import { slackErrorCode } from "./send-errors.js";

/** What users.info tells StudyHall about a user. */
export interface SlackProfile {
  realName?: string;
  roles: SenderRoles;
}

/** Cached look-ups of Slack users: their DM channel with the app and their profile. */
export interface UserDirectory {
  /** The user's direct-message channel with the app (conversations.open, once per user). */
  dm(userId: string): Promise<string>;
  /** Real name and standing: workspace admins and owners, and SLACK_INSTRUCTORS, teach. */
  profile(userId: string): Promise<SlackProfile>;
}

/** Profiles are re-read after this long, so a new admin is recognised within minutes. */
const PROFILE_TTL_MS = 10 * 60_000;

/** Builds the directory over the Web API client. */
export function createUserDirectory(
  client: WebClient,
  instructorIds: readonly string[],
  log: Logger,
): UserDirectory {
  const dms = new Map<string, string>();
  const profiles = new Map<string, { profile: SlackProfile; at: number }>();
  const instructors = new Set(instructorIds);
  return {
    async dm(userId) {
      const known = dms.get(userId);
      if (known) return known;
      // Slack also accepts the user id itself as the target of a DM.
      const opened = await client.conversations.open({ users: userId }).catch((error: unknown) => {
        log.warn(
          { code: slackErrorCode(error) },
          "conversations.open failed; writing to the user id",
        );
        return null;
      });
      const id = opened?.channel?.id ?? userId;
      dms.set(userId, id);
      return id;
    },
    async profile(userId) {
      const cached = profiles.get(userId);
      if (cached && Date.now() - cached.at < PROFILE_TTL_MS) return cached.profile;
      const info = await client.users.info({ user: userId }).catch((error: unknown) => {
        // Without the profile the turn still runs, with only SLACK_INSTRUCTORS trusted.
        log.warn({ code: slackErrorCode(error) }, "users.info failed");
        return null;
      });
      const admin = Boolean(info?.user?.is_admin || info?.user?.is_owner);
      const profile = {
        realName: info?.user?.real_name || undefined,
        roles: { admin, instructor: admin || instructors.has(userId) },
      };
      profiles.set(userId, { profile, at: Date.now() });
      return profile;
    },
  };
}
