// index_new_messages: see message_index.h.
#include "server/store/sqlite/message_index.h"

#include <cstdint>

namespace sb::server::sqlite {

void index_new_messages(Connection& db) {
    std::int64_t upto = 0, newest = 0;
    {
        auto s = db.prepare(
            "SELECT (SELECT indexed_upto FROM message_index_state WHERE id = 1), "
            "(SELECT ifnull(max(id), 0) FROM messages)");
        if (s->step()) {
            upto = s->integer(0);
            newest = s->integer(1);
        }
    }
    if (newest <= upto) return;
    {
        auto s = db.prepare(
            "INSERT INTO messages_fts(rowid, body) SELECT id, body FROM messages "
            "WHERE id > ?1 AND id <= ?2");
        s->bind(1, upto).bind(2, newest).run();
    }
    auto s = db.prepare("UPDATE message_index_state SET indexed_upto = ?1 WHERE id = 1");
    s->bind(1, newest).run();
}

}  // namespace sb::server::sqlite
