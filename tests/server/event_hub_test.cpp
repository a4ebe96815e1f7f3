// The event hub without the network: fake connections stand in for WebSockets. One rendering is
// shared by every socket with the same view, presence follows connections, and a socket that
// never says hello is closed.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <optional>
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
            std::lock_guard lock(changes_mu_);
            changes_.push_back({s.id, p, std::chrono::steady_clock::now()});
            changes_cv_.notify_all();
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
    // A presence change the hub made (through the sink), and when.
    struct Change {
        Id staff_id;
        Presence presence;
        std::chrono::steady_clock::time_point at;
    };
    // Waits until the hub has made `login` `p`; the change, or nullopt after 5 s.
    std::optional<Change> wait_for_change(const std::string& login, Presence p) {
        const Id id = seeded_.staff.at(login);
        std::unique_lock lock(changes_mu_);
        std::optional<Change> found;
        changes_cv_.wait_for(lock, std::chrono::seconds(5), [&] {
            for (const auto& c : changes_)
                if (c.staff_id == id && c.presence == p) found = c;
            return found.has_value();
        });
        return found;
    }
    std::vector<Change> changes_of(const std::string& login) {
        std::lock_guard lock(changes_mu_);
        std::vector<Change> out;
        for (const auto& c : changes_)
            if (c.staff_id == seeded_.staff.at(login)) out.push_back(c);
        return out;
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
    std::mutex changes_mu_;
    std::condition_variable changes_cv_;
    std::vector<Change> changes_;
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
    const auto closed = std::chrono::steady_clock::now();
    hub_->staff_endpoint()->on_close(alice);
    // Offline only after offline_after (1 s here) without a socket: the change, when it comes,
    // comes no sooner.
    const auto offline = wait_for_change("alice", Presence::offline);
    ASSERT_TRUE(offline);
    EXPECT_GE(offline->at - closed, std::chrono::seconds(1));
    EXPECT_EQ(presence_of("alice"), Presence::offline);
    EXPECT_TRUE(watcher->wait_for("\"presence\":\"offline\""));
}

TEST_F(EventHubTest, AwayIsKeptAcrossAReconnect) {
    auto alice = connect("alice");
    MePatch away;
    away.presence = Presence::away;
    chats_->update_me(
        *store_->read_value([&](store::ReadTx& tx) { return tx.staff(seeded_.staff.at("alice")); }),
        away);
    const std::size_t changes_before = changes_of("alice").size();  // her connect made her online
    hub_->staff_endpoint()->on_close(alice);
    auto again = connect("alice");
    // The marker: bob closes after alice did, so by the time the hub has made him offline it
    // has passed alice's offline_after too, in the same sweep or an earlier one.
    auto bob = connect("bob");
    hub_->staff_endpoint()->on_close(bob);
    ASSERT_TRUE(wait_for_change("bob", Presence::offline));
    EXPECT_EQ(changes_of("alice").size(), changes_before);  // the hub left her presence alone
    EXPECT_EQ(presence_of("alice"), Presence::away);        // her choice, and she is connected
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
