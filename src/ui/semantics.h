// The semantic tree: what the canvas shows, as roles and accessible names, rebuilt every frame so
// that the platform can mirror it into real DOM nodes (src/platform/web/a11y_mirror.*) for
// screen readers, voice control and keyboard-only use (issue 13).
//
// Two sources fill it, in submission order (which is the reading order):
//  - every interactive item ImGui reports through the test-engine hook (automation.cpp calls
//    on_item): its test id picks the role and name from one table (kNames in semantics.cpp, the
//    contract documented in docs/testing.md); items not in the table fall back to ImGui's status
//    flags (checkable, inputable) and their visible label with the icons stripped;
//  - what ImGui cannot know, added by the views: landmarks, the tablist, the chat list with its
//    true size, dialogs, the "Conversation" log, the connection status, the kiosk's figures
//    (begin/end for containers, add_text for leaves, item() to describe a reported item).
//
// Commands come back from the mirror between frames (focus, activate): apply_command turns them
// into ImGui's own activation path (the same intent as a click) and focus into the active text
// field; the focused node is outlined in the canvas.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sb::ui::semantics {

// What a node becomes in the DOM.
enum class Kind : std::uint8_t {
    container,  // <div role=...>: landmark, tablist, listbox, log, dialog, list
    text,       // <div>/<span> with text: a message, a status, a figure
    button,     // <button> (role may be tab, option, checkbox, combobox...)
    textbox,    // <input type=text>
    password,   // <input type=password>
    search,     // <input type=search>
    multiline,  // <textarea>
};

struct Node {
    std::string key;   // stable identity: test id or a view's key ("msg#41", "landmark:main")
    std::string role;  // ARIA role ("" for a plain text node)
    std::string name;  // accessible name (text content for text nodes)
    Kind kind = Kind::container;
    int parent = -1;                   // index in the tree, -1: the root
    ImGuiID item = 0;                  // the ImGui item behind it (activation target), 0: none
    float x = 0, y = 0, w = 0, h = 0;  // CSS pixels; w == 0: not positioned
    std::int8_t selected = -1;         // aria-selected (-1: not stated)
    std::int8_t checked = -1;          // aria-checked
    std::int8_t expanded = -1;         // aria-expanded
    bool disabled = false;
    bool modal = false;             // aria-modal (dialogs)
    bool active_text = false;       // ImGui's active text field now
    int setsize = 0, posinset = 0;  // list rows: the true size and position (1-based)
    std::string live;               // aria-live ("polite" for the log)
    std::string value;              // a combobox's current choice
};

struct Tree {
    std::vector<Node> nodes;  // depth-first, in reading order
    const Node* find(std::string_view key) const;
};

// ---- for the views (no-ops when the tree is off, e.g. a context without automation) ----

// Opens a container; nodes added until the matching end() are its children. Its rectangle is
// `rect`, or else the current window's.
void begin(std::string_view role, std::string_view name, std::string_view key,
           const ImRect* rect = nullptr);
void end();
// A text leaf (a message in the log, the connection state, a kiosk figure).
void add_text(std::string_view role, std::string_view name, std::string_view key);
// The node of an item reported this frame (by test id), to describe it further; nullptr when it
// was not drawn.
Node* item(std::string_view key);

// ---- for automation.cpp's hook ----
void on_item(std::string_view test_id, std::string_view label, ImGuiID id, const ImRect& rect,
             ImGuiItemStatusFlags status);
// A combo just reported by begin_combo (automation.h): its current choice and whether it is open.
void describe_combo(std::string_view test_id, ImGuiID id, std::string_view preview, bool open);

// ---- for the platform ----

// Turns the tree on for the current ImGui context (called by enable_automation).
void enable();
// Off: views and hooks add nothing (bench/console_frame's reference; on by default).
void set_enabled(bool on);
// The tree of the last completed frame (empty when off).
const Tree& tree();
// The tree as JSON for the mirror, and its hash (changes iff the JSON does).
std::string tree_json(const Tree& t);
std::uint64_t tree_hash(std::string_view json);

// focus / activate: what the user did in the DOM; follow: DOM focus moved because the mirror moved
// it (following ImGui, entering a dialog): only the outline follows, ImGui is not touched.
enum class Command { focus, activate, blur, follow };
// Applies a command from the mirror; call between frames (before NewFrame). Returns false when
// the key is not in the last tree.
bool apply_command(Command c, std::string_view key);
// The key DOM focus is on ("" none): outlined in the canvas.
const std::string& focused_key();

// ---- spoken text (also used by tests) ----

// "less than a minute", "1 minute", "24 minutes", "2 hours 5 minutes".
std::string spoken_duration(double seconds);
// The label without icon glyphs (Font Awesome, U+E000..U+F8FF) and the surrounding spaces.
std::string strip_icons(std::string_view label);
// The table entry for a test id: role and name ("" name: use the label). False: not in the table.
struct NameEntry {
    std::string role;
    std::string name;
    Kind kind;
};
bool lookup_name(std::string_view test_id, std::string_view label, NameEntry& out);

}  // namespace sb::ui::semantics
