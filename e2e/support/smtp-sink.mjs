// A real SMTP listener for the e2e run: every accepted message is parsed and written as JSON to
// e2e/.mail/, where specs read it (see e2e/support/mail.ts).
import fs from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

const dir = path.resolve('e2e/.mail');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
let seq = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const record = {
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          subject: mail.subject ?? '',
          text: mail.text ?? '',
          html: typeof mail.html === 'string' ? mail.html : '',
          // Raw header lines (mailparser folds List-* headers into a structured `list` object).
          headers: Object.fromEntries(mail.headerLines.map((h) => [h.key, h.line.slice(h.line.indexOf(':') + 1).trim()])),
          receivedAt: new Date().toISOString(),
        };
        fs.writeFileSync(path.join(dir, `${Date.now()}-${++seq}.json`), JSON.stringify(record, null, 2));
        callback();
      })
      .catch(callback);
  },
});
server.listen(Number(process.env.SMTP_SINK_PORT || 2526), '127.0.0.1', () => {
  console.log(`[smtp-sink] listening on ${process.env.SMTP_SINK_PORT || 2526}`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
