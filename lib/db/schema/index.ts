export * from './auth';
export * from './workspaces';
export * from './mail';
export * from './audit';
export * from './contacts';
export * from './campaigns';
export * from './jobs';
export * from './webhooks';
