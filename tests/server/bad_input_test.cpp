// The bad-input corpus against a real server: malformed JSON, wrong types, missing fields,
// unknown ids, invalid UTF-8, bodies over the limits, a wrong content type, bad query values.
// Each gets the documented 4xx JSON error, and nothing changes (the event stream stays put).
#include <gtest/gtest.h>

#include "live_server.h"
#include "protocol/json.h"
#include "temp_db.h"

using namespace sb::test;
using namespace sb::protocol;

namespace {

struct Case {
    const char* name;
    std::string method;
    std::string target;
    std::string body;
    std::string content_type;
    std::string who;  // login, "contact", or "" (no token)
    int status;
    const char* code;
};

class BadInputTest : public ::testing::Test {
  protected:
    void SetUp() override {
        seeded_ = seed(db_.database());
        server_ = std::make_unique<LiveServer>(db_.database());
        port_ = server_->port();
        ContactStartRequest r;
        r.name = "Jana";
        r.body = "Hello";
        auto started =
            decode<ContactStartResponse>(post(port_, "/api/v1/contact/chats", encode(r)).body);
        chat_ = started.chat_id;
        contact_token_ = started.contact_token;
        post(port_, "/api/v1/chats/" + std::to_string(chat_) + "/accept", "",
             seeded_.sessions.at("alice"));
    }
    Seq last_seq() {
        WsClient ws(port_, "/api/v1/events");
        ws.send(encode(Hello{seeded_.sessions.at("sam"), 0}));
        ws.start_reading();
        while (auto f = ws.next()) {
            auto frame = decode_server_frame(*f);
            if (auto* r = std::get_if<Ready>(&frame)) return r->seq;
        }
        return -1;
    }

    TempDb db_;
    Seeded seeded_;
    std::unique_ptr<LiveServer> server_;
    std::uint16_t port_ = 0;
    Id chat_ = 0;
    std::string contact_token_;
};

}  // namespace

TEST_F(BadInputTest, EveryBadRequestGetsItsErrorAndChangesNothing) {
    const std::string c = "/api/v1/chats/" + std::to_string(chat_);
    const std::string json = "application/json";
    const std::string big_body =
        R"({"body":")" + std::string(16 * 1024 + 1, 'x') + R"(","client_id":"b"})";
    const std::string huge_request =
        R"({"body":"x","client_id":"h","pad":")" + std::string(70 * 1024, 'p') + R"("})";
    const std::string long_name = R"({"name":")" + std::string(201, 'n') + R"(","body":"hi"})";
    const std::vector<Case> cases = {
        {"malformed JSON", "POST", c + "/messages", "{\"body\":", json, "alice", 400,
         "bad_request"},
        {"not an object", "POST", c + "/messages", "[1,2]", json, "alice", 400, "bad_request"},
        {"missing body", "POST", c + "/messages", R"({"client_id":"x"})", json, "alice", 400,
         "bad_request"},
        {"missing client_id", "POST", c + "/messages", R"({"body":"x"})", json, "alice", 400,
         "bad_request"},
        {"body wrong type", "POST", c + "/messages", R"({"body":5,"client_id":"x"})", json, "alice",
         400, "bad_request"},
        {"kind unknown", "POST", c + "/messages", R"({"body":"x","client_id":"x","kind":"shout"})",
         json, "alice", 400, "bad_request"},
        {"kind system", "POST", c + "/messages", R"({"body":"x","client_id":"x","kind":"system"})",
         json, "alice", 400, "bad_request"},
        {"empty body", "POST", c + "/messages", R"({"body":"  ","client_id":"x"})", json, "alice",
         400, "bad_request"},
        {"invalid UTF-8", "POST", c + "/messages", "{\"body\":\"caf\xC3\",\"client_id\":\"x\"}",
         json, "alice", 400, "bad_request"},
        {"message over 16 KiB", "POST", c + "/messages", big_body, json, "alice", 400,
         "bad_request"},
        {"request over 64 KiB", "POST", c + "/messages", huge_request, json, "alice", 400,
         "bad_request"},
        {"wrong content type", "POST", c + "/messages", R"({"body":"x","client_id":"x"})",
         "text/plain", "alice", 415, "unsupported_media_type"},
        {"no content type", "POST", c + "/messages", R"({"body":"x","client_id":"x"})", "", "alice",
         415, "unsupported_media_type"},
        {"unknown chat", "POST", "/api/v1/chats/999999/messages", R"({"body":"x","client_id":"x"})",
         json, "alice", 404, "not_found"},
        {"chat id not a number", "GET", "/api/v1/chats/abc", "", json, "alice", 400, "bad_request"},
        {"chat id negative", "POST", "/api/v1/chats/-3/accept", "", json, "alice", 400,
         "bad_request"},
        {"accept unknown", "POST", "/api/v1/chats/424242/accept", "", json, "alice", 404,
         "not_found"},
        {"transfer nothing", "POST", c + "/transfer", "{}", json, "alice", 400, "bad_request"},
        {"transfer wrong type", "POST", c + "/transfer", R"({"staff_id":"2"})", json, "alice", 400,
         "bad_request"},
        {"transfer unknown staff", "POST", c + "/transfer", R"({"staff_id":4242})", json, "alice",
         404, "not_found"},
        {"transfer unknown queue", "POST", c + "/transfer", R"({"queue_id":4242})", json, "alice",
         404, "not_found"},
        {"bad If-Match", "POST", c + "/resolve", "", json, "alice", 400, "bad_request"},
        {"stale If-Match", "POST", c + "/resolve", "", json, "alice", 409, "conflict"},
        {"patch me nothing", "PATCH", "/api/v1/me", "{}", json, "alice", 400, "bad_request"},
        {"patch me bad presence", "PATCH", "/api/v1/me", R"({"presence":"busy"})", json, "alice",
         400, "bad_request"},
        {"patch me long name", "PATCH", "/api/v1/me",
         R"({"name":")" + std::string(201, 'a') + "\"}", json, "alice", 400, "bad_request"},
        {"bad view", "GET", "/api/v1/chats?view=everything", "", json, "alice", 400, "bad_request"},
        {"bad scope", "GET", "/api/v1/chats?scope=ours", "", json, "alice", 400, "bad_request"},
        {"bad limit", "GET", "/api/v1/chats?limit=0", "", json, "alice", 400, "bad_request"},
        {"limit not a number", "GET", "/api/v1/chats?limit=ten", "", json, "alice", 400,
         "bad_request"},
        {"bad cursor", "GET", "/api/v1/chats?view=pending&cursor=garbage", "", json, "alice", 400,
         "bad_request"},
        {"cursor with a tail", "GET", "/api/v1/chats?view=pending&cursor=1:2:3", "", json, "alice",
         400, "bad_request"},
        {"cursor with a sign tail", "GET", "/api/v1/chats?view=pending&cursor=1x:2", "", json,
         "alice", 400, "bad_request"},
        {"search without q", "GET", "/api/v1/chats/search", "", json, "alice", 400, "bad_request"},
        {"search #none", "GET", "/api/v1/chats/search?q=%23999", "", json, "alice", 404,
         "not_found"},
        {"search #N beyond any id", "GET", "/api/v1/chats/search?q=%2399999999999999999999", "",
         json, "alice", 404, "not_found"},
        {"search q invalid UTF-8", "GET", "/api/v1/chats/search?q=%C3", "", json, "alice", 400,
         "bad_request"},
        {"messages bad before", "GET", c + "/messages?before=x", "", json, "alice", 400,
         "bad_request"},
        {"login missing password", "POST", "/api/v1/auth/login", R"({"login":"alice"})", json, "",
         400, "bad_request"},
        {"login wrong types", "POST", "/api/v1/auth/login", R"({"login":1,"password":2})", json, "",
         400, "bad_request"},
        {"login wrong pair", "POST", "/api/v1/auth/login", R"({"login":"alice","password":"no"})",
         json, "", 401, "unauthorized"},
        {"contact start no name", "POST", "/api/v1/contact/chats", R"({"body":"hi"})", json, "",
         400, "bad_request"},
        {"contact start long name", "POST", "/api/v1/contact/chats", long_name, json, "", 400,
         "bad_request"},
        {"contact start unknown queue", "POST", "/api/v1/contact/chats",
         R"({"name":"a","body":"hi","queue_id":77})", json, "", 404, "not_found"},
        {"contact send no token", "POST",
         "/api/v1/contact/chats/" + std::to_string(chat_) + "/messages",
         R"({"body":"x","client_id":"x"})", json, "", 401, "unauthorized"},
        {"contact send note", "POST",
         "/api/v1/contact/chats/" + std::to_string(chat_) + "/messages",
         R"({"body":"x","client_id":"x","kind":"note"})", json, "contact", 400, "bad_request"},
        {"contact wrong chat", "POST", "/api/v1/contact/chats/999/messages",
         R"({"body":"x","client_id":"x"})", json, "contact", 403, "forbidden"},
        {"garbage token", "GET", "/api/v1/me", "", json, "garbage", 401, "unauthorized"},
        {"canned malformed JSON", "POST", "/api/v1/canned", R"({"shortcut":)", json, "alice", 400,
         "bad_request"},
        {"canned shortcut uppercase", "POST", "/api/v1/canned",
         R"({"shortcut":"Thanks","body":"b"})", json, "alice", 400, "bad_request"},
        {"canned body wrong type", "POST", "/api/v1/canned", R"({"shortcut":"t","body":7})", json,
         "alice", 400, "bad_request"},
        {"canned body too long", "POST", "/api/v1/canned",
         R"({"shortcut":"t","body":")" + std::string(4001, 'b') + "\"}", json, "alice", 400,
         "bad_request"},
        {"canned shared by an agent", "POST", "/api/v1/canned",
         R"({"shortcut":"t","body":"b","shared":true})", json, "alice", 403, "forbidden"},
        {"canned patch nothing", "PATCH", "/api/v1/canned/4242", "{}", json, "alice", 400,
         "bad_request"},
        {"canned patch unknown", "PATCH", "/api/v1/canned/4242", R"({"body":"b"})", json, "alice",
         404, "not_found"},
        {"canned delete bad id", "DELETE", "/api/v1/canned/x", "", json, "alice", 400,
         "bad_request"},
    };
    last_seq();  // Sam's first stream makes him online (an event); from here nothing may change
    const Seq before = last_seq();
    ASSERT_GT(before, 0);
    for (const auto& k : cases) {
        Request r;
        r.method = k.method;
        r.target = k.target;
        r.body = k.body;
        r.content_type = k.content_type;
        if (k.who == "contact")
            r.token = contact_token_;
        else if (k.who == "garbage")
            r.token = "sbs_00";
        else if (!k.who.empty())
            r.token = seeded_.sessions.at(k.who);
        if (std::string(k.name) == "bad If-Match") r.headers.emplace_back("If-Match", "seven");
        if (std::string(k.name) == "stale If-Match") r.headers.emplace_back("If-Match", "1");
        auto reply = http(port_, r);
        EXPECT_EQ(reply.status, k.status) << k.name << ": " << reply.body;
        EXPECT_EQ(reply.error_code(), k.code) << k.name << ": " << reply.body;
        EXPECT_EQ(reply.headers["Content-Type"], "application/json") << k.name;
    }
    EXPECT_EQ(last_seq(), before) << "a refused request changed something";
    auto history =
        decode<MessagePage>(get(port_, "/api/v1/chats/" + std::to_string(chat_) + "/messages",
                                seeded_.sessions.at("alice"))
                                .body);
    EXPECT_EQ(history.messages.size(), 2u);  // the contact's message and "Alice accepted"
}

TEST_F(BadInputTest, BadHelloFramesAreRefused) {
    for (const std::string& hello : {std::string("not json"), std::string(R"({"type":"hi"})"),
                                     std::string(R"({"type":"hello","token":"nope","since":0})"),
                                     std::string(R"({"type":"hello","token":5})")}) {
        WsClient ws(port_, "/api/v1/events");
        ws.send(hello);
        ws.start_reading();
        auto f = ws.next();
        ASSERT_TRUE(f) << hello;
        EXPECT_NE(f->find("\"error\""), std::string::npos) << hello << " -> " << *f;
        while (ws.next(std::chrono::seconds(2))) {
        }
        EXPECT_TRUE(ws.closed()) << hello;
    }
    // A contact token on the staff stream and a staff token on the contact stream.
    WsClient a(port_, "/api/v1/events");
    a.send(encode(Hello{contact_token_, 0}));
    a.start_reading();
    EXPECT_NE(a.next()->find("forbidden"), std::string::npos);
    WsClient b(port_, "/api/v1/contact/events");
    b.send(encode(Hello{seeded_.sessions.at("alice"), 0}));
    b.start_reading();
    EXPECT_NE(b.next()->find("forbidden"), std::string::npos);
}
