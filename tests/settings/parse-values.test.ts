import { describe, expect, it } from "vitest";
import {
  formatDays,
  parseLessonTime,
  parsePace,
  parseStudyDays,
} from "../../core/settings/parse-values.js";
import { resolveTimeZone } from "../../core/settings/time-zone.js";

describe("time zone input", () => {
  it("accepts IANA names in any case", () => {
    expect(resolveTimeZone("europe/berlin")).toEqual({
      ok: true,
      zone: "Europe/Berlin",
      understood: "Europe/Berlin",
    });
  });

  it("accepts a city that is part of a zone name and confirms the zone", () => {
    const match = resolveTimeZone("New York");
    expect(match).toEqual({
      ok: true,
      zone: "America/New_York",
      understood: "New York (America/New_York)",
    });
  });

  it("accepts a city from the city table", () => {
    expect(resolveTimeZone("Mumbai")).toMatchObject({ ok: true, zone: "Asia/Kolkata" });
    expect(resolveTimeZone("san francisco")).toMatchObject({
      ok: true,
      zone: "America/Los_Angeles",
    });
  });

  it("accepts UTC offsets, including half and quarter hours", () => {
    expect(resolveTimeZone("UTC+5:30")).toMatchObject({ ok: true, zone: "UTC+5:30" });
    expect(resolveTimeZone("GMT-3")).toMatchObject({ ok: true, zone: "UTC-3" });
    expect(resolveTimeZone("+0545")).toMatchObject({ ok: true, zone: "UTC+5:45" });
    expect(resolveTimeZone("Kathmandu")).toMatchObject({ ok: true, zone: "Asia/Kathmandu" });
    expect(resolveTimeZone("asia/kolkata")).toMatchObject({ ok: true, zone: "Asia/Kolkata" });
    const match = resolveTimeZone("UTC+5:30");
    expect(match.ok && match.understood).toContain("Asia/Kolkata");
  });

  it("answers an unknown zone with close matches", () => {
    const match = resolveTimeZone("Berlim");
    expect(match.ok).toBe(false);
    expect(match.ok ? [] : match.suggestions).toContain("Europe/Berlin");
    const typo = resolveTimeZone("Europe/Londn");
    expect(typo.ok ? [] : typo.suggestions[0]).toBe("Europe/London");
  });

  it("rejects offsets beyond +14", () => {
    expect(resolveTimeZone("UTC+15").ok).toBe(false);
  });
});

describe("lesson time input", () => {
  it("reads 24-hour and am/pm times", () => {
    expect(parseLessonTime("7:30")).toEqual({ ok: true, value: 450 });
    expect(parseLessonTime("19:05")).toEqual({ ok: true, value: 1145 });
    expect(parseLessonTime("7pm")).toEqual({ ok: true, value: 1140 });
    expect(parseLessonTime("12am")).toEqual({ ok: true, value: 0 });
    expect(parseLessonTime("23:59")).toEqual({ ok: true, value: 1439 });
  });

  it("says the range when the hour or minutes are out of range", () => {
    const hour = parseLessonTime("25:00");
    expect(hour).toEqual({
      ok: false,
      message: "The hour must be from 0 to 23 (0:00 to 23:59); 25 is out of range.",
    });
    const minutes = parseLessonTime("7:75");
    expect(minutes.ok ? "" : minutes.message).toBe(
      "The minutes must be from 00 to 59; 75 is out of range.",
    );
    expect(parseLessonTime("13pm").ok).toBe(false);
    expect(parseLessonTime("soon").ok).toBe(false);
  });
});

describe("pace and study days", () => {
  it("reads a pace from 1 to 5", () => {
    expect(parsePace("2")).toEqual({ ok: true, value: 2 });
    expect(parsePace("0").ok).toBe(false);
    expect(parsePace("9").ok).toBe(false);
  });

  it("reads day lists, ranges and groups", () => {
    expect(parseStudyDays("mon,wed,fri")).toEqual({ ok: true, value: [1, 3, 5] });
    expect(parseStudyDays("Monday Tuesday")).toEqual({ ok: true, value: [1, 2] });
    expect(parseStudyDays("mon-fri")).toEqual({ ok: true, value: [1, 2, 3, 4, 5] });
    expect(parseStudyDays("fri-mon")).toEqual({ ok: true, value: [1, 5, 6, 7] });
    expect(parseStudyDays("weekends")).toEqual({ ok: true, value: [6, 7] });
    expect(formatDays([1, 3, 5])).toBe("Mon, Wed, Fri");
  });

  it("names a misspelled day, suggests the closest and lists the valid ones", () => {
    const parsed = parseStudyDays("mon,wendesday,fri");
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? "" : parsed.message;
    expect(message).toContain('"wendesday" is not a day of the week');
    expect(message).toContain("did you mean wednesday?");
    expect(message).toContain("mon, tue, wed, thu, fri, sat, sun");
  });
});
