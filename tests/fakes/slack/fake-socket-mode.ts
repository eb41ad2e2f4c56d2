import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

/** A local fake of Slack's Socket Mode WebSocket: says hello, sends envelopes, collects acks. */
export interface FakeSocketMode {
  /** The wss-like URL apps.connections.open hands out. */
  url: string;
  /** Resolves when a client has connected and been greeted. */
  connected: Promise<void>;
  /** Sends an envelope and resolves with the client's ack payload. */
  deliver(type: string, payload: unknown, extra?: Record<string, unknown>): Promise<unknown>;
  close(): Promise<void>;
}

/** Starts the fake Socket Mode server on 127.0.0.1. */
export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const acks = new Map<string, (payload: unknown) => void>();
  let client: WebSocket | undefined;
  let counter = 0;
  const connected = new Promise<void>((resolve) => {
    server.on("connection", (socket) => {
      client = socket;
      socket.on("message", (data) => {
        const message = JSON.parse(String(data)) as { envelope_id: string; payload?: unknown };
        acks.get(message.envelope_id)?.(message.payload);
      });
      socket.send(
        JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" } }),
      );
      resolve();
    });
  });
  return {
    url: `ws://127.0.0.1:${port}/link`,
    connected,
    deliver(type, payload, extra = {}) {
      const envelopeId = `env-${++counter}`;
      const acked = new Promise<unknown>((resolve) => acks.set(envelopeId, resolve));
      client!.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type,
          payload,
          accepts_response_payload: true,
          ...extra,
        }),
      );
      return acked;
    },
    async close() {
      for (const socket of server.clients) socket.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
