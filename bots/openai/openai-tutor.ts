import OpenAI from "openai";
import { TransientError } from "../../core/errors.js";
import type { Tutor } from "../../core/ports/tutor.js";
import { buildTutorMessages } from "../../core/tutor/tutor-prompt.js";
import { mapOpenAiError } from "./map-error.js";

/** Settings of the OpenAI-backed tutor (OPENAI_API_KEY, OPENAI_BASE_URL, OPENAI_MODEL). */
export interface OpenAiTutorOptions {
  apiKey: string;
  /** An OpenAI-compatible API base such as http://127.0.0.1:8080/v1; OpenAI's when absent. */
  baseUrl?: string;
  model: string;
  /** How long to wait for an answer before telling the learner to try again. */
  timeoutMs?: number;
  /** Longest answer, in tokens. */
  maxAnswerTokens?: number;
}

/** The default answer timeout: a learner waits in chat, so fail well before a platform would. */
export const DEFAULT_TUTOR_TIMEOUT_MS = 30_000;

/**
 * A {@link Tutor} on the Chat Completions API of OpenAI or any compatible server. It does not
 * retry: a busy or failing tutor is reported to the learner at once (see mapOpenAiError).
 */
export function createOpenAiTutor(options: OpenAiTutorOptions): Tutor {
  const client = new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseUrl,
    timeout: options.timeoutMs ?? DEFAULT_TUTOR_TIMEOUT_MS,
    maxRetries: 0,
  });
  return {
    async answer(request) {
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create({
          model: options.model,
          messages: buildTutorMessages(request),
          max_tokens: options.maxAnswerTokens ?? 500,
          temperature: 0.3,
        });
      } catch (error) {
        throw mapOpenAiError(error);
      }
      const text = completion.choices[0]?.message?.content?.trim();
      if (!text) throw new TransientError("the tutor sent an empty answer");
      return { text, tokens: completion.usage?.total_tokens ?? 0 };
    },
  };
}
