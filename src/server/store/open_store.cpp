// See open_store.h.
#include "server/store/open_store.h"

#include <filesystem>

#include "server/store/postgres/pg_conn.h"
#include "server/store/postgres/pg_store.h"
#include "server/store/sqlite/sqlite_store.h"

namespace sb::server::store {

std::unique_ptr<Store> open_store(const std::string& database, const StoreOptions& options) {
    if (postgres::is_postgres_url(database))
        return std::make_unique<postgres::PgStore>(database, options.connections);
    if (auto parent = std::filesystem::path(database).parent_path(); !parent.empty())
        std::filesystem::create_directories(parent);
    return std::make_unique<sqlite::SqliteStore>(database, options.connections,
                                                 sqlite::WalCheckpointer::kDefaultPages,
                                                 options.full_durability);
}

const char* store_kind(const std::string& database) {
    return postgres::is_postgres_url(database) ? "postgres" : "sqlite";
}

}  // namespace sb::server::store
