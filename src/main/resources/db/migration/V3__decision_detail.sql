-- What triggered a decision, e.g. the List-Id header of a LIST_MAIL skip: shown by `history`.
ALTER TABLE decision_log ADD COLUMN detail VARCHAR(2000) DEFAULT '' NOT NULL;
