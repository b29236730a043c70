import { Link2, Mail, MessageSquareHeart, Repeat, Users, type LucideIcon } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { getPageContext } from '@/lib/workspaces/page-context';

const ICONS: Record<Section, LucideIcon> = {
  campaigns: Mail,
  surveys: MessageSquareHeart,
  sequences: Repeat,
  links: Link2,
  contacts: Users,
};
type Section = 'campaigns' | 'surveys' | 'sequences' | 'links' | 'contacts';

/** An honest empty state for a section that has not landed yet: no sample numbers. */
export async function ComingSoon({ slug, section }: { slug: string; section: Section }) {
  await getPageContext(slug);
  const t = await getTranslations();
  return (
    <>
      <PageHeader title={t(`nav.${section}`)} />
      <EmptyState icon={ICONS[section]} title={t(`empty.${section}.title`)} body={t(`empty.${section}.body`)}>
        <p className="text-xs font-medium uppercase tracking-wide text-zinc-500">{t('empty.comingSoon')}</p>
      </EmptyState>
    </>
  );
}
