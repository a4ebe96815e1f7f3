// Text segmentation for the text seam (text_run.h): UTF-8 decoding, extended grapheme clusters
// (UAX #29: combining marks, ZWJ emoji sequences, skin tones, regional-indicator flags, Hangul
// syllables, Indic conjuncts joined by a virama), the first strong direction of a line (to align
// right-to-left lines right), and where a line may wrap (after spaces; between CJK characters
// and emoji; never before closing CJK punctuation, never inside a cluster).
//
// Why our own: the browser shapes and draws (text_runs.js), but wrapping and the ellipsis are
// decided here, per frame, without a round trip to JavaScript, and must never cut an emoji
// sequence or a letter from its marks. The property tables are compact ranges for the scripts
// the console must read (Latin, Greek, Cyrillic, Arabic, Hebrew, Indic, Thai, CJK, Hangul,
// emoji), not the whole Unicode Character Database.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace sb::ui::text {

// Decodes the codepoint at s[i] and advances i; an invalid byte yields U+FFFD and one byte.
char32_t next_codepoint(std::string_view s, size_t& i);

// Byte offsets where grapheme clusters end: the first cluster is [0, ends[0]), the next
// [ends[0], ends[1]), … and ends.back() == s.size() (empty for an empty string).
std::vector<size_t> cluster_ends(std::string_view s);
// The end of the cluster that starts at byte `from` (s.size() at the end).
size_t next_cluster(std::string_view s, size_t from);

enum class Direction { neutral, ltr, rtl };
// The first strong direction of s (UAX #9 rules P2/P3): rtl for Hebrew, Arabic, Syriac, Thaana,
// N'Ko…; ltr for other letters; neutral when s has no strong character (digits, emoji, spaces).
Direction first_strong_direction(std::string_view s);

// Byte offsets where a line may break (the next line starts there), in increasing order, never
// 0 nor s.size(), always at a cluster boundary: after a run of spaces; before and after an
// ideograph, kana, Hangul syllable or emoji, except before closing punctuation (、。，）」…,
// small kana, the prolonged sound mark) and after opening punctuation (（「『…).
std::vector<size_t> wrap_points(std::string_view s);

// Whether cp is a space a line may end in (it is not drawn at a wrap).
bool is_space(char32_t cp);
// Whether cp is a mark or joiner that never stands alone (it does not count as a character the
// font must draw by itself: combining marks, ZWJ, variation selectors, skin-tone modifiers).
bool is_extend(char32_t cp);

}  // namespace sb::ui::text
