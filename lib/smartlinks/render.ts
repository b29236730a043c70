import type { SmartlinkTheme } from '@/lib/db/schema/smartlinks/constants';
import { BUTTON_RADIUS, themeColors } from './theme';

/**
 * The public SmartLink page: one self-contained HTML document (inline CSS, no script, nothing
 * loaded but the https images the team chose), readable on a phone, usable by keyboard and
 * screen reader. Every item is a plain link through the tracked redirect /l/<slug>/go/<id>.
 */
export type SmartlinkPageLocale = 'en' | 'nl';

const TEXT = {
  en: { links: 'Links', video: 'Video', poweredBy: 'Made with Pulse', notFoundTitle: 'Page not found', notFoundBody: 'This page does not exist or is not published.', errorTitle: 'Something went wrong', errorBody: 'Please try again in a moment.' },
  nl: { links: 'Links', video: 'Video', poweredBy: 'Gemaakt met Pulse', notFoundTitle: 'Pagina niet gevonden', notFoundBody: 'Deze pagina bestaat niet of is niet gepubliceerd.', errorTitle: 'Er ging iets mis', errorBody: 'Probeer het zo nog eens.' },
} as const;

export const pageLocaleOf = (locale: string | null | undefined): SmartlinkPageLocale => (locale === 'nl' ? 'nl' : 'en');

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESC[c]);

export interface RenderItem {
  id: number;
  kind: 'button' | 'image' | 'video';
  label: string;
  imageUrl: string | null;
}

export interface RenderModel {
  slug: string;
  title: string;
  bio: string | null;
  avatarUrl: string | null;
  theme: SmartlinkTheme;
  locale: SmartlinkPageLocale;
  items: RenderItem[];
  /** Absolute URL of the page, for og:url; null when the base URL is unknown. */
  canonical: string | null;
}

function initials(title: string): string {
  const parts = title.split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts[1]?.[0] ?? '')).toUpperCase() || '•';
}

function css(theme: SmartlinkTheme): string {
  const c = themeColors(theme);
  const r = BUTTON_RADIUS[theme.buttonStyle] ?? BUTTON_RADIUS.rounded;
  return `*{box-sizing:border-box}html{-webkit-text-size-adjust:100%}body{margin:0;min-height:100vh;background:${c.background};color:${c.text};font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:36rem;margin:0 auto;padding:2.5rem 1rem 2rem;text-align:center}
.av{width:96px;height:96px;border-radius:50%;object-fit:cover;display:block;margin:0 auto 1rem;background:${c.accent};color:${c.onAccent};font-size:2rem;font-weight:700;line-height:96px}
h1{font-size:1.5rem;line-height:1.25;margin:0 0 .5rem;overflow-wrap:anywhere}.bio{color:${c.muted};margin:0 0 1.5rem;overflow-wrap:anywhere;white-space:pre-line}
ul{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
a.b{display:flex;align-items:center;justify-content:center;gap:.5rem;min-height:3rem;padding:.75rem 1rem;border-radius:${r};background:${c.accent};color:${c.onAccent};font-weight:600;text-decoration:none;overflow-wrap:anywhere}
a.i{display:block;border-radius:${r === '999px' ? '24px' : r};overflow:hidden;color:${c.text};text-decoration:none;background:${c.background};outline-offset:3px}
a.i img{display:block;width:100%;height:auto;aspect-ratio:16/9;object-fit:cover}a.i span{display:block;padding:.5rem;font-weight:600}
a:focus-visible{outline:3px solid ${c.text};outline-offset:3px}a.b:hover{filter:brightness(1.08)}
footer{margin-top:2.5rem;font-size:.8125rem;color:${c.muted}}`;
}

function itemHtml(slug: string, item: RenderItem, locale: SmartlinkPageLocale): string {
  const href = `/l/${esc(slug)}/go/${item.id}`;
  const label = esc(item.label);
  if (item.kind === 'image' && item.imageUrl) {
    return `<li><a class="i" href="${href}"><img src="${esc(item.imageUrl)}" alt="${label}" loading="lazy" width="640" height="360"></a></li>`;
  }
  if (item.kind === 'video') {
    const thumb = item.imageUrl ? `<img src="${esc(item.imageUrl)}" alt="" loading="lazy" width="640" height="360">` : '';
    if (thumb) return `<li><a class="i" href="${href}">${thumb}<span>▶ ${label} <span class="v">(${TEXT[locale].video})</span></span></a></li>`;
    return `<li><a class="b" href="${href}"><span aria-hidden="true">▶</span> ${label}</a></li>`;
  }
  return `<li><a class="b" href="${href}">${label}</a></li>`;
}

export function renderSmartlinkPage(m: RenderModel): string {
  const t = TEXT[m.locale];
  const title = esc(m.title);
  const bio = m.bio ? esc(m.bio) : '';
  const avatar = m.avatarUrl
    ? `<img class="av" src="${esc(m.avatarUrl)}" alt="" width="96" height="96">`
    : `<div class="av" aria-hidden="true">${esc(initials(m.title))}</div>`;
  const og = [
    `<meta property="og:type" content="website">`,
    `<meta property="og:title" content="${title}">`,
    bio ? `<meta property="og:description" content="${bio}"><meta name="description" content="${bio}">` : '',
    m.avatarUrl ? `<meta property="og:image" content="${esc(m.avatarUrl)}">` : '',
    m.canonical ? `<meta property="og:url" content="${esc(m.canonical)}"><link rel="canonical" href="${esc(m.canonical)}">` : '',
    `<meta name="twitter:card" content="summary">`,
  ].join('');
  return `<!doctype html>
<html lang="${m.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title>${og}<meta name="theme-color" content="${themeColors(m.theme).background}"><style>${css(m.theme)}</style></head>
<body><main>${avatar}<h1>${title}</h1>${bio ? `<p class="bio">${bio}</p>` : ''}
<nav aria-label="${t.links}"><ul>${m.items.map((i) => itemHtml(m.slug, i, m.locale)).join('')}</ul></nav>
<footer>${t.poweredBy}</footer></main></body></html>`;
}

export function renderProblemPage(locale: SmartlinkPageLocale, kind: 'notFound' | 'error'): string {
  const t = TEXT[locale];
  const [title, body] = kind === 'notFound' ? [t.notFoundTitle, t.notFoundBody] : [t.errorTitle, t.errorBody];
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${title}</title><style>body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#f4f4f5;color:#18181b}main{max-width:32rem;margin:15vh auto;padding:0 1rem;text-align:center}h1{font-size:1.5rem}</style></head>
<body><main><h1>${title}</h1><p>${body}</p></main></body></html>`;
}
