import fs from "node:fs";
import path from "node:path";

/**
 * The text files of a course package, by path relative to the package folder (forward
 * slashes). Parsers read from this map so that they stay pure and testable with literals.
 */
export interface PackageFiles {
  /** Folder name shown in problem messages, e.g. "courses/sql-basics". */
  label: string;
  /** Folder name, used for the slug when a format has none. */
  name: string;
  files: Map<string, string>;
}

const TEXT_FILE = /\.(md|markdown|ya?ml|txt)$/i;
const SKIPPED_DIRS = new Set([".git", "node_modules", "fig", "data", "files"]);

/** Reads every Markdown, YAML and text file under `folder` (recursively, hidden ones skipped). */
export function readPackageFolder(folder: string, label = folder): PackageFiles {
  const root = path.resolve(folder);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new Error(`${label} is not a folder`);
  }
  const files = new Map<string, string>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) {
        walk(path.join(dir, entry.name), relative);
      } else if (entry.isFile() && TEXT_FILE.test(entry.name)) {
        files.set(relative, fs.readFileSync(path.join(dir, entry.name), "utf8"));
      }
    }
  };
  walk(root, "");
  return { label: label.replace(/\/+$/, ""), name: path.basename(root), files };
}
