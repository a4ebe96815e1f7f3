-- A contact's retried "start a chat" (POST /contact/chats with the same client_id, e.g. after a
-- lost response) finds the chat its first try created instead of starting a second one.
-- Only chats started through the contact API carry a key ("web:" + client_id).
ALTER TABLE chats ADD COLUMN start_key TEXT;
CREATE UNIQUE INDEX chats_start_key ON chats(start_key) WHERE start_key IS NOT NULL;
