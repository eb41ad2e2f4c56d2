import type { Command } from "../../../core/conversation/command.js";
import type { ConversationHandler } from "../../../core/conversation/router.js";
import type { Inbound, Reply } from "../../../core/messages.js";

/** A long lesson: 20 paragraphs, about 20,000 characters. */
export const LONG_LESSON = Array.from(
  { length: 20 },
  (_, i) => `Part ${i + 1}. ${"Tables hold rows & columns; SELECT reads them. ".repeat(21)}`,
).join("\n\n");

/** A button action id longer than Slack's 2000-character value. */
export const LONG_ACTION = `fb:${"x".repeat(2500)}`;

const names = ["help", "next", "quiz", "courses", "feedback", "echo", "progress", "long"];

/** A tiny scripted conversation that records every inbound it handles. */
export function fakeConversation(): ConversationHandler & { seen: Inbound[] } {
  const seen: Inbound[] = [];
  const commands: Command[] = names.map((name) => ({
    name,
    usage: "",
    summary: name,
    run: async () => [],
  }));
  const byText: Record<string, () => Reply[]> = {
    "/help": () => [{ text: "Send /next for a lesson." }],
    "/next": () => [{ text: LONG_LESSON, actions: [{ id: "nx:1", label: "Next part" }] }],
    "/quiz": () => [
      {
        text: "Which clause filters rows?",
        question: {
          attemptId: "a1",
          questionId: "q1",
          type: "single",
          prompt: "Which clause filters rows?",
          options: ["WHERE", "ORDER BY"],
          correctOptions: [0],
          explanation: "WHERE filters.",
          answerActionPrefix: "ans:a1:q1:",
        },
      },
    ],
    "/feedback": () => [
      { text: "What should we improve?", expectsText: { label: "Your feedback" } },
    ],
    "/echo": () => [{ text: "Tom & Jerry say <!channel> <@U2> 1 < 2 > 0" }],
    "/progress": () => [{ text: "Your progress: 50%", personal: true }],
    "/long": () => [{ text: "A long button", actions: [{ id: LONG_ACTION, label: "Send" }] }],
  };
  return {
    seen,
    commands: () => commands,
    async handle(inbound) {
      seen.push(inbound);
      if (inbound.action === "mine") {
        return [{ text: "Your score: 3/4", updatesSource: true, personal: true }];
      }
      if (inbound.action?.startsWith("ans:")) {
        return [{ text: "Correct! WHERE filters.", updatesSource: true }];
      }
      if (inbound.action) return [{ text: `Pressed ${inbound.action.slice(0, 20)}` }];
      const text = inbound.text ?? "";
      return byText[text]?.() ?? [{ text: `Got: ${text}` }];
    },
  };
}
