import { useTranslations } from 'next-intl';
import { Alert } from '@/components/ui/alert';
import type { Role } from '@/lib/db/schema';

export function ReadOnlyContacts({ role }: { role: Role }) {
  const t = useTranslations();
  return <Alert tone="info">{t('contacts.readOnly', { role: t(`roles.${role}`) })}</Alert>;
}
