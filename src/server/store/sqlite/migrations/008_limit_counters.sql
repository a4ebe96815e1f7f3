-- Limit counters (store.h, "Limit counters"): rate limits on the public side and failed-login
-- delays, shared by every process that opens this database.
CREATE TABLE limit_counters (
    key        TEXT PRIMARY KEY,
    count      INTEGER NOT NULL,
    at         INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX limit_counters_expiry ON limit_counters(expires_at);
