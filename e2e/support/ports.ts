/** E2E_PORT_OFFSET lets two e2e runs share a machine (e.g. a CI check beside a developer's run). */
const offset = Number(process.env.E2E_PORT_OFFSET || 0);

export const E2E_PORTS = { postgresApp: 3100 + offset, pgliteApp: 3101 + offset, smtp: 2526 + offset } as const;
export const MAIL_DIR = 'e2e/.mail';
