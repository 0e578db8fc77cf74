import { maskAndCut } from '../privacy/mask-url.js';
import type { Store } from '../storage/create-store.js';

export const SESSION_KEY = 'shoptel.session';
const UTM_FIELDS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const;
/** Activity is persisted at most this often: a write per event is measurable (p8 reference). */
const PERSIST_EVERY_MS = 5000;

/** What a session carries into each of its events. */
export interface SessionFields {
  session_id: string;
  referrer?: string;
  utm_source?: string;
  utm_medium?: string;
  utm_campaign?: string;
  utm_term?: string;
  utm_content?: string;
}

interface SessionState {
  fields: SessionFields;
  startedMs: number;
  lastMs: number;
}

/** What a session reads from the page: the query (UTM parameters) and where the shopper came from. */
export interface SessionPage {
  search: string;
  origin: string;
  referrer: string;
}

export interface Session {
  /** The current session's fields, renewing the session when it timed out; marks activity. */
  touch(nowMs: number, page: SessionPage): SessionFields;
  /** Writes the activity time now (page exit). */
  save(): void;
  /** Ends the session: the next event starts a new one. */
  end(): void;
  /**
   * Another tab ended the session (`previous`: the stored value it removed): the next event reads
   * the stored one (or starts one), while calls made before now keep the ended one, and never
   * store it again.
   */
  forget(previous?: string | null): void;
}

export interface SessionTimeouts {
  sessionTimeoutMs: number;
  sessionMaxMs: number;
}

/**
 * The session, owned here: renewed after `sessionTimeoutMs` without events or `sessionMaxMs` in
 * all, shared by the tabs of one origin through the store. UTM parameters and the external
 * referrer are taken when a session starts and kept for all its events; a landing with new UTM
 * parameters mid-session replaces them (the campaign that brought the shopper back).
 */
export function createSession(store: Store, newId: () => string, timeouts: SessionTimeouts): Session {
  let state: SessionState | undefined;
  let savedMs = 0;
  /** The session another tab ended, and when: what calls made before then belong to. */
  let ended: SessionState | undefined;
  let endedMs = 0;
  let lastSearch: string | undefined;
  let campaign: Partial<Record<(typeof UTM_FIELDS)[number], string>> | undefined;

  /** The session stored (or the given stored value): undefined when none or unreadable. */
  const read = (stored = store.get(SESSION_KEY)): SessionState | undefined => {
    try {
      const saved = JSON.parse(stored ?? 'null') as SessionState | null;
      return saved?.fields?.session_id ? saved : undefined;
    } catch {
      return undefined;
    }
  };
  const save = () => {
    if (!state) return;
    savedMs = state.lastMs;
    store.set(SESSION_KEY, JSON.stringify(state));
  };

  return {
    touch(nowMs, page) {
      if (ended && nowMs <= endedMs) return ended.fields;
      // Another tab may have moved the session on since we last looked.
      if (!state || nowMs - savedMs >= PERSIST_EVERY_MS) {
        const saved = read();
        if (saved && (!state || saved.lastMs >= state.lastMs)) state = saved;
      }
      const expired =
        !state ||
        nowMs - state.lastMs > timeouts.sessionTimeoutMs ||
        nowMs - state.startedMs > timeouts.sessionMaxMs;
      if (page.search !== lastSearch) {
        // Parsed once per URL, not per event.
        lastSearch = page.search;
        const params = new URLSearchParams(page.search);
        campaign = undefined;
        if (UTM_FIELDS.some((name) => params.has(name))) {
          campaign = {};
          // Masked as the url they came from is: newsletter links put the reader's address in them.
          for (const name of UTM_FIELDS)
            campaign[name] = maskAndCut(params.get(name) ?? '', 256) || undefined;
        }
      }
      const { referrer } = page;
      if (expired) {
        const external = referrer !== '' && !referrer.startsWith(page.origin);
        state = {
          fields: { session_id: newId(), referrer: external ? maskAndCut(referrer, 4096) : undefined },
          startedMs: nowMs,
          lastMs: nowMs,
        };
      }
      const current = state!;
      const changed =
        campaign !== undefined && UTM_FIELDS.some((name) => campaign![name] !== current.fields[name]);
      if (changed) Object.assign(current.fields, campaign);
      current.lastMs = nowMs;
      if (expired || changed || nowMs - savedMs >= PERSIST_EVERY_MS) save();
      return current.fields;
    },
    save,
    forget(previous) {
      // A tab that has not built an event yet knows the session only from the stored value.
      ended = state ?? read(previous ?? undefined) ?? ended;
      endedMs = Date.now();
      state = undefined;
      savedMs = 0;
    },
    end() {
      // Ended here, every call before it already built (`reset`, a withdrawal): nothing to keep.
      ended = state = undefined;
      savedMs = 0;
      store.remove(SESSION_KEY);
    },
  };
}
