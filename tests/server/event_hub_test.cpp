// The event hub without the network: fake connections stand in for WebSockets. One rendering is
// shared by every socket with the same view, presence follows connections, and a socket that
// never says hello is closed.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "live_server.h"
#include "protocol/json.h"
#include "server/auth/auth_service.h"
#include "server/domain/chat_service.h"
#include "server/events/event_hub.h"
#include "server/store/sqlite/sqlite_store.h"
#include "temp_db.h"

using namespace sb::server;
using namespace sb::protocol;

namespace {

class FakeConnection : public WsConnection {
  public:
    void send(std::shared_ptr<const std::string> text) override {
        std::lock_guard lock(mutex_);
        frames_.push_back(std::move(text));
    }
    void close(std::string reason) override {
        std::lock_guard lock(mutex_);
        closed_ = true;
        reason_ = std::move(reason);
    }
    const std::string& remote() const override { return remote_; }

    std::vector<std::shared_ptr<const std::string>> frames() {
        std::lock_guard lock(mutex_);
        return frames_;
    }
    bool closed() {
        std::lock_guard lock(mutex_);
        return closed_;
    }
    // Waits until a frame containing `needle` arrives.
    std::shared_ptr<const std::string> wait_for(
        const std::string& needle, std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
        const auto until = std::chrono::steady_clock::now() + timeout;
        while (std::chrono::steady_clock::now() < until) {
            for (auto& f : frames())
                if (f->find(needle) != std::string::npos) return f;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return nullptr;
    }

  private:
    std::mutex mutex_;
    std::vector<std::shared_ptr<const std::string>> frames_;
    bool closed_ = false;
    std::string reason_;
    std::string remote_ = "test";
};

Time now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

class EventHubTest : public ::testing::Test {
  protected:
    void SetUp() override {
        seeded_ = sb::test::seed(db_.path());
        store_ = std::make_unique<sqlite::SqliteStore>(db_.path());
        auth_ = std::make_unique<AuthService>(*store_, now_ms);
        EventHub::Options options;
        options.offline_after = std::chrono::seconds(1);
        options.hello_timeout = std::chrono::seconds(1);
        hub_ = std::make_unique<EventHub>(*store_, *auth_, options);
        chats_ = std::make_unique<ChatService>(*store_, now_ms, [](store::StoredEvent) {});
        hub_->set_presence_sink([this](const Staff& s, Presence p) {
            MePatch patch;
            patch.presence = p;
            chats_->update_me(s, patch);
        });
        store_->set_commit_listener(
            [this](std::vector<store::StoredEvent> e) { hub_->publish(std::move(e)); });
    }
    void TearDown() override { hub_->shutdown("test over"); }

    std::shared_ptr<FakeConnection> connect(const std::string& login, Seq since = 0) {
        auto c = std::make_shared<FakeConnection>();
        hub_->staff_endpoint()->on_open(c, HttpRequest{});
        hub_->staff_endpoint()->on_text(c, encode(Hello{seeded_.sessions.at(login), since}));
        EXPECT_TRUE(c->wait_for("\"type\":\"ready\"")) << login;
        return c;
    }
    Presence presence_of(const std::string& login) {
        return store_->read_value(
            [&](store::ReadTx& tx) { return tx.staff(seeded_.staff.at(login))->presence; });
    }

    sb::test::TempDb db_;
    sb::test::Seeded seeded_;
    std::unique_ptr<sqlite::SqliteStore> store_;
    std::unique_ptr<AuthService> auth_;
    std::unique_ptr<EventHub> hub_;
    std::unique_ptr<ChatService> chats_;
};

}  // namespace

TEST_F(EventHubTest, SocketsWithTheSameViewShareOneRendering) {
    auto a = connect("alice");
    auto b = connect("bob");
    auto c = connect("sam");
    ContactStartRequest r;
    r.name = "Jana";
    r.body = "Hello";
    chats_->contact_start(r, "h1");
    auto fa = a->wait_for("chat.created");
    auto fb = b->wait_for("chat.created");
    auto fc = c->wait_for("chat.created");
    ASSERT_TRUE(fa && fb && fc);
    EXPECT_EQ(fa.get(), fb.get());  // the same string object: rendered once
    EXPECT_EQ(fa.get(), fc.get());
    EXPECT_GE(hub_->counters().frames_sent, 3);
}

TEST_F(EventHubTest, PresenceFollowsConnections) {
    ASSERT_EQ(presence_of("alice"), Presence::offline);
    auto watcher = connect("sam");
    auto alice = connect("alice");
    ASSERT_TRUE(watcher->wait_for("presence.changed"));
    EXPECT_EQ(presence_of("alice"), Presence::online);
    hub_->staff_endpoint()->on_close(alice);
    // Offline only after offline_after (1 s here) without a socket.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    EXPECT_EQ(presence_of("alice"), Presence::online);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (presence_of("alice") != Presence::offline && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(presence_of("alice"), Presence::offline);
}

TEST_F(EventHubTest, AwayIsKeptAcrossAReconnect) {
    auto alice = connect("alice");
    MePatch away;
    away.presence = Presence::away;
    chats_->update_me(
        *store_->read_value([&](store::ReadTx& tx) { return tx.staff(seeded_.staff.at("alice")); }),
        away);
    hub_->staff_endpoint()->on_close(alice);
    auto again = connect("alice");
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_EQ(presence_of("alice"), Presence::away);  // her choice, and she is connected
}

TEST_F(EventHubTest, ASocketThatNeverSaysHelloIsClosed) {
    auto c = std::make_shared<FakeConnection>();
    hub_->staff_endpoint()->on_open(c, HttpRequest{});
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (!c->closed() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_TRUE(c->closed());
    EXPECT_TRUE(c->wait_for("bad_request"));
}
