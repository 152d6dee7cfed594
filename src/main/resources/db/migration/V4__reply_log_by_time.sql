-- reply.max-per-hour counts a mailbox's replies of the last hour.
CREATE INDEX reply_log_mailbox_created_ix ON reply_log (mailbox, created_at);
