-- One owner per mailbox (DESIGN §6): the process that passes over a mailbox holds its lease,
-- renews it while it works, and loses it when it stops renewing. Instants are epoch milliseconds.
CREATE TABLE mailbox_lease (
    mailbox        VARCHAR(200) NOT NULL,
    owner          VARCHAR(200) NOT NULL,  -- one token per acquisition
    host           VARCHAR(255) NOT NULL,
    pid            BIGINT       NOT NULL,
    process_start  BIGINT       NOT NULL,  -- tells a live holder from a dead one whose pid was reused
    command        VARCHAR(20)  NOT NULL,  -- run, once
    acquired_at    BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL,
    CONSTRAINT mailbox_lease_pk PRIMARY KEY (mailbox)
);

-- A pending reply names the lease it was recorded under (only a later holder settles it) and the
-- message it answers (so that settling it records the decision about that message).
ALTER TABLE reply_log ADD COLUMN owner VARCHAR(200) DEFAULT '' NOT NULL;
ALTER TABLE reply_log ADD COLUMN folder VARCHAR(1000);
ALTER TABLE reply_log ADD COLUMN uid BIGINT;
CREATE INDEX reply_log_pending_ix ON reply_log (mailbox, status);

-- A failure is either retried on a later pass (a 4xx, a server down) or final (a 5xx, an address
-- no server takes, a reply that cannot be built); only a retried one leaves the message undecided.
ALTER TABLE decision_log ADD COLUMN retried BOOLEAN DEFAULT FALSE NOT NULL;
UPDATE decision_log SET retried = TRUE WHERE decision = 'failed' AND reason NOT LIKE '%not retried%';
