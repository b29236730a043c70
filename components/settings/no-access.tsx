import { ShieldAlert } from 'lucide-react';
import { getTranslations } from 'next-intl/server';
import { EmptyState } from '@/components/ui/empty-state';

export async function NoAccess() {
  const t = await getTranslations('common');
  return <EmptyState icon={ShieldAlert} title={t('noAccessTitle')} body={t('noAccessBody')} />;
}
