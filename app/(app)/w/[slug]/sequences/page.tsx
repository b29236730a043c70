import { ComingSoon } from '@/components/shell/coming-soon';
import type { SlugParams } from '@/lib/workspaces/page-context';

export default async function Page({ params }: SlugParams) {
  return <ComingSoon slug={(await params).slug} section="sequences" />;
}
