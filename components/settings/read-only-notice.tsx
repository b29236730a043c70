import { getTranslations } from 'next-intl/server';
import { Alert } from '@/components/ui/alert';
import type { Role } from '@/lib/db/schema';

export async function ReadOnlyNotice({ role }: { role: Role }) {
  const t = await getTranslations();
  return (
    <Alert tone="info" className="mb-6">
      {t('common.readOnlyNotice', { role: t(`roles.${role}`) })}
    </Alert>
  );
}
