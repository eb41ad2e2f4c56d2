import type { Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import type { FakeState } from "./state.js";

/** One identified gateway session. */
interface Session {
  socket: WebSocket;
  shard: [number, number];
  seq: number;
  intents: number;
}

/**
 * A Discord gateway on the fake's HTTP server (path /gateway): HELLO, IDENTIFY -> READY and a
 * GUILD_CREATE per guild, heartbeat ACKs, and dispatches routed to the shard owning a guild.
 * https://discord.com/developers/docs/events/gateway
 */
export class FakeGateway {
  readonly sessions: Session[] = [];
  /** Intents of every IDENTIFY received, in order. */
  readonly identified: number[] = [];
  private readonly wss: WebSocketServer;

  constructor(
    server: Server,
    private readonly state: FakeState,
  ) {
    this.wss = new WebSocketServer({ server, path: "/gateway" });
    this.wss.on("connection", (socket) => this.accept(socket));
  }

  private accept(socket: WebSocket): void {
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 }, s: null, t: null }));
    socket.on("message", (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: Record<string, unknown> };
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11, d: null, s: null, t: null }));
      if (packet.op === 2) this.identify(socket, packet.d);
      if (packet.op === 6) socket.send(JSON.stringify({ op: 9, d: false, s: null, t: null }));
    });
    socket.on("close", () => {
      const index = this.sessions.findIndex((session) => session.socket === socket);
      if (index >= 0) this.sessions.splice(index, 1);
    });
  }

  private identify(socket: WebSocket, data: Record<string, unknown>): void {
    if (data.token !== this.state.token) {
      socket.close(4004, "Authentication failed.");
      return;
    }
    const shard = (data.shard as [number, number] | undefined) ?? [0, 1];
    const session: Session = { socket, shard, seq: 0, intents: Number(data.intents) };
    this.identified.push(session.intents);
    this.sessions.push(session);
    const guilds = this.state.guildsOfShard(shard);
    this.send(session, "READY", {
      v: 10,
      user: this.state.botUser,
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: `session-${shard[0]}`,
      resume_gateway_url: this.state.gatewayUrl,
      application: { id: this.state.applicationId, flags: 0 },
      shard,
    });
    for (const guild of guilds)
      this.send(session, "GUILD_CREATE", this.state.guildPayload(guild.id));
  }

  /** Sends a dispatch to the session whose shard owns `guildId` (shard 0 for direct messages). */
  dispatch(type: string, data: unknown, guildId?: string): void {
    for (const session of this.sessions) {
      const [id, count] = session.shard;
      const owner = guildId ? Number((BigInt(guildId) >> 22n) % BigInt(count)) : 0;
      if (owner === id) this.send(session, type, data);
    }
  }

  private send(session: Session, type: string, data: unknown): void {
    session.seq += 1;
    session.socket.send(JSON.stringify({ op: 0, t: type, s: session.seq, d: data }));
  }

  /** Closes every connection and the server. */
  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
