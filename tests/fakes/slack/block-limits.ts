/**
 * The Block Kit checks Slack's Web API applies, so that the fake answers `invalid_blocks` or
 * `msg_too_long` where the real API would.
 */

type Json = Record<string, unknown>;

/** Problems found in `blocks`; empty when Slack would accept them. */
export function blockProblems(blocks: unknown, maxBlocks: number): string[] {
  if (!Array.isArray(blocks)) return ["blocks must be an array"];
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`more than ${maxBlocks} blocks (${blocks.length})`);
  const actionIds = new Set<string>();
  for (const [i, block] of (blocks as Json[]).entries()) {
    problems.push(...checkBlock(block, `blocks[${i}]`, actionIds));
  }
  return problems;
}

function checkText(text: unknown, where: string, max: number): string[] {
  const value = (text as Json | undefined)?.text;
  if (typeof value !== "string" || value.length === 0) return [`${where}: text is required`];
  if (value.length > max) return [`${where}: text longer than ${max} (${value.length})`];
  return [];
}

function checkBlock(block: Json, where: string, actionIds: Set<string>): string[] {
  switch (block.type) {
    case "section":
      return checkText(block.text, `${where}.text`, 3000);
    case "header":
      return checkText(block.text, `${where}.text`, 150);
    case "context":
    case "divider":
      return [];
    case "actions":
      return checkElements(block.elements, where, actionIds);
    case "input":
      return [
        ...checkText(block.label, `${where}.label`, 2000),
        ...checkElements([block.element], where, actionIds),
      ];
    default:
      return [`${where}: unsupported block type ${String(block.type)}`];
  }
}

function checkElements(elements: unknown, where: string, actionIds: Set<string>): string[] {
  if (!Array.isArray(elements) || elements.length === 0) return [`${where}: elements required`];
  if (elements.length > 25) return [`${where}: more than 25 elements`];
  const problems: string[] = [];
  for (const [i, element] of (elements as Json[]).entries()) {
    const at = `${where}.elements[${i}]`;
    const actionId = element.action_id;
    if (typeof actionId === "string") {
      if (actionId.length > 255) problems.push(`${at}: action_id longer than 255`);
      if (actionIds.has(actionId)) problems.push(`${at}: duplicate action_id ${actionId}`);
      actionIds.add(actionId);
    }
    if (element.type === "button") {
      problems.push(...checkText(element.text, `${at}.text`, 75));
      const value = element.value;
      if (typeof value === "string" && value.length > 2000) {
        problems.push(`${at}: value longer than 2000`);
      }
    }
  }
  return problems;
}
