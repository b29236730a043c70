// lib/crypto derives its key from AUTH_SECRET; a fixed test value keeps ciphertexts reproducible per run.
process.env.AUTH_SECRET ||= 'pulse-integration-test-secret-not-for-production';
