// Main-thread busy time from a Chrome trace: the sum of top-level `RunTask` events on the page's
// renderer main thread (`CrRendererMain`), wall (`dur`) and thread CPU (`tdur`), between two
// `performance.mark`s or from a mark to the end of the trace; and the same for the page's
// dedicated workers (work an SDK moved off the main thread still costs CPU).

export function readTrace(buffer) {
  const parsed = JSON.parse(buffer.toString('utf8'));
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const marks = new Map();
  for (const e of events) if (e.cat?.includes('blink.user_timing') && e.ph !== 'M') marks.set(e.name, e.ts);
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`));
  // The page's renderer is the one whose main thread saw our marks' work; with one page per
  // context it is the busiest renderer main thread.
  const perThread = new Map();
  for (const t of tasks)
    perThread.set(`${t.pid}:${t.tid}`, (perThread.get(`${t.pid}:${t.tid}`) ?? 0) + t.dur);
  const page = [...perThread.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const own = tasks.filter((t) => `${t.pid}:${t.tid}` === page);
  const workers = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'DedicatedWorker thread')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const pagePid = page?.split(':')[0];
  const workerTasks = events.filter(
    (e) =>
      e.name === 'RunTask' && e.ph === 'X' && workers.has(`${e.pid}:${e.tid}`) && String(e.pid) === pagePid,
  );
  const sum = (list, from, to) => {
    let wall = 0;
    let cpu = 0;
    for (const t of list) {
      if (t.ts + t.dur <= from || t.ts >= to) continue;
      wall += t.dur;
      cpu += t.tdur ?? 0;
    }
    return { wall, cpu };
  };
  let end = 0;
  for (const e of events)
    if (typeof e.ts === 'number' && e.ts + (e.dur ?? 0) > end) end = e.ts + (e.dur ?? 0);
  return {
    mark: (name) => marks.get(name),
    end,
    /** Busy µs of tasks running in [from, to) (a task holding the `from` mark counts whole). */
    busy: (from, to) => sum(own, from, to),
    /** The same on the page's dedicated worker threads. */
    workerBusy: (from, to) => sum(workerTasks, from, to),
  };
}
