-- Switchboard schema, version 3: who deleted a chat and when (S8's Undo: the staff member who
-- deleted a chat may restore it for a short while; see kUndoDeleteWindow in
-- domain/permissions.h). Both NULL while the chat is not deleted. Chats deleted before this
-- version take them from their last "delete" audit row.
ALTER TABLE chats ADD COLUMN deleted_by INTEGER REFERENCES staff(id);
ALTER TABLE chats ADD COLUMN deleted_at INTEGER;
UPDATE chats SET
    deleted_by = (SELECT a.actor_id FROM audit a WHERE a.chat_id = chats.id
                  AND a.action = 'delete' AND a.actor_type = 'staff' ORDER BY a.id DESC LIMIT 1),
    deleted_at = (SELECT a.at FROM audit a WHERE a.chat_id = chats.id
                  AND a.action = 'delete' ORDER BY a.id DESC LIMIT 1)
WHERE deleted = 1;
