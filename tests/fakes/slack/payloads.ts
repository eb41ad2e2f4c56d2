/** Payloads shaped like the ones Slack posts, for signed test requests. */

let counter = 0;
const next = () => `${Date.now()}.${++counter}`;

/** Form fields of a `/learn` slash command. */
export function slashCommand(
  userId: string,
  text: string,
  channel = `D${userId.slice(1)}`,
): Record<string, string> {
  return {
    token: "legacy",
    team_id: "T1",
    team_domain: "studyhall",
    channel_id: channel,
    channel_name: channel.startsWith("D") ? "directmessage" : "general",
    user_id: userId,
    user_name: `user-${userId.toLowerCase()}`,
    command: "/learn",
    text,
    api_app_id: "A1",
    response_url: "http://127.0.0.1:9/response",
    trigger_id: `trigger-${next()}`,
  };
}

/** A posted message as Slack includes it in a block_actions payload. */
export interface PostedMessage {
  channel: string;
  ts: string;
  blocks: Array<Record<string, unknown>>;
}

/** A block_actions payload for pressing `button` (a button element) of `message`. */
export function buttonPress(
  userId: string,
  message: PostedMessage | null,
  button: Record<string, unknown>,
): Record<string, unknown> {
  const common = {
    type: "block_actions",
    user: {
      id: userId,
      username: `user-${userId.toLowerCase()}`,
      name: `user-${userId.toLowerCase()}`,
      team_id: "T1",
    },
    api_app_id: "A1",
    token: "legacy",
    team: { id: "T1", domain: "studyhall" },
    trigger_id: `trigger-${next()}`,
    actions: [{ ...button, block_id: "b", action_ts: next() }],
  };
  if (!message)
    return {
      ...common,
      container: { type: "view", view_id: "VHOME" },
      view: { id: "VHOME", type: "home" },
    };
  return {
    ...common,
    container: {
      type: "message",
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: false,
    },
    channel: { id: message.channel, name: "directmessage" },
    message: { ts: message.ts, type: "message", text: "", blocks: message.blocks },
  };
}

/** A view_submission payload for `view` (as opened) with `values` in its state. */
export function viewSubmission(
  userId: string,
  view: Record<string, unknown>,
  values: Record<string, Record<string, Record<string, unknown>>>,
): Record<string, unknown> {
  return {
    type: "view_submission",
    team: { id: "T1", domain: "studyhall" },
    user: {
      id: userId,
      username: `user-${userId.toLowerCase()}`,
      name: `user-${userId.toLowerCase()}`,
      team_id: "T1",
    },
    api_app_id: "A1",
    token: "legacy",
    trigger_id: `trigger-${next()}`,
    view: { id: `V-${next()}`, team_id: "T1", hash: "h1", state: { values }, ...view },
  };
}

/** An Events API envelope. */
export function eventEnvelope(event: Record<string, unknown>, eventId = `Ev${next()}`) {
  return {
    token: "legacy",
    team_id: "T1",
    api_app_id: "A1",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    event,
  };
}

/** A DM message event from `userId`. */
export function directMessage(userId: string, text: string) {
  return {
    type: "message",
    channel: `D${userId.slice(1)}`,
    channel_type: "im",
    user: userId,
    text,
    ts: next(),
  };
}
