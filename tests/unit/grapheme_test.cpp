// ui/grapheme.h: extended grapheme clusters (UAX #29), the first strong direction (UAX #9 P2/P3)
// and wrap points, table-driven over the scripts and emoji sequences the console must read.
#include "ui/grapheme.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using sb::ui::text::cluster_ends;
using sb::ui::text::Direction;
using sb::ui::text::first_strong_direction;
using sb::ui::text::wrap_points;

std::vector<std::string> clusters(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t end : cluster_ends(s)) {
        out.push_back(s.substr(start, end - start));
        start = end;
    }
    return out;
}

struct ClusterCase {
    const char* what;
    std::string text;
    std::vector<std::string> expected;
};

TEST(Grapheme, ClustersOfEveryScriptAndEmojiSequence) {
    const ClusterCase cases[] = {
        {"ASCII", "abc", {"a", "b", "c"}},
        {"CR LF is one", "a\r\nb", {"a", "\r\n", "b"}},
        {"combining marks stay with their base", "e\u0301u\u0308", {"e\u0301", "u\u0308"}},
        {"precomposed Latin", "Ünï", {"Ü", "n", "ï"}},
        {"ZWJ sequence woman technologist", "👩‍💻!", {"👩‍💻", "!"}},
        {"family of four", "👨‍👩‍👧‍👦", {"👨‍👩‍👧‍👦"}},
        {"skin tone modifier", "👍🏽👍", {"👍🏽", "👍"}},
        {"flags pair regional indicators", "🇩🇪🇫🇷", {"🇩🇪", "🇫🇷"}},
        {"an odd regional indicator stands alone", "🇩🇪🇫", {"🇩🇪", "🇫"}},
        {"variation selector", "❤️x", {"❤️", "x"}},
        {"keycap", "1️⃣", {"1️⃣"}},
        {"Hangul syllables", "안녕", {"안", "녕"}},
        {"Hangul jamo L V T", "\u1100\u1161\u11A8\u1100", {"\u1100\u1161\u11A8", "\u1100"}},
        {"Devanagari vowel signs", "नमस्ते", {"न", "म", "स्ते"}},
        {"Devanagari conjunct through a virama", "क्षि", {"क्षि"}},
        {"Thai marks", "สวัสดี", {"ส", "วั", "ส", "ดี"}},
        {"Thai sara am is a spacing mark", "ทำ", {"ทำ"}},
        {"Arabic letters with harakat", "مَرحبا", {"مَ", "ر", "ح", "ب", "ا"}},
        {"Hebrew with points", "שָׁלוֹם", {"שָׁ", "ל", "וֹ", "ם"}},
        {"CJK ideographs", "你好", {"你", "好"}},
        {"invalid UTF-8 is one replacement per byte", std::string("a\xFFz"), {"a", "\xFF", "z"}},
    };
    for (const auto& c : cases) EXPECT_EQ(clusters(c.text), c.expected) << c.what;
}

TEST(Grapheme, FirstStrongDirection) {
    EXPECT_EQ(first_strong_direction("Hello مرحبا"), Direction::ltr);
    EXPECT_EQ(first_strong_direction("مرحبا Hello"), Direction::rtl);
    EXPECT_EQ(first_strong_direction("123 שלום"), Direction::rtl);  // digits are weak
    EXPECT_EQ(first_strong_direction("👍 😀 !?"), Direction::neutral);
    EXPECT_EQ(first_strong_direction("«\u064E» Здравствуйте"),
              Direction::ltr);  // a mark is not strong
    EXPECT_EQ(first_strong_direction("你好"), Direction::ltr);
    EXPECT_EQ(first_strong_direction(""), Direction::neutral);
}

// The text after each wrap point.
std::vector<std::string> pieces(const std::string& s) {
    std::vector<std::string> out;
    size_t start = 0;
    for (size_t p : wrap_points(s)) {
        out.push_back(s.substr(start, p - start));
        start = p;
    }
    out.push_back(s.substr(start));
    return out;
}

TEST(Grapheme, WrapPoints) {
    EXPECT_EQ(pieces("one two  three"), (std::vector<std::string>{"one ", "two  ", "three"}));
    // CJK may break between characters, never before closing punctuation.
    EXPECT_EQ(pieces("你好，我的"), (std::vector<std::string>{"你", "好，", "我", "的"}));
    EXPECT_EQ(pieces("こんにちは。"), (std::vector<std::string>{"こ", "ん", "に", "ち", "は。"}));
    // …and never after opening punctuation.
    EXPECT_EQ(pieces("「東京」"), (std::vector<std::string>{"「東", "京」"}));
    // Small kana and the prolonged sound mark stay with what precedes them.
    EXPECT_EQ(pieces("ちょっとラーメン"),
              (std::vector<std::string>{"ちょっ", "と", "ラー", "メ", "ン"}));
    // Emoji sequences are whole and breakable around; a Latin word is not broken inside.
    EXPECT_EQ(pieces("ok👩‍💻👍🏽done"),
              (std::vector<std::string>{"ok", "👩‍💻", "👍🏽", "done"}));
    // Thai and Devanagari words break only at spaces (no dictionary here): never inside.
    EXPECT_EQ(pieces("สวัสดี नमस्ते"), (std::vector<std::string>{"สวัสดี ", "नमस्ते"}));
    for (const std::string s : {"👩‍💻 👍🏽 🇩🇪", "e\u0301 e\u0301", "क्षि क्षि"}) {
        const std::vector<size_t> ends = cluster_ends(s);
        for (size_t p : wrap_points(s))
            EXPECT_NE(std::find(ends.begin(), ends.end(), p), ends.end()) << s << " at " << p;
    }
}

}  // namespace
