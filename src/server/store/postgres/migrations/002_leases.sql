-- Presence leases (store.h, "Presence leases"), as in the SQLite store's 007: which instance
-- holds which staff member's presence, and until when (epoch ms, the database server's clock).
CREATE TABLE presence_leases (
    instance TEXT NOT NULL,
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    until    BIGINT NOT NULL,
    PRIMARY KEY (instance, staff_id)
);
CREATE INDEX presence_leases_staff ON presence_leases(staff_id);

-- Named leases (store.h, hold_lease): one holder at a time for work that exactly one instance of
-- a cluster must do, such as delivering webhooks.
CREATE TABLE leases (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  BIGINT NOT NULL
);
