import type { ReactNode } from 'react';
import { Alert } from './alert';

export function FormStatus({ error, success }: { error: string | null; success?: ReactNode }) {
  if (error) return <Alert tone="error">{error}</Alert>;
  if (success) return <Alert tone="success">{success}</Alert>;
  return null;
}
