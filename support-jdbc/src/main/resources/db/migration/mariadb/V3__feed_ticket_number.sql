-- Aide & Support, schema version 3: the news feed keeps the number shown to people and can be purged
-- by age (MariaDB 10.6+, MySQL 8). Keep in step with ../postgresql/V3__feed_ticket_number.sql.

-- The request's number as people see it ("n°42"); NULL for entries written before version 3, which
-- are shown with their ticket id.
ALTER TABLE support_feed ADD COLUMN ticket_number VARCHAR(64);

-- NewsFeed.purgeOlderThan finds old entries by age.
CREATE INDEX support_feed_occurred_ix ON support_feed (occurred_at);
