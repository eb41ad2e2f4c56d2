/**
 * Turns lesson Markdown written for a website into the Markdown-lite chat messages use:
 * images become their alt text (the picture files are not shipped), links to pages that do
 * not exist outside the website become plain text, and reference links are resolved.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const IMAGE = /!\[([^\]]*)\]\(([^)\s]*)(?:\s+"[^"]*")?\)(\{[^}]*\})?/g;
const INLINE_LINK = /\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)(\{[^}]*\})?/g;
const REFERENCE_LINK = /\[([^\]]+)\]\[([^\]]*)\]/g;
const DEFINITION = /^ {0,3}\[([^\]]+)\]:\s*(\S+).*$/;

/** Reads `[ref]: url` definitions (case-insensitive names) from a whole file. */
export function linkDefinitions(markdown: string): Map<string, string> {
  const definitions = new Map<string, string>();
  for (const line of markdown.split("\n")) {
    const match = DEFINITION.exec(line);
    if (match) definitions.set(match[1]!.toLowerCase(), match[2]!);
  }
  return definitions;
}

/** Cleans `markdown` outside code blocks; `definitions` resolves `[text][ref]` links. */
export function cleanMarkdown(markdown: string, definitions = new Map<string, string>()): string {
  let fence: string | null = null;
  const lines: string[] = [];
  for (const line of markdown.split("\n")) {
    const open = FENCE.exec(line);
    if (fence !== null) {
      if (open && line.trim().startsWith(fence) && /^(`+|~+)$/.test(line.trim())) fence = null;
      lines.push(line);
    } else if (open) {
      fence = open[1]!;
      lines.push(line);
    } else if (!DEFINITION.test(line)) {
      lines.push(cleanLine(line, definitions));
    }
  }
  return lines
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function cleanLine(line: string, definitions: Map<string, string>): string {
  return line
    .replace(IMAGE, (_all, alt: string, _src: string, attributes?: string) => {
      const described = attributeAlt(attributes) ?? alt;
      return described.trim() ? `[Figure: ${unescapeMarkdown(described).trim()}]` : "";
    })
    .replace(INLINE_LINK, (_all, text: string, url: string) => link(text, url))
    .replace(REFERENCE_LINK, (_all, text: string, ref: string) => {
      const url = definitions.get((ref || text).toLowerCase());
      return url ? link(text, url) : text;
    });
}

function attributeAlt(attributes: string | undefined): string | undefined {
  const match =
    attributes && /alt\s*=\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")/.exec(attributes);
  return match ? (match[1] ?? match[2]) : undefined;
}

function link(text: string, url: string): string {
  return /^(https?:|mailto:)/i.test(url) ? `[${text}](${url})` : text;
}

function unescapeMarkdown(text: string): string {
  return text.replace(/\\([\\`*_{}[\]()#+\-.!'"])/g, "$1");
}
