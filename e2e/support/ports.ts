export const E2E_PORTS = { postgresApp: 3100, pgliteApp: 3101, smtp: 2526 } as const;
export const MAIL_DIR = 'e2e/.mail';
