/**
 * Slack's Block Kit and messaging limits StudyHall renders within.
 * See https://api.slack.com/reference/block-kit/blocks and .../block-elements#button.
 */

/** Longest `text` of a section block. */
export const SECTION_TEXT_MAX = 3000;
/** Most blocks in one message (a modal or Home tab allows 100). */
export const MESSAGE_BLOCKS_MAX = 50;
/** Most blocks in a modal or the Home tab. */
export const VIEW_BLOCKS_MAX = 100;
/** Longest button text. */
export const BUTTON_TEXT_MAX = 75;
/** Longest `action_id` of an interactive element. */
export const ACTION_ID_MAX = 255;
/** Longest button `value`. */
export const BUTTON_VALUE_MAX = 2000;
/** Most elements in one actions block. */
export const ACTIONS_PER_BLOCK_MAX = 25;
/** Longest modal title (plain text). */
export const MODAL_TITLE_MAX = 24;
/** Longest label of an input block. */
export const INPUT_LABEL_MAX = 2000;
/** Longest placeholder of an input element. */
export const PLACEHOLDER_MAX = 150;
/** Longest `private_metadata` of a view. */
export const PRIVATE_METADATA_MAX = 3000;
/** Longest plain-text notification fallback we send with blocks. */
export const FALLBACK_TEXT_MAX = 300;
