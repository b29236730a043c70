/**
 * The browser snippet served at GET /c/pulse.js: hand-written ES5, no dependencies, ~2 kB.
 *
 * What it keeps in the visitor's browser (and nothing else; no fingerprinting):
 *  - cookie `pulse_cid` (first-party, on the customer's own site): the latest click id a tracked
 *    redirect appended to the landing URL (last click wins), Max-Age = the workspace's attribution
 *    window, SameSite=Lax, Secure on https. Without a click id no cookie is set.
 *  - sessionStorage `pulse_src`: the session's landing referrer and utm_source/utm_medium, so a
 *    conversion on a later page keeps the source; gone when the tab closes.
 * It removes `pulse_cid` from the address bar (history.replaceState) so a shared URL does not carry it.
 * It sends a page view on load and `pulse('conversion', {goal, value, currency, orderId, email})`
 * calls (queued ones too) to POST /c/collect as text/plain JSON: a CORS "simple" request, no preflight.
 */
export const SNIPPET_JS = `/* Pulse conversion snippet: stores only the pulse_cid cookie (attribution) and the session's landing source (sessionStorage). */
(function (w, d) {
  'use strict';
  var s = d.currentScript || d.querySelector('script[data-site][src*="/c/pulse.js"]');
  if (!s || w.__pulseLoaded) return;
  w.__pulseLoaded = 1;
  var site = s.getAttribute('data-site') || '';
  var endpoint = s.src.replace(/\\/c\\/pulse\\.js.*$/, '/c/collect');
  var loc = w.location;
  var q = new URLSearchParams(loc.search);
  var cid = q.get('pulse_cid');
  var days = 7;
  function setCookie(v, maxAge) {
    d.cookie = 'pulse_cid=' + v + '; Max-Age=' + maxAge + '; Path=/; SameSite=Lax' + (loc.protocol === 'https:' ? '; Secure' : '');
  }
  function readCookie() {
    var m = /(?:^|;\\s*)pulse_cid=([A-Za-z0-9_.-]+)/.exec(d.cookie);
    return m ? m[1] : null;
  }
  if (cid && /^[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{16}$/.test(cid)) {
    setCookie(cid, days * 86400);
    try {
      q.delete('pulse_cid');
      var rest = q.toString();
      w.history.replaceState(w.history.state, '', loc.pathname + (rest ? '?' + rest : '') + loc.hash);
    } catch (e) {}
  } else cid = null;
  var src = null;
  try { src = JSON.parse(w.sessionStorage.getItem('pulse_src') || 'null'); } catch (e) {}
  var ref = d.referrer, refHost = '';
  try { refHost = ref ? new URL(ref).host : ''; } catch (e) {}
  if (!src || q.get('utm_source') || cid || (refHost && refHost !== loc.host)) {
    src = { r: refHost === loc.host ? '' : ref, s: q.get('utm_source') || '', m: q.get('utm_medium') || '' };
    try { w.sessionStorage.setItem('pulse_src', JSON.stringify(src)); } catch (e) {}
  }
  function base(type) {
    var o = { type: type, site: site, url: loc.href.slice(0, 2000) };
    if (src.r) o.referrer = src.r.slice(0, 2000);
    if (src.s) o.utmSource = src.s.slice(0, 100);
    if (src.m) o.utmMedium = src.m.slice(0, 100);
    var c = readCookie();
    if (c) o.clickId = c;
    return o;
  }
  function post(o, beacon) {
    var body = JSON.stringify(o);
    if (beacon && w.navigator.sendBeacon) {
      try { if (w.navigator.sendBeacon(endpoint, new Blob([body], { type: 'text/plain' }))) return null; } catch (e) {}
    }
    try { return w.fetch(endpoint, { method: 'POST', body: body, keepalive: true, credentials: 'omit', headers: { 'content-type': 'text/plain' } }); } catch (e) { return null; }
  }
  function pulse(cmd, p) {
    if (cmd !== 'conversion' || !p || !p.goal) return;
    var o = base('conversion');
    o.goal = String(p.goal);
    if (p.value != null && p.value !== '') o.value = Number(p.value);
    if (p.currency) o.currency = String(p.currency).toUpperCase();
    if (p.orderId != null && p.orderId !== '') o.orderId = String(p.orderId);
    if (p.email) o.email = String(p.email);
    post(o, true);
  }
  var queued = (w.pulse && w.pulse.q) || [];
  w.pulse = pulse;
  var v = post(base('view'), false);
  if (v && v.then) v.then(function (r) { return r.ok ? r.json() : null; }).then(function (j) {
    if (j && j.window > 0) { days = j.window; var c = cid || readCookie(); if (cid && c) setCookie(c, days * 86400); }
  }).catch(function () {});
  for (var i = 0; i < queued.length; i++) pulse.apply(null, queued[i]);
})(window, document);
`;
