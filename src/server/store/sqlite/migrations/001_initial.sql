-- Switchboard schema, version 1. Times are Unix epoch milliseconds (UTC).
-- Applied once, inside one transaction, by store/sqlite/migrations.cpp.

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE queues (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE staff (
    id            INTEGER PRIMARY KEY,
    login         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
    password_hash TEXT NOT NULL,
    sign          INTEGER NOT NULL DEFAULT 0,
    presence      TEXT NOT NULL DEFAULT 'offline' CHECK (presence IN ('online', 'away', 'offline')),
    created_at    INTEGER NOT NULL
);

CREATE TABLE queue_members (
    queue_id INTEGER NOT NULL REFERENCES queues(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    PRIMARY KEY (queue_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX queue_members_by_staff ON queue_members(staff_id, queue_id);

CREATE TABLE contacts (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    email      TEXT,
    phone      TEXT,
    channel    TEXT NOT NULL DEFAULT 'web',
    created_at INTEGER NOT NULL
);

CREATE TABLE chats (
    id                   INTEGER PRIMARY KEY,
    status               TEXT NOT NULL CHECK (status IN ('pending', 'working', 'resolved')),
    queue_id             INTEGER NOT NULL REFERENCES queues(id),
    contact_id           INTEGER NOT NULL REFERENCES contacts(id),
    assignee_id          INTEGER REFERENCES staff(id),
    created_at           INTEGER NOT NULL,
    last_message_at      INTEGER NOT NULL,
    waiting_since        INTEGER,
    first_response_at    INTEGER,
    accepted_at          INTEGER,  -- first accept: wait time = accepted_at - created_at
    resolved_at          INTEGER,
    deleted              INTEGER NOT NULL DEFAULT 0,
    version              INTEGER NOT NULL DEFAULT 1,
    last_message_preview TEXT NOT NULL DEFAULT '',
    contact_msg_count    INTEGER NOT NULL DEFAULT 0  -- contact messages so far, for unread counts
);
CREATE INDEX chats_pending ON chats(status, queue_id, waiting_since, id) WHERE deleted = 0;
CREATE INDEX chats_working ON chats(status, assignee_id, last_message_at, id) WHERE deleted = 0;
CREATE INDEX chats_resolved ON chats(status, resolved_at, id) WHERE deleted = 0;
CREATE INDEX chats_by_contact ON chats(contact_id, id);
CREATE INDEX chats_created ON chats(created_at);
CREATE INDEX chats_deleted ON chats(deleted, last_message_at) WHERE deleted = 1;

CREATE TABLE chat_participants (
    chat_id  INTEGER NOT NULL REFERENCES chats(id),
    staff_id INTEGER NOT NULL REFERENCES staff(id),
    since    INTEGER NOT NULL,
    PRIMARY KEY (chat_id, staff_id)
) WITHOUT ROWID;
CREATE INDEX chat_participants_by_staff ON chat_participants(staff_id, chat_id);

-- Per-staff read state: read_count is chats.contact_msg_count when last read.
CREATE TABLE chat_reads (
    chat_id       INTEGER NOT NULL REFERENCES chats(id),
    staff_id      INTEGER NOT NULL REFERENCES staff(id),
    read_count    INTEGER NOT NULL DEFAULT 0,
    marked_unread INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, staff_id)
) WITHOUT ROWID;

CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    chat_id     INTEGER NOT NULL REFERENCES chats(id),
    kind        TEXT NOT NULL CHECK (kind IN ('text', 'note', 'system')),
    author_type TEXT NOT NULL CHECK (author_type IN ('contact', 'staff', 'system')),
    author_id   INTEGER,
    author_name TEXT,
    signed      INTEGER NOT NULL DEFAULT 0,
    body        TEXT NOT NULL,
    client_id   TEXT,
    created_at  INTEGER NOT NULL
);
CREATE INDEX messages_by_chat ON messages(chat_id, id);
CREATE UNIQUE INDEX messages_client_id
    ON messages(chat_id, author_type, ifnull(author_id, 0), client_id) WHERE client_id IS NOT NULL;

-- Search: external-content FTS5 over message bodies and contact names, kept by triggers.
CREATE VIRTUAL TABLE messages_fts USING fts5(body, content='messages', content_rowid='id');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;

CREATE VIRTUAL TABLE contacts_fts USING fts5(name, email, content='contacts', content_rowid='id');
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts(rowid, name, email) VALUES (new.id, new.name, ifnull(new.email, ''));
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE ON contacts BEGIN
    INSERT INTO contacts_fts(contacts_fts, rowid, name, email)
        VALUES ('delete', old.id, old.name, ifnull(old.email, ''));
    INSERT INTO contacts_fts(rowid, name, email) VALUES (new.id, new.name, ifnull(new.email, ''));
END;

-- Tab counts, maintained by triggers: live (not deleted) chats per status, queue and assignee
-- (0 = nobody). A count is a sum over a few rows, never a scan of chats.
CREATE TABLE chat_counts (
    status      TEXT NOT NULL,
    queue_id    INTEGER NOT NULL,
    assignee_id INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (status, queue_id, assignee_id)
) WITHOUT ROWID;
CREATE TRIGGER chat_counts_insert AFTER INSERT ON chats WHEN new.deleted = 0 BEGIN
    INSERT INTO chat_counts VALUES (new.status, new.queue_id, ifnull(new.assignee_id, 0), 1)
        ON CONFLICT DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER chat_counts_update AFTER UPDATE OF status, queue_id, assignee_id, deleted ON chats
BEGIN
    UPDATE chat_counts SET n = n - 1
        WHERE old.deleted = 0 AND status = old.status AND queue_id = old.queue_id
          AND assignee_id = ifnull(old.assignee_id, 0);
    INSERT INTO chat_counts SELECT new.status, new.queue_id, ifnull(new.assignee_id, 0), 1
        WHERE new.deleted = 0
        ON CONFLICT DO UPDATE SET n = n + 1;
END;

-- The outbox: one row per change, seq increasing, written in the change's transaction.
-- payload is the protocol Event (staff view, unread left for the reader); reads is the chat's
-- per-staff read state at that moment ("staff:read_count:marked,...").
CREATE TABLE events (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    type    TEXT NOT NULL,
    at      INTEGER NOT NULL,
    chat_id INTEGER,
    payload TEXT NOT NULL,
    reads   TEXT NOT NULL DEFAULT ''
);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    actor_type TEXT NOT NULL,  -- staff, contact, system, admin-cli
    actor_id   INTEGER,
    action     TEXT NOT NULL,  -- accept, transfer, return, resolve, reopen, delete, restore, ...
    chat_id    INTEGER,
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_by_chat ON audit(chat_id, id);

-- Opaque bearer tokens, stored as a BLAKE2b hash of the token text.
CREATE TABLE tokens (
    hash       BLOB PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('staff', 'display', 'contact', 'integration')),
    staff_id   INTEGER REFERENCES staff(id),
    chat_id    INTEGER REFERENCES chats(id),
    contact_id INTEGER REFERENCES contacts(id),
    label      TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    expires_at INTEGER  -- NULL: does not expire (display, contact, integration)
) WITHOUT ROWID;
CREATE INDEX tokens_by_staff ON tokens(staff_id);
