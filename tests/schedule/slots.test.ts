import { describe, expect, it } from "vitest";
import {
  latestDueSlot,
  nextSlot,
  previousSlot,
  type SlotSettings,
  slotMinutes,
  slotsOnDate,
  wallClockInstant,
} from "../../core/schedule/slots.js";

const daily = (timeZone: string, lessonMinute: number): SlotSettings => ({
  timeZone,
  lessonMinute,
  lessonsPerDay: 1,
  studyDays: [1, 2, 3, 4, 5, 6, 7],
});

describe("lesson slots", () => {
  it("maps a time that does not exist on the spring-forward day to the first instant after it", () => {
    // 2027-03-14: New York clocks jump from 02:00 EST to 03:00 EDT.
    expect(wallClockInstant("America/New_York", "2027-03-14", 150).toISOString()).toBe(
      "2027-03-14T07:00:00.000Z",
    );
    expect(wallClockInstant("America/New_York", "2027-03-13", 150).toISOString()).toBe(
      "2027-03-13T07:30:00.000Z",
    );
  });

  it("maps a time that exists twice on the fall-back day to its first occurrence", () => {
    // 2027-11-07: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(wallClockInstant("America/New_York", "2027-11-07", 90).toISOString()).toBe(
      "2027-11-07T05:30:00.000Z",
    );
  });

  it("handles half- and quarter-hour zones", () => {
    expect(wallClockInstant("Asia/Kolkata", "2027-03-10", 540).toISOString()).toBe(
      "2027-03-10T03:30:00.000Z",
    );
    expect(wallClockInstant("Asia/Kathmandu", "2027-03-10", 540).toISOString()).toBe(
      "2027-03-10T03:15:00.000Z",
    );
    // Chatham is UTC+13:45 in (southern) summer.
    expect(wallClockInstant("Pacific/Chatham", "2027-03-10", 540).toISOString()).toBe(
      "2027-03-09T19:15:00.000Z",
    );
    expect(wallClockInstant("UTC+5:30", "2027-03-10", 540).toISOString()).toBe(
      "2027-03-10T03:30:00.000Z",
    );
  });

  it("finds the latest due slot at 23:59 local time on the local date, not the UTC one", () => {
    const settings = daily("America/Los_Angeles", 1439);
    // 23:59 in Los Angeles on 10 March is 07:59Z on 11 March.
    const slot = latestDueSlot(settings, new Date("2027-03-11T07:59:00Z"));
    expect(slot).toEqual({
      localDate: "2027-03-10",
      index: 0,
      at: new Date("2027-03-11T07:59:00Z"),
    });
    const before = latestDueSlot(settings, new Date("2027-03-11T07:58:59Z"));
    expect(before?.localDate).toBe("2027-03-09");
  });

  it("skips days that are not study days", () => {
    const settings = { ...daily("Europe/Berlin", 480), studyDays: [1, 3, 5] };
    expect(slotsOnDate(settings, "2027-03-09")).toEqual([]); // a Tuesday
    const slot = latestDueSlot(settings, new Date("2027-03-09T12:00:00Z"));
    expect(slot?.localDate).toBe("2027-03-08");
    expect(nextSlot(settings, new Date("2027-03-09T12:00:00Z"))?.localDate).toBe("2027-03-10");
    expect(previousSlot(settings, slot!)?.localDate).toBe("2027-03-05");
  });

  it("spreads several lessons a day after the lesson time, at most three hours apart", () => {
    expect(slotMinutes({ ...daily("UTC", 480), lessonsPerDay: 3 })).toEqual([480, 660, 840]);
    expect(slotMinutes({ ...daily("UTC", 1380), lessonsPerDay: 2 })).toEqual([1380, 1439]);
  });
});
