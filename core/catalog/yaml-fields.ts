import type { ProblemList } from "./problems.js";
import type { YamlSource } from "./yaml-source.js";

/** A YAML mapping as plain JavaScript. */
export type Fields = Record<string, unknown>;

/** True for a YAML mapping (not a list, not a scalar). */
export function isFields(value: unknown): value is Fields {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A list of short texts such as `topics: [sql, data]`; anything else is reported. */
export function stringList(
  value: unknown,
  name: string,
  file: string,
  yaml: YamlSource,
  problems: ProblemList,
): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "number")) {
    return value.map((v) => String(v).trim()).filter(Boolean);
  }
  problems.add(file, yaml.lineOf([name]), `${name} must be a list such as [sql, data analysis]`);
  return [];
}
