// The StudyHall web chat: talks to POST /api/chat, listens to /api/chat/stream for pushed
// messages and renders Markdown-lite by building DOM nodes (text is never parsed as HTML).
import { parseMarkdown } from "/assets/markdown.js";

const KEYS = {
  user: "studyhall.user",
  name: "studyhall.name",
  transcript: "studyhall.transcript",
  inbox: "studyhall.inbox",
};
const TRANSCRIPT_LIMIT = 80;
const DEFAULT_PLACEHOLDER = "Type a message or /help";

const list = document.getElementById("messages");
const form = document.getElementById("composer");
const input = document.getElementById("message-input");
const status = document.getElementById("status");
const dialog = document.getElementById("name-dialog");
const nameForm = document.getElementById("name-form");
const nameInput = document.getElementById("name-input");
const whoWrap = document.getElementById("who-wrap");
const who = document.getElementById("who");

let transcript = readJson(KEYS.transcript, []);
let busy = Promise.resolve();

function readJson(key, fallback) {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? "null");
    return value ?? fallback;
  } catch {
    return fallback;
  }
}

/** A stable id for this browser, made once. */
function userId() {
  let id = localStorage.getItem(KEYS.user);
  if (!id || !/^[A-Za-z0-9_.:-]{1,64}$/.test(id)) {
    const random = crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`;
    id = `web-${random.replace(/[^A-Za-z0-9-]/g, "")}`.slice(0, 64);
    localStorage.setItem(KEYS.user, id);
  }
  return id;
}

// ---------------------------------------------------------------- Markdown-lite to DOM

function safeHref(url) {
  const trimmed = String(url).trim();
  if (/^\/(?!\/)/.test(trimmed) || /^(https?:|mailto:)/i.test(trimmed)) return trimmed;
  return null;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function appendInlines(parent, inlines) {
  for (const span of inlines) {
    if (span.kind === "text") parent.append(document.createTextNode(span.text));
    else if (span.kind === "bold") appendInlines(parent.appendChild(el("strong")), span.children);
    else if (span.kind === "italic") appendInlines(parent.appendChild(el("em")), span.children);
    else if (span.kind === "code") parent.append(el("code", "", span.text));
    else if (span.kind === "link") parent.append(linkNode(span.text, span.url));
  }
}

function linkNode(text, url) {
  const href = safeHref(url);
  if (!href) return document.createTextNode(`${text} (${url})`);
  const a = el("a", "", text);
  a.href = href;
  if (!href.startsWith("/")) {
    a.target = "_blank";
    a.rel = "noopener noreferrer";
  }
  return a;
}

function blockNode(block) {
  switch (block.kind) {
    case "heading": {
      const node = el("p", "md-heading");
      appendInlines(node, block.inlines);
      return node;
    }
    case "code": {
      const pre = el("pre");
      pre.tabIndex = 0;
      pre.append(el("code", "", block.text));
      return pre;
    }
    case "list": {
      const node = el(block.ordered ? "ol" : "ul");
      for (const item of block.items) appendInlines(node.appendChild(el("li")), item);
      return node;
    }
    case "quote": {
      const node = el("blockquote");
      appendInlines(node, block.inlines);
      return node;
    }
    default: {
      const node = el("p");
      appendInlines(node, block.inlines);
      return node;
    }
  }
}

function markdownNode(text) {
  const body = el("div", "md");
  for (const block of parseMarkdown(text)) body.append(blockNode(block));
  return body;
}

// ---------------------------------------------------------------- messages on screen

function remember(entry) {
  if (entry) transcript.push(entry);
  transcript = transcript.slice(-TRANSCRIPT_LIMIT);
  try {
    localStorage.setItem(KEYS.transcript, JSON.stringify(transcript));
  } catch {
    // Storage full or blocked: the conversation still works, it just is not kept.
  }
}

function scrollToEnd() {
  list.scrollTop = list.scrollHeight;
}

/** Shows a new reply from its first line when it is taller than the view, else scrolls down. */
function reveal(item) {
  if (item.offsetHeight > list.clientHeight * 0.8) {
    list.scrollTop = item.offsetTop - 8;
  } else {
    scrollToEnd();
  }
}

function showMine(text) {
  const item = el("li", "message mine");
  item.append(el("span", "visually-hidden", "You: "), el("p", "", text));
  list.append(item);
  scrollToEnd();
}

function actionButtons(actions) {
  const group = el("div", "actions");
  group.setAttribute("role", "group");
  group.setAttribute("aria-label", "Choices");
  for (const action of actions) {
    const button = el("button", "action", action.label);
    button.type = "button";
    button.dataset.action = action.id;
    group.append(button);
  }
  return group;
}

function linkList(links) {
  const nav = el("ul", "links");
  for (const link of links) {
    const href = safeHref(link.url);
    if (!href) continue;
    const a = el("a", "link-chip", link.label);
    a.href = href;
    if (!href.startsWith("/")) {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    nav.appendChild(el("li")).append(a);
  }
  return nav;
}

const entries = new WeakMap();

/** Builds the element of one reply of StudyHall; `pushed` marks messages that came by themselves. */
function replyNode(reply, pushed = false) {
  const item = el("li", pushed ? "message theirs pushed" : "message theirs");
  item.append(el("span", "visually-hidden", pushed ? "StudyHall (new message): " : "StudyHall: "));
  if (pushed) item.append(el("p", "pushed-tag", "New"));
  item.append(markdownNode(reply.text ?? ""));
  if (reply.links?.length) item.append(linkList(reply.links));
  if (reply.actions?.length) item.append(actionButtons(reply.actions));
  return item;
}

/** Shows one reply at the end of the conversation. */
function showReply(reply, pushed = false) {
  const item = replyNode(reply, pushed);
  list.append(item);
  reveal(item);
  return item;
}

/** Puts `reply` in place of the message whose button was pressed (a graded quiz question). */
function replaceReply(source, reply) {
  const item = replyNode(reply);
  source.replaceWith(item);
  const entry = entries.get(source);
  if (entry) {
    entry.reply = reply;
    entries.set(item, entry);
    remember();
  }
  return item;
}

function showError(text) {
  const item = el("li", "message theirs error");
  item.append(el("span", "visually-hidden", "Error: "), el("p", "", text));
  list.append(item);
  scrollToEnd();
}

function expectText(expects) {
  input.placeholder = expects ? expects.placeholder || expects.label : DEFAULT_PLACEHOLDER;
  if (expects) input.focus();
}

// ---------------------------------------------------------------- talking to the server

async function post(body) {
  const typing = el("li", "message theirs typing");
  typing.setAttribute("aria-hidden", "true");
  typing.append(el("span", "dot"), el("span", "dot"), el("span", "dot"));
  list.append(typing);
  scrollToEnd();
  try {
    const payload = { user: userId(), name: localStorage.getItem(KEYS.name) ?? undefined, ...body };
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(payload),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data.error || `The server answered ${response.status}.`);
    return data.replies ?? [];
  } finally {
    typing.remove();
  }
}

function showReplies(replies, focusActions, source) {
  let last;
  for (const reply of replies) {
    if (reply.updatesSource && source?.isConnected) {
      last = replaceReply(source, reply);
      source = undefined;
      continue;
    }
    const entry = { from: "bot", reply };
    last = showReply(reply);
    entries.set(last, entry);
    remember(entry);
  }
  const expects = replies.findLast?.((reply) => reply.expectsText)?.expectsText;
  expectText(expects);
  if (!expects && focusActions) {
    (last?.querySelector(".action") ?? input).focus({ preventScroll: true });
  }
}

/** Sends typed text or a pressed button (of the `source` message), one turn at a time. */
function send(body, mine, focusActions = false, source = undefined) {
  showMine(mine);
  remember({ from: "me", text: mine });
  busy = busy.then(async () => {
    try {
      showReplies(await post(body), focusActions, source);
    } catch (error) {
      showError(`${error.message} Please try again in a moment.`);
    }
  });
  return busy;
}

function listen() {
  if (!("EventSource" in window)) return;
  const after = Number(localStorage.getItem(KEYS.inbox) ?? "0") || 0;
  const url = `/api/chat/stream?user=${encodeURIComponent(userId())}&after=${after}`;
  const stream = new EventSource(url);
  stream.onmessage = (event) => {
    const { id, reply } = JSON.parse(event.data);
    if (id <= (Number(localStorage.getItem(KEYS.inbox)) || 0)) return;
    localStorage.setItem(KEYS.inbox, String(id));
    const entry = { from: "bot", reply, pushed: true };
    entries.set(showReply(reply, true), entry);
    remember(entry);
  };
  stream.onopen = () => {
    status.textContent = "";
  };
  stream.onerror = () => {
    // EventSource reconnects by itself and resumes after the last message id it saw.
    if (stream.readyState === EventSource.CONNECTING) {
      status.textContent = "Connection lost. Reconnecting…";
    }
  };
}

// ---------------------------------------------------------------- wiring

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  autosize();
  send({ text }, text);
});

input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

function autosize() {
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
}
input.addEventListener("input", autosize);

list.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-action]");
  if (!button) return;
  button
    .closest(".actions")
    ?.querySelectorAll(".action")
    .forEach((b) => {
      b.classList.toggle("chosen", b === button);
    });
  send({ action: button.dataset.action }, button.textContent, true, button.closest(".message"));
});

document.querySelector(".quick").addEventListener("click", (event) => {
  const button = event.target.closest("button[data-command]");
  if (button) send({ text: button.dataset.command }, button.dataset.command);
});

function showName() {
  const name = localStorage.getItem(KEYS.name);
  who.textContent = name ?? "";
  whoWrap.hidden = !name;
}

function askName() {
  dialog.showModal();
  nameInput.focus();
}

dialog.addEventListener("cancel", (event) => {
  // The name goes on certificates, so the first message waits for it.
  event.preventDefault();
});

nameForm.addEventListener("submit", (event) => {
  const name = nameInput.value.trim();
  if (!name) {
    event.preventDefault();
    nameInput.focus();
    return;
  }
  localStorage.setItem(KEYS.name, name.slice(0, 100));
  showName();
  input.focus();
  begin();
});

/** The first message of a visit: `/start <slug>` from a course page, `/start` when new. */
function begin() {
  const slug = new URLSearchParams(location.search).get("start");
  if (slug) {
    history.replaceState(null, "", "/chat");
    send({ text: `/start ${slug}` }, `/start ${slug}`);
  } else if (transcript.length === 0) {
    send({ text: "/start" }, "/start");
  }
}

function restore() {
  for (const entry of transcript) {
    if (entry.from === "me") showMine(entry.text);
    else entries.set(showReply(entry.reply, entry.pushed), entry);
  }
  scrollToEnd();
}

restore();
showName();
listen();
if (localStorage.getItem(KEYS.name)) {
  begin();
  input.focus();
} else {
  askName();
}
