import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../app/config.js";

describe("tutor configuration", () => {
  it("enables the tutor only with OPENAI_API_KEY, and defaults to 20 questions a day", () => {
    const plain = loadConfig({});
    const local = loadConfig({
      OPENAI_API_KEY: "sk-x",
      OPENAI_BASE_URL: "http://127.0.0.1:8080/v1",
      OPENAI_MODEL: "llama",
      TUTOR_DAILY_QUESTIONS: "5",
    });

    expect(plain.openai).toBeUndefined();
    expect(plain.tutorDailyQuestions).toBe(20);
    expect(local.openai).toEqual({
      apiKey: "sk-x",
      baseUrl: "http://127.0.0.1:8080/v1",
      model: "llama",
    });
    expect(local.tutorDailyQuestions).toBe(5);
  });

  it("names TUTOR_DAILY_QUESTIONS and the fix when it is not a positive whole number", () => {
    for (const value of ["0", "ten", "2.5"]) {
      const error = (() => {
        try {
          loadConfig({ TUTOR_DAILY_QUESTIONS: value });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        "TUTOR_DAILY_QUESTIONS: TUTOR_DAILY_QUESTIONS must be a whole number from 1 to 9999, such as 20",
      ]);
    }
  });
});
