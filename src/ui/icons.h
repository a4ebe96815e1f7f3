// Font Awesome 4 icons used by the console, as UTF-8 strings: the ONE list of icon codepoints.
// The web build keeps exactly kIconCodepoints (below) when it subsets fontawesome-webfont.ttf, by
// reading this header, so adding an icon here is all it takes.
#pragma once

namespace sb::ui {

inline constexpr const char* kIconSearch = "\xef\x80\x82";      // U+F002 search
inline constexpr const char* kIconCheck = "\xef\x80\x8c";       // U+F00C check
inline constexpr const char* kIconTimes = "\xef\x80\x8d";       // U+F00D times (close)
inline constexpr const char* kIconUser = "\xef\x80\x87";        // U+F007 user
inline constexpr const char* kIconClock = "\xef\x80\x97";       // U+F017 clock-o
inline constexpr const char* kIconInbox = "\xef\x80\x9c";       // U+F01C inbox
inline constexpr const char* kIconPencil = "\xef\x81\x80";      // U+F040 pencil (Sign)
inline constexpr const char* kIconWarning = "\xef\x81\xb1";     // U+F071 exclamation-triangle
inline constexpr const char* kIconSignOut = "\xef\x82\x8b";     // U+F08B sign-out
inline constexpr const char* kIconPhone = "\xef\x82\x95";       // U+F095 phone
inline constexpr const char* kIconEnvelope = "\xef\x83\xa0";    // U+F0E0 envelope
inline constexpr const char* kIconUndo = "\xef\x83\xa2";        // U+F0E2 undo
inline constexpr const char* kIconCommentO = "\xef\x83\xa5";    // U+F0E5 comment-o (mark unread)
inline constexpr const char* kIconExchange = "\xef\x83\xac";    // U+F0EC exchange (transfer)
inline constexpr const char* kIconReply = "\xef\x84\x92";       // U+F112 reply (return)
inline constexpr const char* kIconCircle = "\xef\x84\x91";      // U+F111 circle (presence dot)
inline constexpr const char* kIconPaperPlane = "\xef\x87\x98";  // U+F1D8 paper-plane (send)
inline constexpr const char* kIconWifi = "\xef\x87\xab";        // U+F1EB wifi (connection)
inline constexpr const char* kIconTrash = "\xef\x87\xb8";       // U+F1F8 trash (delete)
inline constexpr const char* kIconStickyNote = "\xef\x89\x8a";  // U+F24A sticky-note-o (note)
inline constexpr const char* kIconUsers = "\xef\x83\x80";       // U+F0C0 users (shared reply)

// Every codepoint above, for the font subsetting step and the glyph ranges.
inline constexpr unsigned kIconCodepoints[] = {
    0xF002, 0xF00C, 0xF00D, 0xF007, 0xF017, 0xF01C, 0xF040, 0xF071, 0xF08B, 0xF095, 0xF0E0,
    0xF0E2, 0xF0E5, 0xF0EC, 0xF112, 0xF111, 0xF1D8, 0xF1EB, 0xF1F8, 0xF24A, 0xF0C0,
};

}  // namespace sb::ui
