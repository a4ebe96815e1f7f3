-- Administration (issue 14) and token lifetimes (issue 11): staff can be deactivated and queues
-- archived; tokens get an id (administration lists and revokes display and integration tokens
-- by id) and the time they were last used. SQLite cannot add a key to a WITHOUT ROWID table, so
-- tokens is rebuilt with its rows.
ALTER TABLE staff ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE queues ADD COLUMN archived INTEGER NOT NULL DEFAULT 0;

CREATE TABLE tokens_v9 (
    id           INTEGER PRIMARY KEY,
    hash         BLOB NOT NULL UNIQUE,
    kind         TEXT NOT NULL CHECK (kind IN ('staff', 'display', 'contact', 'integration')),
    staff_id     INTEGER REFERENCES staff(id),
    chat_id      INTEGER REFERENCES chats(id),
    contact_id   INTEGER REFERENCES contacts(id),
    label        TEXT NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER,  -- NULL: does not expire
    last_used_at INTEGER   -- display and integration tokens, to the minute
);
INSERT INTO tokens_v9 (hash, kind, staff_id, chat_id, contact_id, label, created_at, expires_at)
    SELECT hash, kind, staff_id, chat_id, contact_id, label, created_at, expires_at FROM tokens;
DROP TABLE tokens;
ALTER TABLE tokens_v9 RENAME TO tokens;
CREATE INDEX tokens_by_staff ON tokens(staff_id);
CREATE INDEX tokens_by_kind ON tokens(kind, id);

CREATE INDEX audit_by_actor ON audit(actor_id, id);
CREATE INDEX audit_by_action ON audit(action, id);
