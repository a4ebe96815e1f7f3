-- The message search index (messages_fts) is no longer filled by a trigger per inserted row.
-- Every statement that touches an FTS5 table inside a transaction makes FTS5 flush its pending
-- terms to a new on-disk segment, so a trigger per message costs one segment (and later merge
-- work) per message. Instead the writer indexes all messages of a group commit with one
-- INSERT ... SELECT just before its COMMIT (store/sqlite/message_index.cpp), in the same
-- transaction: search stays exactly as fresh as before, and a crash cannot leave it behind.
DROP TRIGGER messages_fts_insert;

-- Messages with id <= indexed_upto are in messages_fts.
CREATE TABLE message_index_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_upto INTEGER NOT NULL
);
INSERT INTO message_index_state(id, indexed_upto) VALUES (1, ifnull((SELECT max(id) FROM messages), 0));

-- A row that was never indexed must not be 'delete'd from an external-content index (that would
-- corrupt it), so the delete trigger now checks.
DROP TRIGGER messages_fts_delete;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages
WHEN old.id <= (SELECT indexed_upto FROM message_index_state) BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
