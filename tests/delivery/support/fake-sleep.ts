import type { ManualClock } from "../../../core/clock.js";

/**
 * A sleep for code under test that moves a fake clock instead of waiting: sleepers wake in
 * order of their wake-up time, each setting the clock to that time, so concurrent waits on a
 * token bucket see the same times they would in real life.
 */
export function fakeSleep(clock: ManualClock): (ms: number) => Promise<void> {
  const sleepers: Array<{ at: number; resolve: () => void }> = [];
  let scheduled = false;

  function wakeNext() {
    scheduled = false;
    sleepers.sort((a, b) => a.at - b.at);
    const next = sleepers.shift();
    if (!next) return;
    if (clock.now().getTime() < next.at) clock.set(new Date(next.at));
    next.resolve();
    schedule();
  }

  function schedule() {
    if (scheduled || sleepers.length === 0) return;
    scheduled = true;
    setImmediate(wakeNext);
  }

  return (ms) =>
    new Promise<void>((resolve) => {
      sleepers.push({ at: clock.now().getTime() + ms, resolve });
      schedule();
    });
}
