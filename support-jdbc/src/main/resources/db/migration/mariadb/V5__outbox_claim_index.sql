-- Aide & Support, schema version 5: the relay's claim reads pending rows in (due_at, created_at)
-- order (MariaDB 10.6+, MySQL 8). Keep in step with ../postgresql/V5__outbox_claim_index.sql.
DROP INDEX support_outbox_due_ix ON support_outbox;
CREATE INDEX support_outbox_claim_ix ON support_outbox (state, due_at, created_at);
