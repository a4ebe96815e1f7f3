// The demo data set; see demo_data.h.
#include "server/admin/demo_data.h"

#include <map>

#include "server/auth/passwords.h"
#include "server/auth/tokens.h"
#include "server/domain/chat_service.h"

namespace sb::server {

namespace {

using protocol::Id;
using protocol::Time;

constexpr Time kMinute = 60'000;

struct Demo {
    store::Store& store;
    Time clock;
    ChatService chats{store, [this] { return clock; }, nullptr};
    std::map<std::string, protocol::Staff> staff;
    int client_ids = 0;

    void at(Time t) { clock = t; }
    void later(Time minutes) { clock += minutes * kMinute / 2 + kMinute / 7; }

    Id start(const std::string& name, const std::string& email, Id queue, const std::string& body) {
        protocol::ContactStartRequest r;
        r.name = name;
        if (!email.empty()) r.email = email;
        r.queue_id = queue;
        r.body = body;
        const auto token = auth::make_token(store::TokenRecord::Kind::contact);
        return chats.contact_start(r, token.hash).chat.chat.id;
    }
    Id contact_of(Id chat) {
        return store.read_value([&](store::ReadTx& tx) { return tx.chat(chat)->chat.contact.id; });
    }
    void contact_says(Id chat, const std::string& body) {
        later(2);
        protocol::SendMessageRequest r{body, "demo-" + std::to_string(++client_ids),
                                       protocol::MessageKind::text};
        chats.contact_send(chat, contact_of(chat), r);
    }
    void says(const std::string& who, Id chat, const std::string& body,
              protocol::MessageKind kind = protocol::MessageKind::text) {
        later(1);
        protocol::SendMessageRequest r{body, "demo-" + std::to_string(++client_ids), kind};
        chats.send(staff.at(who), chat, r);
    }
    void accept(const std::string& who, Id chat) {
        later(3);
        chats.accept(staff.at(who), chat, std::nullopt);
    }
};

// Canned replies (E12): the team's shared answers, made by the supervisor, and one of Alice's own.
void add_demo_canned_replies(store::WriteTx& tx,
                             const std::map<std::string, protocol::Staff>& staff, Time now) {
    const Id sam = staff.at("sam").id;
    const Id alice = staff.at("alice").id;
    const std::pair<const char*, const char*> shared[] = {
        {"hello", "Hello! Thanks for reaching out. How can I help you today?"},
        {"thanks", "Thank you for your patience. Is there anything else I can help with?"},
        {"moment", "Let me check that for you — one moment, please."},
        {"refund", "I have started your refund. You will see it on your statement in 3–5 days."},
        {"bye", "Thanks for chatting with us. Have a great day!"},
    };
    for (const auto& [shortcut, body] : shared)
        tx.insert_canned({shortcut, body, std::nullopt, sam, now - 7 * 86'400'000LL});
    tx.insert_canned({"browser",
                      "Which browser and version do you use? You will find it under Help → About.",
                      alice, alice, now - 2 * 86'400'000LL});
}

}  // namespace

bool fill_demo_data(store::Store& store, Time now) {
    if (store.read_value([](store::ReadTx& tx) { return tx.count_staff(); }) > 0) return false;
    Id support = 0, sales = 0;
    std::map<std::string, protocol::Staff> staff;
    // Every demo account gets its own Argon2id hash of "demo".
    struct Person {
        const char* login;
        const char* name;
        protocol::Role role;
        bool sign;
        std::vector<int> queues;  // 0 Support, 1 Sales
    };
    const Person people[] = {
        {"alice", "Alice Martin", protocol::Role::agent, true, {0}},
        {"bob", "Bob Novak", protocol::Role::agent, false, {0}},
        {"carol", "Carol Jensen", protocol::Role::agent, true, {0, 1}},
        {"sam", "Sam Okafor", protocol::Role::supervisor, true, {0, 1}},
        {"admin", "Admin", protocol::Role::admin, false, {}},
    };
    std::vector<std::string> hashes;
    for (std::size_t i = 0; i < std::size(people); ++i)
        hashes.push_back(auth::hash_password("demo"));
    store.write([&](store::WriteTx& tx) {
        support = tx.insert_queue("Support");
        sales = tx.insert_queue("Sales");
        const Id queue_ids[] = {support, sales};
        for (std::size_t i = 0; i < std::size(people); ++i) {
            const auto& p = people[i];
            const Id id =
                tx.insert_staff(p.login, p.name, p.role, hashes[i], now - 30 * 86'400'000LL);
            for (int q : p.queues) tx.add_member(queue_ids[q], id);
            protocol::MePatch patch;
            patch.sign = p.sign;
            tx.update_staff(id, patch);
            staff[p.login] = *tx.staff(id);
        }
        tx.insert_audit({now, "system", std::nullopt, "demo-data", std::nullopt, "demo accounts"});
        add_demo_canned_replies(tx, staff, now);
    });

    Demo d{store, now - 6 * 60 * kMinute};
    d.staff = staff;

    // Resolved earlier today.
    Id c = d.start("Emma Wilson", "emma.wilson@example.com", sales,
                   "Hi! Can I switch our plan from monthly to yearly billing?");
    d.accept("carol", c);
    d.says("carol", c,
           "Hello Emma, yes, you can. I have switched it for you from the next invoice.");
    d.contact_says(c, "Perfect, thank you!");
    d.says("carol", c, "You're welcome. Have a nice day!");
    d.later(4);
    d.chats.resolve(d.staff.at("carol"), c, std::nullopt);

    c = d.start("Noah Kim", "noah.kim@example.org", support,
                "The export to CSV button does nothing in Firefox.");
    d.accept("alice", c);
    d.says("alice", c, "Thanks for the report, Noah. Which version of Firefox do you use?");
    d.contact_says(c, "Firefox 121 on Ubuntu.");
    d.says("alice", c,
           "Known issue, fixed in today's release. Please reload the page (Ctrl+Shift+R).");
    d.contact_says(c, "Works now. Great!");
    d.later(3);
    d.chats.resolve(d.staff.at("alice"), c, std::nullopt);

    // Resolved, then the contact wrote again: pending once more.
    c = d.start("Priya Sharma", "priya@example.in", support,
                "How do I add a second user to our account?");
    d.accept("bob", c);
    d.says("bob", c, "Go to Settings → Team → Invite and enter their e-mail address.");
    d.later(5);
    d.chats.resolve(d.staff.at("bob"), c, std::nullopt);
    d.at(now - 25 * kMinute);
    d.contact_says(c, "The invitation e-mail never arrived, can you resend it?");

    // Working chats.
    d.at(now - 90 * kMinute);
    c = d.start("Lukas Meyer", "lukas.meyer@example.de", support,
                "Guten Tag, my invoice shows the wrong VAT number.");
    d.accept("alice", c);
    d.says("alice", c, "Hello Lukas, sorry about that. Could you send me the correct VAT number?");
    d.contact_says(c, "It is DE 123 456 789.");
    d.says("alice", c, "Billing needs to re-issue the invoice; asked Sam to approve.",
           protocol::MessageKind::note);
    d.says("alice", c,
           "Thank you. A corrected invoice will be sent to you within one working day.");
    d.contact_says(c, "Danke schön!");

    d.at(now - 70 * kMinute);
    c = d.start("Sofia Rossi", "sofia.rossi@example.it", support,
                "The mobile app crashes when I open the calendar.");
    d.accept("bob", c);
    d.says("bob", c, "Hi Sofia, does it happen on every start, or only with some events?");
    d.contact_says(c, "Every time. iPhone 13, iOS 17.2.");
    d.says("bob", c, "Crash reports show the same stack since 4.8.1; filed as APP-2231.",
           protocol::MessageKind::note);
    d.says("bob", c,
           "Thanks! Our developers are on it. Meanwhile the web calendar works as usual.");

    d.at(now - 50 * kMinute);
    c = d.start("Дмитрий Иванов", "dmitry@example.ru", sales,
                "Здравствуйте! We need a quote for 120 seats with SSO.");
    d.accept("carol", c);
    d.says("carol", c, "Hello Dmitry, happy to help. Do you need on-premise hosting as well?");
    d.contact_says(c, "No, cloud is fine. Annual billing, please.");
    d.says("sam", c, "Approved 15% volume discount for this one.", protocol::MessageKind::note);
    d.says("carol", c, "I'll send a quote with a 15% volume discount within the hour.");

    // Transferred from bob to alice.
    d.at(now - 40 * kMinute);
    c = d.start("Chloé Dubois", "chloe.dubois@example.fr", support,
                "Bonjour, I was charged twice for November.");
    d.accept("bob", c);
    d.says("bob", c, "Hello Chloé, let me check your payments.");
    d.later(2);
    {
        protocol::TransferRequest t;
        t.staff_id = d.staff.at("alice").id;
        d.chats.transfer(d.staff.at("bob"), c, t, std::nullopt);
    }
    d.says("alice", c,
           "Hi Chloé, I handle refunds. The duplicate charge is refunded now; "
           "you will see it in 3–5 days.");

    // Deleted (spam), pending before.
    d.at(now - 35 * kMinute);
    c = d.start("Free Prizes", "", support, "Congratulations!!! You won a free iPhone, click here");
    d.later(1);
    d.chats.remove(d.staff.at("bob"), c, std::nullopt);

    // Pending, waiting for somebody.
    d.at(now - 12 * kMinute);
    d.start("Jana Nováková", "jana.novakova@example.cz", support,
            "Hello, my order #4821 hasn't arrived yet. Can you check where it is?");
    d.at(now - 7 * kMinute);
    d.start("Oliver Bennett", "oliver@example.co.uk", sales,
            "Do you offer volume discounts for 50+ licences?");
    d.at(now - 3 * kMinute);
    c = d.start("Μαρία Παπαδοπούλου", "maria.p@example.gr", support,
                "Γεια σας, I can't log in to my account since this morning.");
    d.contact_says(c, "It says 'password expired' but the reset link does not work.");
    d.at(now - 1 * kMinute);
    d.start("Ahmed Hassan", "ahmed.hassan@example.com", sales,
            "Is there a discount for non-profit organisations?");
    return true;
}

}  // namespace sb::server
