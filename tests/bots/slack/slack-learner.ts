import { expect } from "vitest";
import type {
  FakeSlackApi,
  RecordedCall,
  StoredMessage,
} from "../../fakes/slack/fake-slack-api.js";
import { buttonPress, slashCommand, viewSubmission } from "../../fakes/slack/payloads.js";
import { commandRequest, interactionRequest, send } from "../../fakes/slack/signed-requests.js";

/** A button element as posted. */
export interface PostedButton {
  action_id: string;
  value: string;
  text: { text: string };
}

/** A message with buttons, as the learner last saw it. */
export interface Seen {
  message: StoredMessage;
  buttons: PostedButton[];
}

/** The section texts of blocks. */
export function sectionTexts(blocks: unknown): string[] {
  return ((blocks ?? []) as Array<{ type: string; text?: { text: string } }>)
    .filter((block) => block.type === "section")
    .map((block) => block.text!.text);
}

function buttonsOf(message: StoredMessage): PostedButton[] {
  return message.blocks
    .filter((block) => block.type === "actions")
    .flatMap((block) => (block as unknown as { elements: PostedButton[] }).elements);
}

/** A Slack user who reaches StudyHall only through signed requests, reading the fake API. */
export class SlackLearner {
  /** Web API calls made during the last step. */
  lastCalls: RecordedCall[] = [];

  constructor(
    private readonly base: string,
    private readonly api: FakeSlackApi,
    private readonly secret: string,
    readonly userId: string,
  ) {}

  get dm(): string {
    return `D${this.userId.slice(1)}`;
  }

  private async step(request: Parameters<typeof send>[0]) {
    const before = this.api.calls.length;
    const response = await send(request);
    expect(response.status).toBe(200);
    this.lastCalls = this.api.calls.slice(before);
    return response;
  }

  /** Sends `/learn <text>`. */
  learn(text: string) {
    return this.step(
      commandRequest(this.base, slashCommand(this.userId, text), { secret: this.secret }),
    );
  }

  /** Presses a button of a message. */
  press(seen: Seen, button: PostedButton) {
    const payload = buttonPress(this.userId, seen.message, { ...button });
    return this.step(interactionRequest(this.base, payload, { secret: this.secret }));
  }

  /** Presses a Home tab button. */
  pressHome(button: PostedButton) {
    const payload = buttonPress(this.userId, null, { ...button });
    return this.step(interactionRequest(this.base, payload, { secret: this.secret }));
  }

  /** Submits the modal opened last with `text` in its text field. */
  submit(view: Record<string, unknown>, text: string) {
    const values = { text: { value: { type: "plain_text_input", value: text } } };
    const payload = viewSubmission(this.userId, view, values);
    return this.step(interactionRequest(this.base, payload, { secret: this.secret }));
  }

  /** Section texts of every message posted or updated in the last step. */
  texts(): string[] {
    return this.lastCalls
      .filter((call) =>
        ["chat.postMessage", "chat.update", "chat.postEphemeral"].includes(call.method),
      )
      .flatMap((call) => sectionTexts(call.args.blocks));
  }

  /** The modal opened in the last step, if any. */
  openedModal(): Record<string, unknown> | undefined {
    const call = this.lastCalls.find((c) => c.method === "views.open");
    return call?.args.view as Record<string, unknown> | undefined;
  }

  /** The last message with buttons posted or updated in the last step, as stored now. */
  lastWithButtons(): Seen | undefined {
    const touched = this.lastCalls.filter(
      (c) => c.method === "chat.postMessage" || c.method === "chat.update",
    );
    for (const call of touched.reverse()) {
      const ts = call.method === "chat.update" ? String(call.args.ts) : undefined;
      const message = ts
        ? this.api.messages.get(`${String(call.args.channel)}:${ts}`)
        : [...this.api.messages.values()].find((m) => m.blocks === call.args.blocks);
      if (message && buttonsOf(message).length > 0) return { message, buttons: buttonsOf(message) };
    }
    return undefined;
  }

  /** A button by its label (exact or by prefix) in `seen`. */
  static button(seen: Seen | undefined, label: string | RegExp): PostedButton | undefined {
    return seen?.buttons.find((b) =>
      typeof label === "string" ? b.text.text === label : label.test(b.text.text),
    );
  }
}
