import type { SmartlinkTheme } from '@/lib/db/schema/smartlinks/constants';
import { BUTTON_RADIUS, themeColors } from '@/lib/smartlinks/theme';

export interface PreviewItem {
  key: string;
  kind: 'button' | 'image' | 'video';
  label: string;
  imageUrl: string;
}

const httpsOnly = (u: string) => (/^https:\/\/[^\s"']+$/i.test(u.trim()) ? u.trim() : null);

/**
 * The builder's live preview: the public page's layout and colours (lib/smartlinks/render) as
 * React, inside a phone-sized frame. Links are inert here (no visit, no click is recorded).
 */
export function SmartlinkPreview({ title, bio, avatarUrl, theme, items, label }: { title: string; bio: string; avatarUrl: string; theme: SmartlinkTheme; items: PreviewItem[]; label: string }) {
  const c = themeColors(theme);
  const radius = BUTTON_RADIUS[theme.buttonStyle];
  const avatar = httpsOnly(avatarUrl);
  const initials = (title.split(/\s+/).filter(Boolean).slice(0, 2).map((w) => w[0]).join('') || '•').toUpperCase();
  return (
    <div role="group" aria-label={label} className="mx-auto w-full max-w-[22rem] overflow-hidden rounded-[2rem] border-8 border-zinc-800 shadow-lg" data-testid="smartlink-preview">
      <div style={{ background: c.background, color: c.text }} className="min-h-[32rem] px-4 pb-8 pt-8 text-center">
        {avatar ? (
          // eslint-disable-next-line @next/next/no-img-element -- an arbitrary https image the team chose, as on the public page
          <img src={avatar} alt="" className="mx-auto mb-3 size-20 rounded-full object-cover" />
        ) : (
          <div aria-hidden className="mx-auto mb-3 flex size-20 items-center justify-center rounded-full text-2xl font-bold" style={{ background: c.accent, color: c.onAccent }}>
            {initials}
          </div>
        )}
        <p className="break-words text-xl font-bold">{title || '…'}</p>
        {bio ? (
          <p className="mt-1 whitespace-pre-line break-words text-sm" style={{ color: c.muted }}>
            {bio}
          </p>
        ) : null}
        <ul className="mt-5 grid gap-3">
          {items.map((item) => {
            const img = httpsOnly(item.imageUrl);
            if ((item.kind === 'image' && img) || (item.kind === 'video' && img)) {
              return (
                <li key={item.key} className="overflow-hidden" style={{ borderRadius: radius === '999px' ? '24px' : radius }}>
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img src={img} alt={item.kind === 'image' ? item.label : ''} className="aspect-video w-full object-cover" />
                  {item.kind === 'video' ? <span className="block p-2 text-sm font-semibold">▶ {item.label}</span> : null}
                </li>
              );
            }
            return (
              <li key={item.key} className="flex min-h-11 items-center justify-center px-4 py-2.5 text-sm font-semibold" style={{ background: c.accent, color: c.onAccent, borderRadius: radius }}>
                {item.kind === 'video' ? '▶ ' : ''}
                {item.label || '…'}
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
