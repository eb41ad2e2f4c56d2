import { startFakePlatform } from "./fake-platform.js";

/**
 * The fake platform in its own process, so that its CPU is not the dispatcher's: prints
 * `{"url": ...}` once listening and serves `GET /stats` on a second port with what arrived.
 * Arguments: messages per second, burst.
 */
async function main(): Promise<void> {
  const perSecond = Number(process.argv[2] ?? 1000);
  const burst = Number(process.argv[3] ?? Math.ceil(perSecond / 10));
  const platform = await startFakePlatform({ perSecond, burst });
  const { createServer } = await import("node:http");
  const stats = createServer((_request, response) => {
    const times = platform.log.map((entry) => entry.at);
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        accepted: platform.log.length,
        tooMany: platform.tooMany,
        firstAt: times[0] ?? null,
        lastAt: times[times.length - 1] ?? null,
        received: Object.fromEntries(platform.received),
      }),
    );
  });
  await new Promise<void>((resolve) => stats.listen(0, "127.0.0.1", resolve));
  const address = stats.address();
  const statsPort = typeof address === "object" && address ? address.port : 0;
  console.log(JSON.stringify({ url: platform.url, statsUrl: `http://127.0.0.1:${statsPort}` }));
  process.on("SIGTERM", () => {
    void platform.stop().then(() => process.exit(0));
  });
}

await main();
