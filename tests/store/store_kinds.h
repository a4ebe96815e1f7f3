// The Store implementations the store suites run against, as types for GoogleTest's typed tests:
// SQLite always (a fresh file per test), PostgreSQL on a throwaway cluster (pg_cluster.h; a fresh
// database per test). Each opens through store::open_store, as the server does.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "pg_cluster.h"
#include "server/store/open_store.h"
#include "temp_db.h"

namespace sb::test {

struct SqliteKind {
    static constexpr const char* kName = "sqlite";
    // The database string a second opener (another process or instance) uses.
    std::string database() { return db.path(); }
    TempDb db;
};

struct PostgresKind {
    static constexpr const char* kName = "postgres";
    std::string database() {
        if (url.empty()) url = PgCluster::get()->fresh_database();
        return url;
    }
    std::string url;
};

// Opens K's store, or skips (fails in CI) when K cannot run here.
template <class K>
class StoreTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if constexpr (std::is_same_v<K, PostgresKind>) {
            if (!PgCluster::get()) {
                if (in_ci()) FAIL() << "CI=true and no PostgreSQL: " << PgCluster::why();
                GTEST_SKIP() << "no PostgreSQL here: " << PgCluster::why();
            }
        }
        store_ = open();
    }
    std::unique_ptr<sb::server::store::Store> open() {
        return sb::server::store::open_store(kind_.database());
    }
    K kind_;
    std::unique_ptr<sb::server::store::Store> store_;
};

using StoreKinds = ::testing::Types<SqliteKind, PostgresKind>;

struct KindName {
    template <class K>
    static std::string GetName(int) {
        return K::kName;
    }
};

}  // namespace sb::test
