-- reply.only-to = correspondents: whom each mailbox's owner has written to, learned from the To,
-- Cc and Bcc of the Sent folder (never our own auto-replies). Instants are epoch milliseconds:
-- when the owner first and last wrote to the address, as far as the Sent folder shows it.
CREATE TABLE correspondent (
    mailbox     VARCHAR(200) NOT NULL,
    address     VARCHAR(500) NOT NULL,  -- lower-case
    first_seen  BIGINT       NOT NULL,
    last_seen   BIGINT       NOT NULL,
    CONSTRAINT correspondent_pk PRIMARY KEY (mailbox, address)
);

-- How far each mailbox's Sent folder has been read, as folder_cursor is for the watched folders:
-- its own table, so that a Sent folder that is also watched keeps two independent cursors.
CREATE TABLE sent_cursor (
    mailbox      VARCHAR(200)  NOT NULL,
    folder       VARCHAR(1000) NOT NULL,
    uidvalidity  BIGINT        NOT NULL,
    last_uid     BIGINT        NOT NULL,
    updated_at   BIGINT        NOT NULL,
    CONSTRAINT sent_cursor_pk PRIMARY KEY (mailbox, folder)
);
