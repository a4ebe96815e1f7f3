// Keeps the message search index (messages_fts) up to date, one group commit at a time.
//
// FTS5 flushes its pending terms to a new on-disk segment whenever a statement that may need
// a statement journal starts inside a transaction that has touched the index (its xSavepoint). A
// trigger that indexed every inserted message therefore wrote one segment per message, and the
// SAVEPOINT per piece of a group commit forced more. Instead SqliteStore calls
// index_new_messages() once per batch, just before COMMIT: one INSERT ... SELECT indexes every
// message not yet indexed, in the same transaction, so search is exactly as fresh as the data and
// a crash cannot desynchronise the two. Migration 005 removed the trigger and added
// message_index_state (the highest indexed message id). The position is read inside the write
// transaction each time, so other processes writing the same file (the admin CLI) stay correct.
#pragma once

#include "server/store/sqlite/sqlite_db.h"

namespace sb::server::sqlite {

// Call inside a write transaction (BEGIN IMMEDIATE ... COMMIT).
void index_new_messages(Connection& writer);

}  // namespace sb::server::sqlite
