import { afterEach, describe, expect, it } from 'vitest';
import { isPublicAddress, parseIpLiteral, resolveSmtpHost, SmtpAddressRefused } from './smtp-guard';

/** Hosts that must never be reached from a workspace's SMTP settings, in the spellings attackers use. */
const REFUSED = [
  '127.0.0.1', '127.1', '127.0.1', '2130706433', '0x7f000001', '0x7f.0.0.1', '0177.0.0.1', '017700000001', '127.255.255.254',
  '0', '0.0.0.0', '00', '10.0.0.1', '012.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1', '3232235777', '0xc0a80101',
  '169.254.169.254', '2852039166', '0xa9fea9fe', '100.64.0.1', '100.100.100.200', '224.0.0.1', '239.255.255.250', '255.255.255.255',
  '192.0.2.1', '198.18.0.1', '240.0.0.1',
  '::1', '[::1]', '::', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1', '[::ffff:127.0.0.1]', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254',
  '::127.0.0.1', 'fe80::1', 'fe80::1%eth0', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '64:ff9b::7f00:1', '2002:7f00:1::', '2001::1', '2001:db8::1',
];
const PUBLIC = ['8.8.8.8', '1.1.1.1', '93.184.216.34', '2001:4860:4860::8888', '2a00:1450:4001:82b::200e', '::ffff:8.8.8.8', '134744072'];

describe('SMTP host guard', () => {
  const saved = process.env.PULSE_SMTP_ALLOW_PRIVATE;
  afterEach(() => {
    if (saved === undefined) delete process.env.PULSE_SMTP_ALLOW_PRIVATE;
    else process.env.PULSE_SMTP_ALLOW_PRIVATE = saved;
  });

  it.each(REFUSED)('refuses %j', async (host) => {
    delete process.env.PULSE_SMTP_ALLOW_PRIVATE;
    expect(parseIpLiteral(host)).not.toBeNull();
    expect(isPublicAddress(parseIpLiteral(host)!)).toBe(false);
    await expect(resolveSmtpHost(host)).rejects.toBeInstanceOf(SmtpAddressRefused);
  });

  it.each(PUBLIC)('lets the public address %j through', async (host) => {
    delete process.env.PULSE_SMTP_ALLOW_PRIVATE;
    await expect(resolveSmtpHost(host)).resolves.toHaveLength(1);
  });

  it('refuses names that resolve to a private address (localhost)', async () => {
    delete process.env.PULSE_SMTP_ALLOW_PRIVATE;
    await expect(resolveSmtpHost('localhost')).rejects.toBeInstanceOf(SmtpAddressRefused);
  });

  it('connects to the canonical address it checked, and allows private ones only when the operator says so', async () => {
    process.env.PULSE_SMTP_ALLOW_PRIVATE = 'true';
    expect(await resolveSmtpHost('0x7f000001')).toEqual(['127.0.0.1']);
    expect(await resolveSmtpHost('[::ffff:127.0.0.1]')).toEqual(['127.0.0.1']);
    process.env.PULSE_SMTP_ALLOW_PRIVATE = 'yes';
    await expect(resolveSmtpHost('127.0.0.1')).rejects.toBeInstanceOf(SmtpAddressRefused);
  });

  it('is not fooled by names that only look like numbers', () => {
    expect(parseIpLiteral('smtp.example.com')).toBeNull();
    expect(parseIpLiteral('127.0.0.1.nip.io')).toBeNull();
  });
});
