import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { decodeActionValue } from "./action-codec.js";
import type { TurnPlace } from "./deliver.js";
import { ANSWER_BUTTON } from "./deliver.js";
import { COMMAND_BUTTON } from "./home-view.js";
import {
  readModalState,
  submittedText,
  TEXT_BLOCK,
  TEXT_MODAL,
  type TextModalState,
  textModal,
} from "./modals.js";
import type { SlackRuntime, SlackUser } from "./runtime.js";

function userOf(body: BlockAction): SlackUser {
  return { id: body.user.id, name: body.user.name ?? body.user.username ?? body.user.id };
}

/** Where a button press answers: the message's channel, or the DM for the Home tab. */
async function placeOf(rt: SlackRuntime, body: BlockAction): Promise<TurnPlace> {
  const channel = body.channel?.id ?? body.container?.channel_id;
  const place = await rt.place(body.user.id, channel, body.trigger_id);
  const ts = body.message?.ts ?? body.container?.message_ts;
  if (channel && ts && !body.container?.is_ephemeral) place.source = { channel, ts };
  return place;
}

/** StudyHall buttons: the value is the core action id (or a token standing for it). */
function registerButtons(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(/^studyhall\.\d+$/, async ({ ack, body, action }) => {
    await ack();
    if (!(await rt.firstSeen(`action:${body.trigger_id}`))) return;
    const place = await placeOf(rt, body);
    const decoded = await decodeActionValue(action.value ?? "", rt.tokens);
    if (decoded === null) {
      await rt.deliver(place, [
        { text: "That button has expired. Send /help to see what you can do.", personal: true },
      ]);
      return;
    }
    await rt.runTurn(place, userOf(body), { action: decoded });
  });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${COMMAND_BUTTON.replace(".", "\\.")}`),
    async ({ ack, body, action }) => {
      await ack();
      if (!(await rt.firstSeen(`action:${body.trigger_id}`))) return;
      const place = await rt.place(body.user.id, undefined, body.trigger_id);
      await rt.runTurn(place, userOf(body), { text: action.value ?? "/help" });
    },
  );

  app.action<BlockAction<ButtonAction>>(ANSWER_BUTTON, async ({ ack, body, action }) => {
    await ack();
    const input = readModalState<{ l?: string; p?: string }>(action.value) ?? {};
    const place = await placeOf(rt, body);
    const sections = (body.message?.blocks ?? []).filter(
      (block: { type: string }) => block.type === "section",
    );
    const view = textModal(
      { text: "", blocks: sections },
      { label: input.l ?? "Your answer", placeholder: input.p },
      { channel: place.direct ? place.channel : place.dm },
    );
    await rt.client.views.open({ trigger_id: body.trigger_id, view });
  });
}

/** The text modal: an empty submission gets a field error; text goes to the core. */
function registerTextModal(app: App, rt: SlackRuntime): void {
  app.view(TEXT_MODAL, async ({ ack, body, view }) => {
    const text = submittedText(view.state.values);
    if (text === "") {
      await ack({
        response_action: "errors",
        errors: { [TEXT_BLOCK]: "The answer is empty. Type your answer, then press Send." },
      });
      return;
    }
    await ack();
    const key = `view:${(body as { trigger_id?: string }).trigger_id ?? `${view.id}:${view.hash}`}`;
    if (!(await rt.firstSeen(key))) return;
    const state = readModalState<TextModalState>(view.private_metadata);
    const place = await rt.place(body.user.id, state?.channel);
    const user = { id: body.user.id, name: body.user.name ?? body.user.id };
    await rt.runTurn(place, user, { text });
  });
}

/** Registers buttons and modals. */
export function registerInteractions(app: App, rt: SlackRuntime): void {
  registerButtons(app, rt);
  registerTextModal(app, rt);
}
