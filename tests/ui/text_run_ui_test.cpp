// The text seam (ui/text_run.h) headless, with the deterministic fake rasteriser (3/4 em per
// grapheme cluster) and ImGui's ASCII-only default font: wrapping and the ellipsis of mixed
// scripts never cut inside a cluster, lines fit their width, covered text stays on ImGui's path,
// any other line goes whole to the rasteriser with icons cut out.
#include <gtest/gtest.h>
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "headless_imgui.h"
#include "ui/grapheme.h"
#include "ui/text_run.h"

namespace {

namespace text = sb::ui::text;

// Runs fn inside a window of one frame.
template <class F>
void in_frame(F&& fn) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(ImVec2(800, 400));
    ImGui::Begin("##t", nullptr, ImGuiWindowFlags_NoDecoration);
    fn();
    ImGui::End();
    ImGui::Render();
}

bool at_cluster_boundary(const std::string& s, size_t at) {
    if (at == 0 || at == s.size()) return true;
    const std::vector<size_t> ends = text::cluster_ends(s);
    return std::find(ends.begin(), ends.end(), at) != ends.end();
}

class TextRun : public ::testing::Test {
  protected:
    void SetUp() override { text::set_rasterizer(&fake_); }
    void TearDown() override { text::set_rasterizer(nullptr); }
    sb::test::HeadlessImGui imgui_;
    text::FakeRasterizer fake_;
};

TEST_F(TextRun, CoveredTextStaysOnImGuisPathAndTheRestGoesWhole) {
    in_frame([&] {
        EXPECT_TRUE(text::covered("Hello, world"));
        EXPECT_FALSE(text::covered("Hello 你好"));
        EXPECT_FLOAT_EQ(text::width("Hello"), ImGui::CalcTextSize("Hello").x);
        // 3/4 em per cluster: 👩‍💻 and 👍🏽 are one cluster each.
        EXPECT_FLOAT_EQ(text::width("👩‍💻👍🏽"), 2 * 0.75f * ImGui::GetFontSize());
        text::text("plain ASCII");
        text::text("Hello 你好 👍🏽");
    });
    ASSERT_EQ(fake_.drawn.size(), 1u);
    EXPECT_EQ(fake_.drawn[0],
              "Hello 你好 👍🏽");  // the whole line: the browser shapes and orders it
}

TEST_F(TextRun, IconsAreCutOutOfALine) {
    in_frame([&] { text::text("\xef\x80\x87 王小明"); });  // kIconUser, then a name
    ASSERT_EQ(fake_.drawn.size(), 1u);
    EXPECT_EQ(fake_.drawn[0], " 王小明");
}

TEST_F(TextRun, WrappingMixedScriptsNeverCutsAClusterAndLinesFit) {
    const std::string s =
        "你好，我的订单没有到。 こんにちは 안녕하세요 مرحبا שלום 👍😀 Ünïcödé "
        "👩‍💻👩‍💻👩‍💻👩‍💻 "
        "🇩🇪🇩🇪 "
        "नमस्ते स्ते क्षि";
    for (float w : {40.0f, 61.0f, 100.0f, 250.0f}) {
        std::vector<text::Line> lines;
        in_frame([&] { lines = text::wrap(s, w); });
        ASSERT_GT(lines.size(), 1u) << w;
        size_t expected_begin = 0;
        for (const text::Line& l : lines) {
            EXPECT_EQ(l.begin, expected_begin) << "lines follow each other at " << w;
            EXPECT_TRUE(at_cluster_boundary(s, l.begin)) << w << " begin " << l.begin;
            EXPECT_TRUE(at_cluster_boundary(s, l.end)) << w << " end " << l.end;
            const size_t clusters = text::cluster_ends(s.substr(l.begin, l.end - l.begin)).size();
            if (clusters > 1) {
                EXPECT_LE(l.width, w + 0.01f) << s.substr(l.begin, l.end - l.begin);
            }
            expected_begin = l.end;
        }
        EXPECT_EQ(lines.back().end, s.size());
    }
    // '\n' always breaks; an RTL paragraph is its own line.
    std::vector<text::Line> lines;
    in_frame([&] { lines = text::wrap("abc\nمرحبا", 0); });
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1].begin, 4u);
}

// Bidi: each line goes whole to the browser, which orders it with the base direction of its
// paragraph (its first strong character); a right-to-left paragraph is aligned right.
TEST_F(TextRun, LinesKeepTheirParagraphsDirection) {
    const std::string ltr_first = "你好 你好 你好 שלום עולם Hello";  // a Chinese paragraph
    // (Łódź: Latin the headless font lacks, so that its line goes to the rasteriser too.)
    const std::string rtl_first = "مرحبا بالعالم Łódź Łódź 日本";  // an Arabic paragraph
    in_frame([&] {
        ImDrawList* dl = ImGui::GetWindowDrawList();
        text::draw_wrapped(dl, ImVec2(0, 0), IM_COL32_WHITE, ltr_first, 60);
        text::draw_wrapped(dl, ImVec2(0, 0), IM_COL32_WHITE, rtl_first, 60);
        text::draw(dl, ImVec2(0, 0), IM_COL32_WHITE, "123 שלום");  // digits are weak
    });
    ASSERT_EQ(fake_.drawn.size(), fake_.drawn_rtl.size());
    bool saw_hebrew_line_in_ltr = false, saw_latin_line_in_rtl = false;
    for (size_t i = 0; i < fake_.drawn.size(); ++i) {
        const std::string& run = fake_.drawn[i];
        const bool from_ltr = ltr_first.find(run) != std::string::npos;
        const bool from_rtl = rtl_first.find(run) != std::string::npos;
        if (run == "123 שלום") {
            EXPECT_TRUE(fake_.drawn_rtl[i]);
        } else if (from_ltr) {
            EXPECT_FALSE(fake_.drawn_rtl[i]) << run;
            saw_hebrew_line_in_ltr |= run.rfind("שלום", 0) == 0;
        } else {
            ASSERT_TRUE(from_rtl) << run;
            EXPECT_TRUE(fake_.drawn_rtl[i]) << run;
            saw_latin_line_in_rtl |= run.rfind("Łódź", 0) == 0;
        }
    }
    EXPECT_TRUE(saw_hebrew_line_in_ltr) << "a line of the Chinese paragraph starts in Hebrew";
    EXPECT_TRUE(saw_latin_line_in_rtl) << "a line of the Arabic paragraph starts in Latin";
}

TEST_F(TextRun, TheEllipsisKeepsWholeClusters) {
    const std::string s = "👩‍💻👍🏽🇩🇪e\u0301क्षि你好";
    in_frame([&] {
        ImFont* font = ImGui::GetFont();
        const float em = ImGui::GetFontSize();
        for (float w = em; w < em * 8; w += 3) {
            const std::string shown = text::ellipsize(font, em, s, w);
            ASSERT_FALSE(shown.empty()) << w;
            const std::string dots = "\xE2\x80\xA6";
            if (shown == s) continue;
            ASSERT_GE(shown.size(), dots.size());
            EXPECT_EQ(shown.substr(shown.size() - dots.size()), dots);
            const std::string head = shown.substr(0, shown.size() - dots.size());
            EXPECT_EQ(s.compare(0, head.size(), head), 0) << "a prefix of the text";
            EXPECT_TRUE(at_cluster_boundary(s, head.size())) << "cut at " << head.size();
            EXPECT_LE(text::width(font, em, head) + text::width(font, em, dots), w + 0.01f);
        }
        EXPECT_EQ(text::ellipsize(font, em, s, 1000), s);  // room enough: whole
    });
}

}  // namespace
