// The simulator's lines; see script.h.
#include "sim/script.h"

#include <array>
#include <cctype>

namespace sb::sim {

namespace {

constexpr std::array kFirst = {"Anna",   "Ben",   "Chloé", "Dmitri", "Elif", "Farah", "Giulia",
                               "Hiro",   "Ines",  "Jonas", "Kofi",   "Lena", "Mateo", "Nadia",
                               "Oskar",  "Priya", "Quinn", "Rosa",   "Sven", "Tomás", "Uma",
                               "Viktor", "Wen",   "Yara",  "Zoë",    "Amir", "Björn", "Chen"};
constexpr std::array kLast = {"Novak",   "Schmidt",  "García",  "Okafor",  "Rossi",  "Tanaka",
                              "Dubois",  "Kowalski", "Nielsen", "Haddad",  "Silva",  "Müller",
                              "Ivanova", "Kim",      "Larsen",  "O'Brien", "Yilmaz", "Fischer"};
constexpr std::array kOpenings = {
    "Hello, my order #{n} hasn't arrived yet. Can you check where it is?",
    "Hi! I was charged twice for my subscription this month.",
    "The password reset link says it has expired. What can I do?",
    "Can I change the delivery address of order #{n}?",
    "Do you ship to Norway? I could not find it in the FAQ.",
    "I'd like to upgrade to the team plan for 12 people. What does it cost?",
    "The app crashes when I open the settings page on my phone.",
    "Hi, I never got the invitation e-mail for my colleague.",
    "Is there a discount for non-profits?",
    "My invoice shows the wrong VAT number, can you correct it?",
    "How do I export all my data as CSV?",
    "Hello? The tracking page says 'delivered' but there is nothing here.",
};
constexpr std::array kFollowUps = {
    "Thanks, I'll wait.",
    "It's order #{n}.",
    "Any news?",
    "I tried that already, it still doesn't work.",
    "OK, that worked! Thank you.",
    "Could you send me a confirmation by e-mail?",
    "Sorry, one more question: is the warranty included?",
    "My e-mail is the one on the account.",
    "I'm on Android 14, if that helps.",
    "Great, thanks a lot for the quick help!",
    "Hmm, the page still shows the old address.",
    "Is someone there?",
};

std::string fill(std::string line, std::mt19937_64& rng) {
    const auto at = line.find("{n}");
    if (at != std::string::npos)
        line.replace(at, 3, std::to_string(std::uniform_int_distribution<>(1000, 99999)(rng)));
    return line;
}

}  // namespace

std::string Script::name() {
    return std::string(kFirst[pick(kFirst.size())]) + " " + kLast[pick(kLast.size())];
}

std::string Script::email_for(const std::string& name) {
    std::string local;
    for (unsigned char c : name) {
        if (std::isalpha(c))
            local += static_cast<char>(std::tolower(c));
        else if (c == ' ')
            local += '.';
    }
    return local + "@example.com";
}

std::string Script::opening() {
    return fill(kOpenings[pick(kOpenings.size())], rng_);
}

std::string Script::follow_up() {
    return fill(kFollowUps[pick(kFollowUps.size())], rng_);
}

}  // namespace sb::sim
