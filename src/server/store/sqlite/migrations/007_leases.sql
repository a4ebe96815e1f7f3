-- Presence leases (store.h, "Presence leases"): which instance holds which staff member's
-- presence, and until when (epoch ms). Staff shown online or away whom no lease holds go offline.
CREATE TABLE presence_leases (
    instance TEXT NOT NULL,
    staff_id INTEGER NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    until    INTEGER NOT NULL,
    PRIMARY KEY (instance, staff_id)
) WITHOUT ROWID;
CREATE INDEX presence_leases_staff ON presence_leases(staff_id);

-- Named leases (store.h, hold_lease): one holder at a time for work that exactly one instance of
-- a cluster must do, such as delivering webhooks.
CREATE TABLE leases (
    name   TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    until  INTEGER NOT NULL
) WITHOUT ROWID;
