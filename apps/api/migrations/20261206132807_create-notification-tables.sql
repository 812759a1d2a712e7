-- Notifications to applicants (e-mail, SMS, Zalo) with their delivery log, and each applicant
-- account's preferred channel (issue 5).

CREATE TABLE notification (
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  dossier_id uuid,
  event text NOT NULL,
  channel text NOT NULL,
  recipient text NOT NULL,
  language text NOT NULL DEFAULT 'vi',
  subject text,
  body text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}'::jsonb,
  status text NOT NULL DEFAULT 'queued',
  attempts integer NOT NULL DEFAULT 0,
  provider_message_id text,
  last_error text,
  source_key text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  sent_at timestamptz,
  CONSTRAINT notification_pk PRIMARY KEY (id),
  CONSTRAINT notification_source_key_uq UNIQUE (source_key),
  CONSTRAINT notification_dossier_fk FOREIGN KEY (dossier_id) REFERENCES dossier (id),
  CONSTRAINT notification_channel_ck CHECK (channel IN ('email', 'sms', 'zalo')),
  CONSTRAINT notification_language_ck CHECK (language IN ('vi', 'en')),
  CONSTRAINT notification_status_ck CHECK (status IN ('queued', 'sent', 'failed', 'dead', 'skipped')),
  CONSTRAINT notification_attempts_ck CHECK (attempts >= 0)
);
CREATE INDEX notification_dossier_idx ON notification (dossier_id, created_at) WHERE dossier_id IS NOT NULL;
CREATE INDEX notification_status_idx ON notification (status, created_at);
COMMENT ON TABLE notification IS 'Delivery log of messages to applicants and other recipients: one row per message and channel, written when planned and updated by the outbox worker at each delivery attempt.';
COMMENT ON COLUMN notification.id IS 'Surrogate key; also the reference sent to the provider (idempotent repeats).';
COMMENT ON COLUMN notification.dossier_id IS 'Dossier the message is about; NULL for messages about no dossier (reports).';
COMMENT ON COLUMN notification.event IS 'What the message tells: received, supplement_requested, rescheduled, result_ready, returned, refused, stopped, or a category such as report.';
COMMENT ON COLUMN notification.channel IS 'email | sms | zalo.';
COMMENT ON COLUMN notification.recipient IS 'E-mail address(es, comma separated) or phone number it goes to.';
COMMENT ON COLUMN notification.language IS 'vi | en: language the text was rendered in.';
COMMENT ON COLUMN notification.subject IS 'E-mail subject (NULL for SMS and chat).';
COMMENT ON COLUMN notification.body IS 'Text exactly as sent (e-mail body, SMS text, or the chat template fields).';
COMMENT ON COLUMN notification.payload IS 'What the sender needs besides the text: chat template fields, attachments to add (e.g. the receipt form, file ids).';
COMMENT ON COLUMN notification.status IS 'queued (waiting for the worker) | sent | failed (will be retried) | dead (given up; an admin can replay it) | skipped (channel not configured).';
COMMENT ON COLUMN notification.attempts IS 'Delivery attempts so far.';
COMMENT ON COLUMN notification.provider_message_id IS 'Id the mail server, SMS gateway or chat platform gave the message.';
COMMENT ON COLUMN notification.last_error IS 'Error of the last failed attempt.';
COMMENT ON COLUMN notification.source_key IS 'What caused the message (outbox message id and channel, or a caller key): planning twice creates it once.';
COMMENT ON COLUMN notification.created_at IS 'When it was planned.';
COMMENT ON COLUMN notification.updated_at IS 'Last change of its delivery state.';
COMMENT ON COLUMN notification.sent_at IS 'When the provider accepted it.';

CREATE TABLE notification_preference (
  applicant_account_id uuid NOT NULL,
  channel text NOT NULL,
  updated_at timestamptz NOT NULL,
  CONSTRAINT notification_preference_pk PRIMARY KEY (applicant_account_id),
  CONSTRAINT notification_preference_account_fk FOREIGN KEY (applicant_account_id) REFERENCES applicant_account (id),
  CONSTRAINT notification_preference_channel_ck CHECK (channel IN ('email', 'sms', 'zalo'))
);
COMMENT ON TABLE notification_preference IS 'Channel an applicant account wants notifications on; without a row: e-mail if known, else SMS.';
COMMENT ON COLUMN notification_preference.applicant_account_id IS 'The applicant account.';
COMMENT ON COLUMN notification_preference.channel IS 'email | sms | zalo.';
COMMENT ON COLUMN notification_preference.updated_at IS 'When the applicant last chose.';
