// lib/crypto derives its key from AUTH_SECRET; a fixed test value keeps ciphertexts reproducible per run.
process.env.AUTH_SECRET ||= 'pulse-integration-test-secret-not-for-production';
// Test SMTP listeners run on 127.0.0.1, which a workspace's SMTP host may only use when allowed
// (lib/mail/smtp-guard); tests of the guard itself switch it off.
process.env.PULSE_SMTP_ALLOW_PRIVATE ||= 'true';
