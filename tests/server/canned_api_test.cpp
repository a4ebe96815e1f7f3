// Canned replies (E12) on a real server on loopback, fresh database per test: create, list, edit
// and delete; personal and shared scopes; who may do what (agent, supervisor, admin, another
// agent, display/contact/integration tokens, no token); duplicate shortcuts; and the bad-input
// corpus, after each refused request checking that neither the replies nor the audit changed.
#include <gtest/gtest.h>

#include "live_server.h"
#include "protocol/json.h"
#include "server/auth/tokens.h"
#include "server/store/sqlite/sqlite_db.h"
#include "server/store/sqlite/sqlite_store.h"
#include "temp_db.h"

using namespace sb::test;
using namespace sb::protocol;

namespace {

class CannedApiTest : public ::testing::Test {
  protected:
    void SetUp() override {
        seeded_ = seed(db_.path());
        server_ = std::make_unique<LiveServer>(db_.path());
        port_ = server_->port();
    }
    const std::string& token(const std::string& login) { return seeded_.sessions.at(login); }

    Reply call(const std::string& method, const std::string& target, const std::string& body,
               const std::string& who_token) {
        Request r;
        r.method = method;
        r.target = target;
        r.body = body;
        r.token = who_token;
        return http(port_, r);
    }
    Reply create(const std::string& login, const std::string& shortcut, const std::string& body,
                 bool shared = false) {
        return call("POST", "/api/v1/canned", encode(CannedCreateRequest{shortcut, body, shared}),
                    token(login));
    }
    CannedReply created(const std::string& login, const std::string& shortcut,
                        const std::string& body, bool shared = false) {
        auto r = create(login, shortcut, body, shared);
        EXPECT_EQ(r.status, 201) << r.body;
        return decode<CannedReply>(r.body);
    }
    Reply patch(const std::string& login, Id id, const std::string& body) {
        return call("PATCH", "/api/v1/canned/" + std::to_string(id), body, token(login));
    }
    Reply remove(const std::string& login, Id id) {
        return call("DELETE", "/api/v1/canned/" + std::to_string(id), "", token(login));
    }
    std::vector<CannedReply> list(const std::string& login) {
        auto r = get(port_, "/api/v1/canned", token(login));
        EXPECT_EQ(r.status, 200) << r.body;
        return decode<CannedReplyList>(r.body).items;
    }
    // Everything a refused request must leave alone: every row of the table and the audit.
    std::string snapshot() {
        sb::server::sqlite::Connection c(db_.path(), true);
        std::string out;
        auto rows = c.prepare(
            "SELECT id, shortcut, body, ifnull(owner_staff_id, 0), updated_at FROM canned_replies "
            "ORDER BY id");
        while (rows->step())
            out += std::to_string(rows->integer(0)) + "|" + rows->text(1) + "|" + rows->text(2) +
                   "|" + std::to_string(rows->integer(3)) + "|" + std::to_string(rows->integer(4)) +
                   "\n";
        auto audit = c.prepare("SELECT count(*) FROM audit");
        audit->step();
        return out + "audit " + std::to_string(audit->integer(0));
    }
    std::int64_t audit_rows(const std::string& action) {
        sb::server::sqlite::Connection c(db_.path(), true);
        auto s = c.prepare("SELECT count(*) FROM audit WHERE action = ? AND actor_type = 'staff'");
        s->bind(1, action);
        s->step();
        return s->integer(0);
    }
    std::string make_token(sb::server::store::TokenRecord::Kind kind) {
        sb::server::sqlite::SqliteStore store(db_.path(), 1);
        const auto t = sb::server::auth::make_token(kind);
        sb::server::store::TokenRecord r;
        r.kind = kind;
        r.label = "bridge";
        r.created_at = 1;
        store.write([&](sb::server::store::WriteTx& tx) { tx.insert_token(t.hash, r); });
        return t.text;
    }

    TempDb db_;
    Seeded seeded_;
    std::unique_ptr<LiveServer> server_;
    std::uint16_t port_ = 0;
};

std::vector<std::string> shortcuts(const std::vector<CannedReply>& items) {
    std::vector<std::string> out;
    for (const auto& r : items) out.push_back(r.shortcut + (r.shared ? "(s)" : "(p)"));
    return out;
}

}  // namespace

TEST_F(CannedApiTest, AnAgentCreatesEditsAndDeletesAPersonalReply) {
    const std::string before = snapshot();
    auto made = created("alice", "greet", "Hi there, how can I help?");
    EXPECT_GT(made.id, 0);
    EXPECT_EQ(made.shortcut, "greet");
    EXPECT_EQ(made.body, "Hi there, how can I help?");
    EXPECT_FALSE(made.shared);
    ASSERT_TRUE(made.owner_id);
    EXPECT_EQ(*made.owner_id, seeded_.staff.at("alice"));
    EXPECT_GT(made.updated_at, 0);
    EXPECT_EQ(list("alice"), std::vector<CannedReply>{made});
    EXPECT_NE(snapshot(), before);

    auto edited = patch("alice", made.id, R"({"body":"Hello! How can I help?"})");
    ASSERT_EQ(edited.status, 200) << edited.body;
    auto after = decode<CannedReply>(edited.body);
    EXPECT_EQ(after.shortcut, "greet");  // untouched
    EXPECT_EQ(after.body, "Hello! How can I help?");
    EXPECT_GE(after.updated_at, made.updated_at);
    auto renamed = patch("alice", made.id, R"({"shortcut":"hi"})");
    ASSERT_EQ(renamed.status, 200) << renamed.body;
    EXPECT_EQ(decode<CannedReply>(renamed.body).shortcut, "hi");
    EXPECT_EQ(decode<CannedReply>(renamed.body).body, "Hello! How can I help?");
    EXPECT_EQ(list("alice").at(0).shortcut, "hi");

    auto gone = remove("alice", made.id);
    EXPECT_EQ(gone.status, 204) << gone.body;
    EXPECT_TRUE(gone.body.empty());
    EXPECT_TRUE(list("alice").empty());
    EXPECT_EQ(remove("alice", made.id).status, 404);  // already gone
    EXPECT_EQ(audit_rows("canned-create"), 1);
    EXPECT_EQ(audit_rows("canned-update"), 2);
    EXPECT_EQ(audit_rows("canned-delete"), 1);
}

TEST_F(CannedApiTest, EachStaffMemberListsTheirOwnAndTheSharedOnesByShortcut) {
    created("sam", "hello", "Hello from the team", true);
    created("sam", "abc", "Shared abc", true);
    created("alice", "zed", "Alice's zed");
    created("alice", "hello", "Alice's own hello");  // shadows the shared one
    created("bob", "bobs", "Bob's own");
    EXPECT_EQ(shortcuts(list("alice")),
              (std::vector<std::string>{"abc(s)", "hello(p)", "hello(s)", "zed(p)"}));
    EXPECT_EQ(shortcuts(list("bob")), (std::vector<std::string>{"abc(s)", "bobs(p)", "hello(s)"}));
    EXPECT_EQ(shortcuts(list("sam")), (std::vector<std::string>{"abc(s)", "hello(s)"}));
    EXPECT_EQ(shortcuts(list("admin")), (std::vector<std::string>{"abc(s)", "hello(s)"}));
    for (const auto& r : list("bob")) {
        EXPECT_EQ(r.shared, !r.owner_id) << r.shortcut;
    }
}

TEST_F(CannedApiTest, OnlySupervisorsAndAdminsManageSharedReplies) {
    auto refused = create("alice", "team", "Team answer", true);
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.error_code(), "forbidden");
    EXPECT_TRUE(list("alice").empty());
    auto shared = created("sam", "team", "Team answer", true);
    EXPECT_TRUE(shared.shared);
    EXPECT_FALSE(shared.owner_id);
    auto by_admin = created("admin", "admin-made", "From the admin", true);
    EXPECT_TRUE(by_admin.shared);

    const std::string before = snapshot();
    auto edit = patch("alice", shared.id, R"({"body":"Changed by an agent"})");
    EXPECT_EQ(edit.status, 403) << edit.body;
    EXPECT_EQ(edit.error_code(), "forbidden");
    auto del = remove("bob", shared.id);
    EXPECT_EQ(del.status, 403) << del.body;
    EXPECT_EQ(snapshot(), before);

    auto by_sup = patch("admin", shared.id, R"({"body":"Edited by the admin"})");
    EXPECT_EQ(by_sup.status, 200) << by_sup.body;
    EXPECT_EQ(list("alice").at(1).body, "Edited by the admin");
    EXPECT_EQ(remove("sam", by_admin.id).status, 204);
    EXPECT_EQ(shortcuts(list("bob")), std::vector<std::string>{"team(s)"});
}

TEST_F(CannedApiTest, PersonalRepliesDoNotLeakToOthersSupervisorsIncluded) {
    auto mine = created("alice", "private", "Only for Alice");
    const std::string before = snapshot();
    for (const std::string who : {"bob", "sam", "admin"}) {
        auto edit = patch(who, mine.id, R"({"body":"Not yours"})");
        EXPECT_EQ(edit.status, 404) << who << ": " << edit.body;
        EXPECT_EQ(edit.error_code(), "not_found") << who;
        auto del = remove(who, mine.id);
        EXPECT_EQ(del.status, 404) << who << ": " << del.body;
        EXPECT_TRUE(list(who).empty()) << who;
    }
    EXPECT_EQ(snapshot(), before);
    EXPECT_EQ(list("alice"), std::vector<CannedReply>{mine});
}

TEST_F(CannedApiTest, DuplicateShortcutsInOneScopeAreAConflictNamingTheShortcut) {
    auto first = created("alice", "dup", "First");
    auto other = created("alice", "other", "Other");
    std::string before = snapshot();
    auto again = create("alice", "dup", "Second");
    EXPECT_EQ(again.status, 409) << again.body;
    EXPECT_EQ(again.error_code(), "conflict");
    EXPECT_NE(again.body.find("/dup"), std::string::npos) << again.body;
    auto rename = patch("alice", other.id, R"({"shortcut":"dup"})");
    EXPECT_EQ(rename.status, 409) << rename.body;
    EXPECT_NE(rename.body.find("/dup"), std::string::npos) << rename.body;
    EXPECT_EQ(snapshot(), before);

    // Same shortcut, other scopes: another agent's personal one, and a shared one.
    EXPECT_EQ(create("bob", "dup", "Bob's").status, 201);
    auto shared = created("sam", "dup", "Shared", true);
    before = snapshot();
    auto shared_again = create("admin", "dup", "Shared again", true);
    EXPECT_EQ(shared_again.status, 409) << shared_again.body;
    EXPECT_NE(shared_again.body.find("/dup"), std::string::npos);
    EXPECT_EQ(snapshot(), before);
    // Saving a reply under its own shortcut is not a conflict with itself.
    EXPECT_EQ(patch("alice", first.id, R"({"shortcut":"dup","body":"First!"})").status, 200);
    EXPECT_EQ(patch("sam", shared.id, R"({"shortcut":"dup"})").status, 200);
    EXPECT_EQ(shortcuts(list("alice")), (std::vector<std::string>{"dup(p)", "dup(s)", "other(p)"}));
}

TEST_F(CannedApiTest, TokensThatAreNotStaffAreRefused) {
    auto mine = created("alice", "mine", "Alice's");
    ContactStartRequest start;
    start.name = "Jana";
    start.body = "Hello";
    auto contact =
        decode<ContactStartResponse>(post(port_, "/api/v1/contact/chats", encode(start)).body);
    const std::string integration = make_token(sb::server::store::TokenRecord::Kind::integration);
    const std::string path = "/api/v1/canned/" + std::to_string(mine.id);
    const std::string before = snapshot();
    struct Who {
        std::string name, token;
        int status;
    };
    for (const auto& who :
         {Who{"nobody", "", 401}, Who{"garbage", "sbs_00", 401},
          Who{"display", seeded_.display_token, 403}, Who{"contact", contact.contact_token, 403},
          Who{"integration", integration, 403}}) {
        for (const auto& [method, target, body] :
             {std::tuple<std::string, std::string, std::string>{"GET", "/api/v1/canned", ""},
              {"POST", "/api/v1/canned", R"({"shortcut":"x","body":"y"})"},
              {"PATCH", path, R"({"body":"y"})"},
              {"DELETE", path, ""}}) {
            auto r = call(method, target, body, who.token);
            EXPECT_EQ(r.status, who.status) << who.name << " " << method << " " << r.body;
            EXPECT_EQ(r.error_code(), who.status == 401 ? "unauthorized" : "forbidden");
        }
    }
    EXPECT_EQ(snapshot(), before);
}

TEST_F(CannedApiTest, BadInputIsRefusedAndChangesNothing) {
    auto mine = created("alice", "mine", "Alice's");
    const std::string one = "/api/v1/canned/" + std::to_string(mine.id);
    std::string at_limit;
    for (int i = 0; i < 4000; ++i) at_limit += "é";  // 4,000 characters, 8,000 bytes
    struct Case {
        const char* name;
        std::string method, target, body, content_type;
        int status;
    };
    const std::string json = "application/json";
    const std::vector<Case> cases = {
        {"malformed JSON", "POST", "/api/v1/canned", R"({"shortcut":)", json, 400},
        {"not an object", "POST", "/api/v1/canned", R"(["a","b"])", json, 400},
        {"missing shortcut", "POST", "/api/v1/canned", R"({"body":"b"})", json, 400},
        {"missing body", "POST", "/api/v1/canned", R"({"shortcut":"s"})", json, 400},
        {"shortcut not a string", "POST", "/api/v1/canned", R"({"shortcut":5,"body":"b"})", json,
         400},
        {"body not a string", "POST", "/api/v1/canned", R"({"shortcut":"s","body":["b"]})", json,
         400},
        {"shared not a bool", "POST", "/api/v1/canned",
         R"({"shortcut":"s","body":"b","shared":"yes"})", json, 400},
        {"shortcut empty", "POST", "/api/v1/canned", R"({"shortcut":"","body":"b"})", json, 400},
        {"shortcut uppercase", "POST", "/api/v1/canned", R"({"shortcut":"Hello","body":"b"})", json,
         400},
        {"shortcut with a space", "POST", "/api/v1/canned", R"({"shortcut":"a b","body":"b"})",
         json, 400},
        {"shortcut with a slash", "POST", "/api/v1/canned", R"({"shortcut":"/hi","body":"b"})",
         json, 400},
        {"shortcut not ASCII", "POST", "/api/v1/canned", R"({"shortcut":"café","body":"b"})", json,
         400},
        {"shortcut of 33", "POST", "/api/v1/canned",
         R"({"shortcut":")" + std::string(33, 'a') + R"(","body":"b"})", json, 400},
        {"body blank", "POST", "/api/v1/canned", R"({"shortcut":"s","body":" \n "})", json, 400},
        {"body of 4,001 characters", "POST", "/api/v1/canned",
         R"({"shortcut":"s","body":")" + at_limit + R"(x"})", json, 400},
        {"invalid UTF-8", "POST", "/api/v1/canned", "{\"shortcut\":\"s\",\"body\":\"caf\xC3\"}",
         json, 400},
        {"wrong content type", "POST", "/api/v1/canned", R"({"shortcut":"s","body":"b"})",
         "text/plain", 415},
        {"patch nothing", "PATCH", one, "{}", json, 400},
        {"patch shared", "PATCH", one, R"({"shared":true})", json, 400},
        {"patch bad shortcut", "PATCH", one, R"({"shortcut":"NO"})", json, 400},
        {"patch blank body", "PATCH", one, R"({"body":""})", json, 400},
        {"patch body wrong type", "PATCH", one, R"({"body":1})", json, 400},
        {"patch malformed", "PATCH", one, "{", json, 400},
        {"patch id not a number", "PATCH", "/api/v1/canned/abc", R"({"body":"b"})", json, 400},
        {"patch id zero", "PATCH", "/api/v1/canned/0", R"({"body":"b"})", json, 400},
        {"patch unknown id", "PATCH", "/api/v1/canned/99999", R"({"body":"b"})", json, 404},
        {"delete unknown id", "DELETE", "/api/v1/canned/99999", "", json, 404},
        {"delete id negative", "DELETE", "/api/v1/canned/-1", "", json, 400},
        {"PUT is not a method here", "PUT", one, R"({"body":"b"})", json, 405},
    };
    const std::string before = snapshot();
    for (const auto& k : cases) {
        Request r;
        r.method = k.method;
        r.target = k.target;
        r.body = k.body;
        r.content_type = k.content_type;
        r.token = token("alice");
        auto reply = http(port_, r);
        EXPECT_EQ(reply.status, k.status) << k.name << ": " << reply.body;
        EXPECT_FALSE(reply.error_code().empty()) << k.name << ": " << reply.body;
        EXPECT_EQ(snapshot(), before) << k.name << " changed something";
    }
    // The limits themselves are allowed: 32-character shortcut, 4,000-character body.
    auto longest = create("alice", std::string(32, 'z'), at_limit);
    EXPECT_EQ(longest.status, 201) << longest.body.substr(0, 200);
    EXPECT_EQ(decode<CannedReply>(longest.body).body, at_limit);
    EXPECT_EQ(create("alice", "a-b_c-9", "ok").status, 201);
}
