/**
 * Checks request bodies the way Discord does and lists violations as "path: message", so the
 * fake answers 50035 Invalid Form Body exactly where the real API would.
 * Limits: https://discord.com/developers/docs/resources/message#create-message
 */

type Body = Record<string, unknown>;
type Problems = Array<[string, string]>;

const len = (value: unknown) => (typeof value === "string" ? value.length : 0);

/** Problems of a message body (create, edit, follow-up or interaction callback data). */
export function validateMessage(body: Body): Problems {
  const problems: Problems = [];
  if (len(body.content) > 2000) problems.push(["content", "Must be 2000 or fewer in length."]);
  const embeds = Array.isArray(body.embeds) ? (body.embeds as Body[]) : [];
  if (embeds.length > 10) problems.push(["embeds", "Must be 10 or fewer in length."]);
  let total = 0;
  embeds.forEach((embed, i) => {
    if (len(embed.description) > 4096) {
      problems.push([`embeds.${i}.description`, "Must be 4096 or fewer in length."]);
    }
    const fields = Array.isArray(embed.fields) ? (embed.fields as Body[]) : [];
    if (fields.length > 25) problems.push([`embeds.${i}.fields`, "Must be 25 or fewer in length."]);
    total += len(embed.title) + len(embed.description);
    total += fields.reduce((sum, field) => sum + len(field.name) + len(field.value), 0);
    total +=
      len((embed.footer as Body | undefined)?.text) + len((embed.author as Body | undefined)?.name);
  });
  if (total > 6000) problems.push(["embeds", "Embed size exceeds maximum size of 6000"]);
  const hasContent = len(body.content) > 0 || embeds.length > 0;
  const components = Array.isArray(body.components) ? (body.components as Body[]) : [];
  if (!hasContent && components.length === 0 && body.content !== undefined) {
    problems.push(["content", "Cannot send an empty message"]);
  }
  problems.push(...validateRows(components));
  return problems;
}

/** Problems of message component rows: 5 rows, 5 buttons per row, one select per row. */
export function validateRows(rows: Body[]): Problems {
  const problems: Problems = [];
  if (rows.length > 5) problems.push(["components", "Must be 5 or fewer in length."]);
  rows.forEach((row, r) => {
    const items = Array.isArray(row.components) ? (row.components as Body[]) : [];
    if (row.type !== 1) problems.push([`components.${r}.type`, "Value must be 1 (action row)."]);
    if (items.length === 0 || items.length > 5) {
      problems.push([`components.${r}.components`, "Must be between 1 and 5 in length."]);
    }
    const selects = items.filter((item) => item.type === 3);
    if (selects.length > 0 && items.length > 1) {
      problems.push([`components.${r}.components`, "A select menu must be alone in its row."]);
    }
    items.forEach((item, c) => {
      problems.push(...validateComponent(item, `components.${r}.components.${c}`));
    });
  });
  return problems;
}

function validateComponent(item: Body, path: string): Problems {
  const problems: Problems = [];
  if (item.type === 2) {
    if (len(item.label) > 80) problems.push([`${path}.label`, "Must be 80 or fewer in length."]);
    if (item.style === 5 ? !item.url : !item.custom_id) {
      problems.push([`${path}`, "A button needs a custom_id, or a url when it is a link."]);
    }
  }
  if (len(item.custom_id) > 100)
    problems.push([`${path}.custom_id`, "Must be 100 or fewer in length."]);
  if (item.type === 3) {
    const options = Array.isArray(item.options) ? (item.options as Body[]) : [];
    if (options.length < 1 || options.length > 25) {
      problems.push([`${path}.options`, "Must be between 1 and 25 in length."]);
    }
    options.forEach((option, o) => {
      if (len(option.label) > 100)
        problems.push([`${path}.options.${o}.label`, "Must be 100 or fewer in length."]);
      if (len(option.value) > 100)
        problems.push([`${path}.options.${o}.value`, "Must be 100 or fewer in length."]);
    });
  }
  return problems;
}

/** Problems of a modal: title 45, custom_id 100, 1-5 rows of one text input (label 45). */
export function validateModal(data: Body): Problems {
  const problems: Problems = [];
  if (len(data.title) === 0 || len(data.title) > 45)
    problems.push(["data.title", "Must be between 1 and 45 in length."]);
  if (len(data.custom_id) === 0 || len(data.custom_id) > 100) {
    problems.push(["data.custom_id", "Must be between 1 and 100 in length."]);
  }
  const rows = Array.isArray(data.components) ? (data.components as Body[]) : [];
  if (rows.length < 1 || rows.length > 5)
    problems.push(["data.components", "Must be between 1 and 5 in length."]);
  rows.forEach((row, r) => {
    const input = ((row.components as Body[] | undefined) ?? [])[0] ?? {};
    if (input.type !== 4) problems.push([`data.components.${r}`, "Must hold one text input."]);
    if (len(input.label) === 0 || len(input.label) > 45) {
      problems.push([
        `data.components.${r}.components.0.label`,
        "Must be between 1 and 45 in length.",
      ]);
    }
    if (len(input.placeholder) > 100) {
      problems.push([
        `data.components.${r}.components.0.placeholder`,
        "Must be 100 or fewer in length.",
      ]);
    }
  });
  return problems;
}

/** Problems of autocomplete choices: at most 25, name and value 1-100 characters. */
export function validateChoices(data: Body): Problems {
  const choices = Array.isArray(data.choices) ? (data.choices as Body[]) : [];
  const problems: Problems = [];
  if (choices.length > 25) problems.push(["data.choices", "Must be 25 or fewer in length."]);
  choices.forEach((choice, i) => {
    if (len(choice.name) < 1 || len(choice.name) > 100)
      problems.push([`data.choices.${i}.name`, "Must be between 1 and 100 in length."]);
    if (len(choice.value) > 100)
      problems.push([`data.choices.${i}.value`, "Must be 100 or fewer in length."]);
  });
  return problems;
}

/** Discord's nested `errors` object of a 50035 answer. */
export function formErrors(problems: Problems): Body {
  const root: Body = {};
  for (const [path, message] of problems) {
    let node = root;
    for (const key of path.split(".")) {
      node[key] ??= {};
      node = node[key] as Body;
    }
    node._errors ??= [];
    (node._errors as unknown[]).push({ code: "BASE_TYPE_INVALID", message });
  }
  return root;
}
