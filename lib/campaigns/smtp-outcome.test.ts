import type { Transporter } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { neverHandedOver, sendOutcome } from './smtp-outcome';

const err = (message: string, fields: Record<string, unknown> = {}) => Object.assign(new Error(message), fields);
const mail = { to: 'a@example.test', subject: 's', html: '<p>h</p>', text: 't', headers: {}, messageId: '<m@x>' };
const row = { id: 7, token: 'w#1' };
const transport = (fail?: Error) => ({
  kind: 'smtp' as const,
  from: 'n@example.test',
  replyTo: null,
  transporter: { sendMail: async () => (fail ? Promise.reject(fail) : { accepted: [mail.to] }) } as unknown as Transporter,
});

describe('SMTP outcome (at most once)', () => {
  it.each([
    ['refused TCP connect', err('connect ECONNREFUSED 127.0.0.1:25', { code: 'ESOCKET', syscall: 'connect' }), true],
    ['DNS failure', err('getaddrinfo ENOTFOUND smtp.example', { code: 'EDNS' }), true],
    ['login refused', err('Invalid login: 535 5.7.8', { code: 'EAUTH', responseCode: 535 }), true],
    ['connect timeout', err('Connection timeout', { code: 'ETIMEDOUT' }), true],
    ['no greeting', err('Greeting never received', { code: 'ETIMEDOUT' }), true],
    ['recipient rejected', err('Can\'t send mail - all recipients were rejected: 550 no such user', { code: 'EENVELOPE', responseCode: 550 }), false],
    ['connection lost mid-transaction', err('Connection closed unexpectedly', { code: 'ECONNECTION' }), false],
    ['reply timeout', err('Timeout', { code: 'ETIMEDOUT' }), false],
  ])('%s → handed over? %s', (_label, error, never) => {
    expect(neverHandedOver(error)).toBe(never);
  });

  it.each([
    ['accepted', undefined, { status: 'sent' }],
    ['unreachable → back to pending', err('connect ECONNREFUSED 127.0.0.1:25', { syscall: 'connect' }), { status: 'pending' }],
    ['5xx → failed', err('550 no such user', { responseCode: 550 }), { status: 'failed', error: 'rejected' }],
    ['4xx → failed (not accepted)', err('451 try later', { responseCode: 451 }), { status: 'failed', error: 'rejected' }],
    ['ambiguous → unknown, never resent', err('Connection closed unexpectedly', { code: 'ECONNECTION' }), { status: 'unknown', error: 'lost' }],
  ])('%s', async (_label, fail, expected) => {
    expect(await sendOutcome(transport(fail), mail, row)).toEqual({ ...row, ...expected });
  });
});
