/**
 * The platform-neutral conversation: what a learner sends in and what StudyHall answers.
 * Every adapter turns its platform's updates into an {@link Inbound} and renders each
 * {@link Reply} within its platform's limits, so all platforms hold the same conversation.
 */

/** A chat platform StudyHall runs on. */
export type Platform = "web" | "telegram" | "discord" | "slack";

/** Every platform, in the order they are documented. */
export const PLATFORMS: readonly Platform[] = ["web", "telegram", "discord", "slack"];

/** Where a message came from: a one-to-one chat with the bot or a group/channel. */
export interface ChatRef {
  /** Platform id of the chat, channel or thread. */
  id: string;
  /** "direct" for a private chat with the bot, "group" for anything shared. */
  kind: "direct" | "group";
  /** Human name of the group or channel, when the platform gives one. */
  title?: string;
}

/** What the platform says about the sender's standing where the message was sent. */
export interface SenderRoles {
  /** Server, workspace or group administrator (Manage Server, workspace admin, group admin). */
  admin?: boolean;
  /** Holds the role configured as instructor on this platform. */
  instructor?: boolean;
}

/** One thing a learner did: typed text (a command or an answer) or pressed a button. */
export interface Inbound {
  /** Platform the update arrived on. */
  platform: Platform;
  /** The sender's stable id on that platform. */
  userId: string;
  /** The sender's display name, used for new learners and certificates. */
  displayName: string;
  /** The sender's handle, without "@", when the platform has one. */
  username?: string;
  /** Where the update was sent. */
  chat: ChatRef;
  /** Text the learner typed, commands included ("/next", "/enroll sql-basics", "42"). */
  text?: string;
  /** Id of the button or menu option pressed (an {@link Action} id). */
  action?: string;
  /** Platform update id; an update seen twice with the same id is handled once. */
  updateId?: string;
  /** Roles the platform reports for the sender. */
  roles?: SenderRoles;
}

/** A button the learner can press. Ids are short and opaque; adapters pass them back as-is. */
export interface Action {
  /** Id handed back in {@link Inbound.action}. */
  id: string;
  /** Button text. */
  label: string;
  /** Visual hint; adapters map it to their button styles. */
  style?: "primary" | "danger";
}

/** A link shown with a reply (certificate page, course page, source). */
export interface Link {
  /** Link text. */
  label: string;
  /** Absolute URL. */
  url: string;
}

/** A quiz question, described so that adapters can render it natively (Telegram quiz poll). */
export interface QuestionView {
  /** Attempt the question belongs to. */
  attemptId: string;
  /** Question id. */
  questionId: string;
  /** "single", "multiple", "truefalse", "short" or "numeric". */
  type: "single" | "multiple" | "truefalse" | "short" | "numeric";
  /** The question text (plain text, no Markdown). */
  prompt: string;
  /** Option texts for choice questions, in display order. */
  options: string[];
  /** Indexes of the correct options, for platforms whose native quiz needs them up front. */
  correctOptions: number[];
  /** Explanation shown after answering (plain text). */
  explanation: string;
  /** Action id for choosing option i: `${answerActionPrefix}${i}`. */
  answerActionPrefix: string;
}

/**
 * One message from StudyHall. `text` is Markdown-lite: paragraphs, **bold**, _italic_,
 * `code`, fenced code blocks, [links](url) and "- " lists; renderers translate and escape it.
 */
export interface Reply {
  /** The message body. */
  text: string;
  /** Buttons under the message, in rows of the adapter's choosing. */
  actions?: Action[];
  /** Links shown under the message. */
  links?: Link[];
  /** Present when the message asks a quiz question. */
  question?: QuestionView;
  /** The bot now waits for typed text (an answer, feedback); adapters may open a form. */
  expectsText?: { label: string; placeholder?: string };
  /** Replace the message whose button was pressed instead of sending a new one. */
  updatesSource?: boolean;
  /** Personal content: ephemeral on Discord, sent privately when asked in a group. */
  personal?: boolean;
}
