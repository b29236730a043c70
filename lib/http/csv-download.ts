/**
 * A CSV download streamed line by line from `rows`. `head` holds what the route already read: the
 * first read runs the report's guard (another workspace's id fails there, before a byte is sent).
 */
export function csvDownload(head: string[], rows: AsyncIterator<string>, fileName: string): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const line of head) controller.enqueue(encoder.encode(line));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${fileName}"`,
      'Cache-Control': 'no-store',
    },
  });
}
