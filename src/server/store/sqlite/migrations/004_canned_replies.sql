-- Switchboard schema, version 4: canned replies (PRODUCT.md E12), saved answers staff insert by
-- typing "/" and a shortcut. owner_staff_id NULL: shared with the whole team (supervisors and
-- admins manage them); else personal to that staff member. A shortcut is unique among shared
-- replies and unique per owner among personal ones, so a personal reply may shadow a shared one.
-- The domain checks this first (a clear 409); the indexes make it true whatever the caller.
CREATE TABLE canned_replies (
    id             INTEGER PRIMARY KEY,
    shortcut       TEXT NOT NULL CHECK (length(shortcut) BETWEEN 1 AND 32),
    body           TEXT NOT NULL,
    owner_staff_id INTEGER REFERENCES staff(id),
    created_by     INTEGER NOT NULL REFERENCES staff(id),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);
CREATE UNIQUE INDEX canned_shared_shortcut ON canned_replies(shortcut)
    WHERE owner_staff_id IS NULL;
CREATE UNIQUE INDEX canned_personal_shortcut ON canned_replies(owner_staff_id, shortcut)
    WHERE owner_staff_id IS NOT NULL;
