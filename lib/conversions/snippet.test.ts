import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { SNIPPET_JS } from './snippet';

const CID = 'AAAAAAAAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBB';

/** Runs the snippet against a minimal browser: what it stores and what it sends. */
function run(href: string, opts: { referrer?: string; cookie?: string; session?: Record<string, string>; queued?: unknown[][] } = {}) {
  const cookies: string[] = [];
  let jar = opts.cookie ?? '';
  const session = new Map(Object.entries(opts.session ?? {}));
  const beacons: { url: string; body: unknown }[] = [];
  const fetches: { url: string; body: unknown; init: Record<string, unknown> }[] = [];
  const replaced: string[] = [];
  const url = new URL(href);
  const script = { src: 'https://pulse.example/c/pulse.js', getAttribute: (n: string) => (n === 'data-site' ? 'a'.repeat(32) : null) };
  const document = {
    currentScript: script,
    referrer: opts.referrer ?? '',
    querySelector: () => script,
    get cookie() {
      return jar;
    },
    set cookie(v: string) {
      cookies.push(v);
      jar = v.split(';')[0];
    },
  };
  class FakeBlob {
    constructor(readonly parts: string[]) {}
  }
  const window: Record<string, unknown> = {
    location: { href: url.href, search: url.search, pathname: url.pathname, hash: url.hash, host: url.host, protocol: url.protocol },
    history: { state: null, replaceState: (_s: unknown, _t: string, u: string) => replaced.push(u) },
    sessionStorage: { getItem: (k: string) => session.get(k) ?? null, setItem: (k: string, v: string) => session.set(k, v) },
    navigator: {
      sendBeacon: (u: string, blob: FakeBlob) => {
        beacons.push({ url: u, body: JSON.parse(blob.parts.join('')) });
        return true;
      },
    },
    fetch: (u: string, init: Record<string, unknown>) => {
      fetches.push({ url: u, body: JSON.parse(String(init.body)), init });
      return Promise.resolve({ ok: true, json: () => Promise.resolve({ window: 14 }) });
    },
  };
  if (opts.queued) window.pulse = Object.assign(() => {}, { q: opts.queued });
  vm.runInNewContext(SNIPPET_JS, { window, document, URL, URLSearchParams, Blob: FakeBlob, JSON, Number, String });
  return { cookies, session, beacons, fetches, replaced, pulse: window.pulse as (...a: unknown[]) => void };
}

describe('the snippet', () => {
  it('keeps the click id in one first-party cookie for the window, takes it out of the address bar, and sends a view', async () => {
    const r = run(`https://shop.example/beans?utm_source=newsletter&pulse_cid=${CID}#top`, { referrer: 'https://mail.google.com/' });
    expect(r.cookies[0]).toBe(`pulse_cid=${CID}; Max-Age=604800; Path=/; SameSite=Lax; Secure`);
    expect(r.replaced).toEqual(['/beans?utm_source=newsletter#top']);
    expect(r.fetches).toHaveLength(1);
    expect(r.fetches[0].url).toBe('https://pulse.example/c/collect');
    expect(r.fetches[0].init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' } });
    expect(r.fetches[0].body).toMatchObject({ type: 'view', site: 'a'.repeat(32), clickId: CID, utmSource: 'newsletter', referrer: 'https://mail.google.com/' });
    // The collector's answer brings the workspace's window: the cookie is set again for it.
    await new Promise((res) => setTimeout(res, 0));
    expect(r.cookies.at(-1)).toBe(`pulse_cid=${CID}; Max-Age=1209600; Path=/; SameSite=Lax; Secure`);
    expect(r.cookies.every((c) => c.startsWith('pulse_cid='))).toBe(true);
    expect([...r.session.keys()]).toEqual(['pulse_src']);
  });

  it('sets no cookie without a click id (and not Secure on http); later pages keep the landing source', () => {
    const first = run('http://shop.example/', { referrer: 'https://chatgpt.com/' });
    expect(first.cookies).toEqual([]);
    const later = run('http://shop.example/checkout', { referrer: 'http://shop.example/', session: Object.fromEntries(first.session) });
    expect(later.fetches[0].body).toMatchObject({ referrer: 'https://chatgpt.com/' });
    const back = run(`http://shop.example/?pulse_cid=${CID}`);
    expect(back.cookies[0]).toBe(`pulse_cid=${CID}; Max-Age=604800; Path=/; SameSite=Lax`);
  });

  it('sends conversions (queued before load too) by beacon with the kept click id', () => {
    const r = run('https://shop.example/thanks', { cookie: `pulse_cid=${CID}`, queued: [['conversion', { goal: 'purchase', value: '49.95', orderId: 1001, currency: 'eur' }]] });
    r.pulse('conversion', { goal: 'sign-up', email: 'ada@example.com' });
    r.pulse('nonsense', {});
    expect(r.beacons.map((b) => b.body)).toEqual([
      { type: 'conversion', site: 'a'.repeat(32), url: 'https://shop.example/thanks', clickId: CID, goal: 'purchase', value: 49.95, currency: 'EUR', orderId: '1001' },
      { type: 'conversion', site: 'a'.repeat(32), url: 'https://shop.example/thanks', clickId: CID, goal: 'sign-up', email: 'ada@example.com' },
    ]);
  });
});
