import type { SurveyGroup } from '@/lib/db/schema';

/** Bar colours per group (the text beside each bar always names the group: colour is never the only signal). */
export const GROUP_COLORS: Record<SurveyGroup, string> = { promoter: '#059669', passive: '#d97706', detractor: '#dc2626' };
export const GROUP_ORDER: readonly SurveyGroup[] = ['promoter', 'passive', 'detractor'];
export const GROUP_BADGE = { promoter: 'success', passive: 'warning', detractor: 'danger' } as const;
