-- While the owner is away, a replied client mail may also be redirected to stand-ins. Each such
-- forward is a row of its own: PLANNED in the same commit as its reply's pending row, then
-- PENDING, SENT like a reply. Only replies count for the policy's limits (once per window,
-- min-interval, max-per-hour).
ALTER TABLE reply_log ADD COLUMN kind VARCHAR(10) DEFAULT 'reply' NOT NULL;
ALTER TABLE reply_log ADD COLUMN forward_of VARCHAR(2000);
ALTER TABLE reply_log DROP CONSTRAINT reply_log_status_ck;
ALTER TABLE reply_log ADD CONSTRAINT reply_log_status_ck CHECK (
    (status IN ('PENDING', 'PLANNED') AND sent_at IS NULL) OR (status = 'SENT' AND sent_at IS NOT NULL));
