-- Invitation mails already in the outbox carry a one-time link: mask them like new ones.
UPDATE "mail_messages" SET "sensitive" = true WHERE "kind" = 'invitation';
