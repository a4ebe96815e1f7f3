-- Switchboard schema, version 2: staff who must hear of a chat event although they may no longer
-- see the chat (the assignee a chat was just taken from, e.g. by a transfer to another queue),
-- so that their lists drop it live and on resume. Comma-separated staff ids.
ALTER TABLE events ADD COLUMN notify TEXT NOT NULL DEFAULT '';
