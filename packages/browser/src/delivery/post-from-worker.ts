/**
 * Requests cost the page more than the events in them: in Chromium a `fetch` from the page costs
 * its main thread ~1 ms (Blink's request set-up, its mojo messages, the answer's promise tasks),
 * about two thirds of shoptel's main-thread time in a burst. A dedicated worker makes the same
 * request off the main thread, which then only hands the body over and reads a small answer
 * (bench: the bare requests of a 2,000-event burst cost 116–182 µs per event from the page, 38–60
 * from a worker). The worker is made from a Blob, so it shares the page's origin and cookies.
 *
 * Where no worker can run — no `Worker`, a Content-Security-Policy without `blob:` workers,
 * Trusted Types, a worker that fails to load — the caller posts from the page as before.
 */

import { REQUEST_TIMEOUT_MS, type RequestAnswer } from './send-request.js';

/** What the worker answers: the request's id, then its `RequestAnswer`. */
type WorkerAnswer = [number, ...RequestAnswer];

// The worker's whole script: `sendRequest` written out (its timeout too), as text, so that no
// build of the host's (one that compiles `async` into helpers, say) can change what it runs.
const SCRIPT = `onmessage=async({data:[i,u,b,h]})=>{let a=[i,0];try{const r=await fetch(u,{method:"POST",body:b,headers:h,signal:AbortSignal.timeout?.(${REQUEST_TIMEOUT_MS})});a=[i,r.status,r.headers.get("retry-after"),r.ok?await r.text():""]}catch{}postMessage(a)}`;

/** `undefined`: not tried yet; `null`: cannot run on this page. */
let worker: Worker | null | undefined;
const waiting = new Map<number, (answer: RequestAnswer | undefined) => void>();
let lastId = 0;

function startWorker(): Worker | null {
  try {
    const started = new Worker(URL.createObjectURL(new Blob([SCRIPT], { type: 'text/javascript' })));
    started.onmessage = ({ data: [id, ...answer] }: MessageEvent<WorkerAnswer>) => {
      waiting.get(id)?.(answer);
      waiting.delete(id);
    };
    // A blocked or broken worker: what it holds is posted from the page instead.
    started.onerror = () => {
      worker = null;
      started.terminate();
      for (const resolve of waiting.values()) resolve(undefined);
      waiting.clear();
    };
    return started;
  } catch {
    return null;
  }
}

/**
 * Posts `body` to `url` from the worker. Resolves with its answer, or `undefined` when no worker
 * can run here: then nothing was sent and the caller posts itself.
 */
export function postFromWorker(
  url: string,
  body: string,
  headers?: Record<string, string>,
): Promise<RequestAnswer | undefined> {
  // Once per page: `null` (no worker here) is kept, or each batch would try again and a policy
  // that blocks workers would report each try.
  if (worker === undefined) worker = startWorker();
  const running = worker;
  if (!running) return Promise.resolve(undefined);
  const id = ++lastId;
  return new Promise((resolve) => {
    try {
      // `url` is absolute (a blob worker would resolve a path against `blob:`).
      running.postMessage([id, url, body, headers]);
      waiting.set(id, resolve);
    } catch {
      resolve(undefined); // the page's own request then fails (or not) as it would have
    }
  });
}
