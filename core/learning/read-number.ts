/** A typed number, or why it could not be read. */
export type ReadNumber = { ok: true; value: number } | { ok: false; problem: string };

const PLAIN = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;
/** "1,000,000" or "1,234.5": commas group thousands. */
const COMMA_GROUPS = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;
/** "1.234,5" or "1.234.567": points group thousands, a comma marks the decimals. */
const POINT_GROUPS = /^[-+]?\d{1,3}(\.\d{3})+(,\d+)?$/;
/** "2,5" or ",5": one decimal comma. */
const DECIMAL_COMMA = /^([-+]?\d*),(\d+)$/;

function notANumber(text: string): ReadNumber {
  return {
    ok: false,
    problem: `Answer with a number, for example 42 or 3.5 ("${text.trim().slice(0, 40)}" is not one).`,
  };
}

/**
 * Reads a typed number: "3.5", "-2e3", a decimal comma ("2,0", "3,25"), and thousands grouped
 * with commas or points ("1,234.5", "1.234,5"). "1,000" alone could be a thousand or one, so
 * it is refused with both readings rather than guessed.
 */
export function readNumber(text: string): ReadNumber {
  const cleaned = text.trim().replace(/\s+/g, "");
  if (PLAIN.test(cleaned)) return { ok: true, value: Number(cleaned) };
  const comma = DECIMAL_COMMA.exec(cleaned);
  const whole = comma?.[1] ?? "";
  if (comma && comma[2]!.length === 3 && /\d/.test(whole) && !/^[-+]?0+$/.test(whole)) {
    const grouped = `${whole}${comma[2]}`;
    const decimal = `${whole}.${comma[2]}`;
    return {
      ok: false,
      problem: `"${cleaned}" could mean ${grouped} or ${decimal}: write ${grouped} without the comma, or ${decimal} with a point.`,
    };
  }
  if (comma) return { ok: true, value: Number(`${whole}.${comma[2]}`) };
  if (COMMA_GROUPS.test(cleaned)) return { ok: true, value: Number(cleaned.replace(/,/g, "")) };
  // "1.234" alone was read as a decimal above, so what matches here has a comma or two points.
  if (POINT_GROUPS.test(cleaned)) {
    return { ok: true, value: Number(cleaned.replace(/\./g, "").replace(",", ".")) };
  }
  return notANumber(text);
}
