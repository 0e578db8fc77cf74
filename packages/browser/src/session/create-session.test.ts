import { describe, expect, it } from 'vitest';
import { createStore } from '../storage/create-store.js';
import { createSession } from './create-session.js';

const at = (url: string) => new URL(url);
const visit = (url: URL, referrer: string) => ({ search: url.search, origin: url.origin, referrer });
let n = 0;
const newId = () => `id-${++n}`;

function session(timeouts = { sessionTimeoutMs: 30 * 60_000, sessionMaxMs: 24 * 3600_000 }) {
  localStorage.clear();
  const store = createStore();
  store.setPersistent(true);
  return createSession(store, newId, timeouts);
}

describe('session', () => {
  it('keeps one id while active, renews after 30 min of inactivity and after 24 h in all', () => {
    const s = session();
    const page = at('https://shop.example/');
    const t0 = 1_700_000_000_000;
    const first = s.touch(t0, visit(page, '')).session_id;
    expect(s.touch(t0 + 29 * 60_000, visit(page, '')).session_id).toBe(first);
    const second = s.touch(t0 + 60 * 60_000, visit(page, '')).session_id;
    expect(second).not.toBe(first);
    // Active every 20 min for a day: renewed at the 24 h mark.
    let t = t0 + 60 * 60_000;
    while (t < t0 + 60 * 60_000 + 24 * 3600_000) {
      expect(s.touch(t, visit(page, '')).session_id).toBe(second);
      t += 20 * 60_000;
    }
    expect(s.touch(t + 20 * 60_000, visit(page, '')).session_id).not.toBe(second);
  });

  it('keeps UTM parameters and the external referrer for the whole session', () => {
    const s = session();
    const t0 = 1_700_000_000_000;
    const landing = s.touch(
      t0,
      visit(
        at('https://shop.example/?utm_source=news&utm_campaign=spring'),
        'https://mail.example/?email=a@b.example',
      ),
    );
    expect(landing).toMatchObject({
      utm_source: 'news',
      utm_campaign: 'spring',
      referrer: 'https://mail.example/?email=[redacted]',
    });
    const later = s.touch(t0 + 1000, visit(at('https://shop.example/p/1'), 'https://shop.example/'));
    expect(later).toMatchObject({
      session_id: landing.session_id,
      utm_source: 'news',
      referrer: 'https://mail.example/?email=[redacted]',
    });
    const internal = session().touch(t0, visit(at('https://shop.example/'), 'https://shop.example/home'));
    expect(internal.referrer).toBeUndefined();
  });

  it('cuts a long referrer to the 4096 characters the relay takes, after masking made it longer', () => {
    // `[redacted]` is longer than the values it replaces: a referrer under the bound grows past it.
    const referrer = `https://other.example/cb?${'code=1&'.repeat(560)}`;
    expect(referrer.length).toBeLessThan(4096);
    const fields = session().touch(1_700_000_000_000, visit(at('https://shop.example/'), referrer));
    expect(fields.referrer).toHaveLength(4096);
    expect(fields.referrer).toMatch(/^https:\/\/other\.example\/cb\?code=\[redacted\]&/);
  });

  it('masks emails in UTM parameters, as in the url they came from (newsletter links carry them)', () => {
    const fields = session().touch(
      1_700_000_000_000,
      visit(
        at(
          'https://shop.example/?utm_source=nl&utm_term=jane.doe%40mail.example&utm_content=id%3Djo%2Bx%40mail.example',
        ),
        '',
      ),
    );
    expect(fields).toMatchObject({ utm_source: 'nl', utm_term: '[email]', utm_content: 'id=[email]' });
  });

  it('is shared with a later page through storage', () => {
    const s = session();
    const t0 = 1_700_000_000_000;
    const id = s.touch(t0, visit(at('https://shop.example/'), '')).session_id;
    s.save();
    const store = createStore();
    store.setPersistent(true);
    const next = createSession(store, newId, { sessionTimeoutMs: 30 * 60_000, sessionMaxMs: 24 * 3600_000 });
    expect(
      next.touch(t0 + 5000, visit(at('https://shop.example/p'), 'https://shop.example/')).session_id,
    ).toBe(id);
  });
});
