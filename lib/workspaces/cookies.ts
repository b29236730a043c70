/** Remembers the last opened workspace so `/` can return to it. Holds a slug, never trusted alone. */
export const LAST_WORKSPACE_COOKIE = 'pulse-workspace';
