-- Limit counters (store.h, "Limit counters"), as in the SQLite store's 008: rate limits on the
-- public side and failed-login delays, shared by every instance of a cluster.
CREATE TABLE limit_counters (
    key        TEXT PRIMARY KEY,
    count      BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX limit_counters_expiry ON limit_counters(expires_at);
