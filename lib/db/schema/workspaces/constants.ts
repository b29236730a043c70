export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Higher rank may do everything a lower rank may. */
export const ROLE_RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export const INDUSTRIES = ['ecommerce', 'saas', 'media', 'b2b', 'financial'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const LOCALES = ['en', 'nl'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export const INVITATION_TTL_DAYS = 7;
