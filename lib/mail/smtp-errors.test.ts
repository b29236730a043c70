import { describe, expect, it } from 'vitest';
import { smtpFailure, smtpFailureKey } from './smtp-errors';

const err = (message: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(message), extra);

describe('smtpFailure', () => {
  it.each([
    ['private host', err('SMTP host is not a public address', { code: 'EPRIVATE' }), 'blocked'],
    ['DNS (nodemailer)', err('getaddrinfo ENOTFOUND smtp.nowhere.test', { code: 'EDNS' }), 'hostNotFound'],
    ['DNS (socket)', err('getaddrinfo ENOTFOUND x', { code: 'ENOTFOUND' }), 'hostNotFound'],
    ['DNS try again', err('getaddrinfo EAI_AGAIN x', { code: 'EAI_AGAIN' }), 'hostNotFound'],
    ['refused (socket)', err('connect ECONNREFUSED 203.0.113.5:25', { code: 'ECONNREFUSED', syscall: 'connect' }), 'refused'],
    ['refused (nodemailer)', err('connect ECONNREFUSED 203.0.113.5:25', { code: 'ESOCKET' }), 'refused'],
    ['unreachable', err('connect EHOSTUNREACH 203.0.113.5:25', { code: 'EHOSTUNREACH' }), 'refused'],
    ['connect timeout', err('Connection timeout', { code: 'ETIMEDOUT' }), 'timeout'],
    ['greeting timeout', err('Greeting never received', { code: 'ETIMEDOUT' }), 'timeout'],
    ['auth', err('Invalid login: 535 5.7.8 Authentication failed', { code: 'EAUTH', responseCode: 535 }), 'auth'],
    ['TLS', err('Error initiating TLS - wrong version number', { code: 'ETLS' }), 'tls'],
    ['certificate', err('self-signed certificate', { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }), 'tls'],
    ['SSH banner', err('Invalid greeting. response=SSH-2.0-OpenSSH_9.6 TLS timeout ECONNREFUSED', { code: 'EPROTOCOL' }), 'notSmtp'],
    ['5xx', err('550 5.1.1 no such user', { code: 'EENVELOPE', responseCode: 550 }), 'rejected'],
    ['reset', err('read ECONNRESET', { code: 'ECONNRESET' }), 'lost'],
    ['anything else', err('boom'), 'failed'],
    ['not an error', 'a string', 'failed'],
  ])('%s → %s', (_label, error, key) => {
    expect(smtpFailure(error)).toBe(key);
  });

  it('never passes unknown stored text through', () => {
    expect(smtpFailureKey('SSH-2.0-OpenSSH_9.6')).toBe('failed');
    expect(smtpFailureKey('auth')).toBe('auth');
    expect(smtpFailureKey(null)).toBe('failed');
  });
});
