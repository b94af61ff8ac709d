-- Aide & Support, schema version 5: the relay's claim reads pending rows in (due_at, created_at)
-- order. With (state, due_at) alone, rows sharing a due time (every row a transaction writes) had
-- to be read and sorted in full before the LIMIT; this index hands them out in claim order.
-- (PostgreSQL; H2 in PostgreSQL mode). Keep in step with ../mariadb/V5__outbox_claim_index.sql.
DROP INDEX support_outbox_due_ix;
CREATE INDEX support_outbox_claim_ix ON support_outbox (state, due_at, created_at);
