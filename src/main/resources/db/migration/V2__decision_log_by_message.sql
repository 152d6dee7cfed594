-- A pass held back by a failed send sees later messages again; this finds their decisions.
CREATE INDEX decision_log_message_ix ON decision_log (mailbox, folder, uid);
