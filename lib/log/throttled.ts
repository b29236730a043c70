import type { IncomingMessage } from 'node:http';
import { loggableError } from './safe-error';

/**
 * An error logger for a hot public path: one line per second at most, counting what it left out,
 * so a database outage under a flood does not flood the log too. The URL is cut to its first
 * characters: the rest is a token.
 */
export function throttledRequestLogger(tag: string, urlChars: number): (req: IncomingMessage, error: unknown) => void {
  let lastLogAt = 0;
  let suppressed = 0;
  return (req, error) => {
    const now = Date.now();
    if (now - lastLogAt < 1000) {
      suppressed++;
      return;
    }
    const more = suppressed ? ` (${suppressed} similar errors suppressed)` : '';
    lastLogAt = now;
    suppressed = 0;
    console.error(`[${tag}] ${req.method} ${(req.url ?? '').slice(0, urlChars)}… failed${more}:`, loggableError(error));
  };
}
