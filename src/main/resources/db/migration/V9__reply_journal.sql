-- How far each reply journal (the embedded H2 store's write-ahead record of the reply protocol,
-- see ReplyJournal) is applied to the tables: the last entry whose changes they hold. Written in
-- the same transaction as those changes, so that replaying a journal after a crash applies each
-- entry exactly once. Unused on PostgreSQL, whose every commit is durable by itself.
CREATE TABLE reply_journal (
    journal  VARCHAR(64)  NOT NULL PRIMARY KEY,
    applied  BIGINT       NOT NULL
);
