// See semantics.h. One tree per ImGui context, built between its NewFrame and EndFrame (context
// hooks), kept complete for the platform once the frame ends.
#include "ui/semantics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <unordered_map>

#include "protocol/json.h"

namespace sb::ui::semantics {
namespace {

// ---- The names table: the contract of issue 13 (docs/testing.md, "Accessible names") ----
// A key ending in '#' matches every test id with that prefix ("accept#" matches "accept#22");
// "{id}" in the name is replaced by the rest of the test id. An empty name keeps the label.
struct TableRow {
    const char* key;
    const char* role;
    const char* name;
    Kind kind;
};
constexpr TableRow kNames[] = {
    {"login:user", "textbox", "Login", Kind::textbox},
    {"login:password", "textbox", "Password", Kind::password},
    {"login:submit", "button", "Log in", Kind::button},
    {"search:input", "searchbox", "Search", Kind::search},
    {"search:button", "button", "Search", Kind::button},
    {"search:clear", "button", "", Kind::button},
    {"tab:working", "tab", "", Kind::button},
    {"tab:pending", "tab", "", Kind::button},
    {"tab:resolved", "tab", "", Kind::button},
    {"tab:deleted", "button", "Deleted chats", Kind::button},
    {"working:scope", "checkbox", "All staff", Kind::button},
    {"chatrow#", "button", "", Kind::button},
    {"accept#", "button", "Accept #{id}", Kind::button},
    {"restore#", "button", "Restore #{id}", Kind::button},
    {"chat:transfer", "button", "Transfer", Kind::button},
    {"chat:delete", "button", "Delete", Kind::button},
    {"chat:unread", "button", "Mark as unread", Kind::button},
    {"chat:return", "button", "Return", Kind::button},
    {"chat:resolve", "button", "Resolve", Kind::button},
    {"chat:close", "button", "Close chat", Kind::button},
    {"chat:accept", "button", "Accept", Kind::button},
    {"chat:restore", "button", "Restore", Kind::button},
    {"chat:composer", "textbox", "Reply", Kind::multiline},
    {"chat:send", "button", "Send", Kind::button},
    {"chat:note", "checkbox", "Note", Kind::button},
    {"me:sign", "checkbox", "Sign", Kind::button},
    {"me:presence", "combobox", "Presence", Kind::button},
    {"transfer:queue", "combobox", "Queue", Kind::button},
    {"staff:role", "combobox", "Role", Kind::button},
    {"token:kind", "combobox", "Kind", Kind::button},
    {"audit:staff", "combobox", "Staff member", Kind::button},
    {"presence:", "option", "", Kind::button},
    {"canned:open", "button", "Canned replies", Kind::button},
    {"logout", "button", "Log out", Kind::button},
    {"admin:open", "button", "Admin", Kind::button},
    {"admin:inbox", "button", "Inbox", Kind::button},
    {"transfer:input", "textbox", "Staff member", Kind::textbox},
    {"transfer:staff#", "option", "", Kind::button},
    {"transfer:queue#", "option", "", Kind::button},
    {"transfer:submit", "button", "Transfer", Kind::button},
    {"transfer:cancel", "button", "Cancel", Kind::button},
    {"delete:confirm", "button", "Delete", Kind::button},
    {"delete:cancel", "button", "Cancel", Kind::button},
    {"toast:undo", "button", "Undo", Kind::button},
    {"toast:dismiss-failed", "button", "Dismiss", Kind::button},
    {"contact:chat#", "button", "", Kind::button},
    {"link#", "link", "", Kind::button},
};

struct State {
    Tree building;
    Tree done;
    std::vector<int> stack;  // open containers (indices into building)
    std::string focused;
};

std::unordered_map<ImGuiContext*, std::unique_ptr<State>>& states() {
    static std::unordered_map<ImGuiContext*, std::unique_ptr<State>> s;
    return s;
}

State* state_of(ImGuiContext* ctx) {
    if (ctx == nullptr) return nullptr;
    auto& all = states();
    const auto it = all.find(ctx);
    return it == all.end() ? nullptr : it->second.get();
}

bool g_enabled = true;

State* current() {
    return g_enabled ? state_of(ImGui::GetCurrentContext()) : nullptr;
}

bool is_text_kind(Kind k) {
    return k == Kind::textbox || k == Kind::password || k == Kind::search || k == Kind::multiline;
}

Node& push_node(State& s, std::string_view role, std::string_view name, std::string_view key,
                Kind kind) {
    Node n;
    n.key = key;
    n.role = role;
    n.name = name;
    n.kind = kind;
    n.parent = s.stack.empty() ? -1 : s.stack.back();
    s.building.nodes.push_back(std::move(n));
    return s.building.nodes.back();
}

void set_rect(Node& n, const ImRect& r) {
    n.x = r.Min.x;
    n.y = r.Min.y;
    n.w = r.GetWidth();
    n.h = r.GetHeight();
}

// "chat:close" → "chat close": a last resort so that no control is nameless.
std::string humanize(std::string_view test_id) {
    std::string out(test_id);
    for (char& c : out)
        if (c == ':' || c == '_' || c == '-') c = ' ';
    return out;
}

// Outlines the node DOM focus is on, on top of everything (the canvas shows keyboard focus).
void draw_focus_ring(const State& s) {
    if (s.focused.empty()) return;
    const Node* n = s.building.find(s.focused);
    if (n == nullptr || n->w <= 0) return;
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const ImVec4 c = ImGui::GetStyleColorVec4(ImGuiCol_NavHighlight);
    dl->AddRect(ImVec2(n->x - 2, n->y - 2), ImVec2(n->x + n->w + 2, n->y + n->h + 2),
                ImGui::ColorConvertFloat4ToU32(ImVec4(c.x, c.y, c.z, 1.0f)), 3.0f, 0, 2.5f);
}

void on_end_frame(State& s, ImGuiContext& g) {
    for (Node& n : s.building.nodes)
        if (n.item != 0 && is_text_kind(n.kind) && g.ActiveId == n.item) n.active_text = true;
    draw_focus_ring(s);
}

void append_rect_number(std::string& out, const char* field, float v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, ",\"%s\":%.0f", field, std::isfinite(v) ? v : 0.0f);
    out += buf;
}

}  // namespace

const Node* Tree::find(std::string_view key) const {
    for (const Node& n : nodes)
        if (n.key == key) return &n;
    return nullptr;
}

void enable() {
    ImGuiContext* ctx = ImGui::GetCurrentContext();
    if (ctx == nullptr || state_of(ctx) != nullptr) return;
    states()[ctx] = std::make_unique<State>();
    ImGuiContextHook hook;
    hook.Type = ImGuiContextHookType_NewFramePre;
    hook.Callback = [](ImGuiContext* c, ImGuiContextHook*) {
        if (State* s = state_of(c)) {
            s->building.nodes.clear();
            s->stack.clear();
        }
    };
    ImGui::AddContextHook(ctx, &hook);
    hook.Type = ImGuiContextHookType_EndFramePre;
    hook.Callback = [](ImGuiContext* c, ImGuiContextHook*) {
        if (State* s = state_of(c)) on_end_frame(*s, *c);
    };
    ImGui::AddContextHook(ctx, &hook);
    hook.Type = ImGuiContextHookType_EndFramePost;
    hook.Callback = [](ImGuiContext* c, ImGuiContextHook*) {
        if (State* s = state_of(c)) {
            std::swap(s->done, s->building);
            s->stack.clear();
        }
    };
    ImGui::AddContextHook(ctx, &hook);
    hook.Type = ImGuiContextHookType_Shutdown;
    hook.Callback = [](ImGuiContext* c, ImGuiContextHook*) { states().erase(c); };
    ImGui::AddContextHook(ctx, &hook);
}

void begin(std::string_view role, std::string_view name, std::string_view key, const ImRect* rect) {
    State* s = current();
    if (s == nullptr) return;
    Node& n = push_node(*s, role, name, key, Kind::container);
    // Without a rectangle of its own, a container covers the window it is drawn in.
    const ImGuiWindow* window = ImGui::GetCurrentContext()->CurrentWindow;
    if (rect)
        set_rect(n, *rect);
    else if (window)
        set_rect(n, window->Rect());
    s->stack.push_back(static_cast<int>(s->building.nodes.size()) - 1);
}

void end() {
    State* s = current();
    if (s != nullptr && !s->stack.empty()) s->stack.pop_back();
}

void add_text(std::string_view role, std::string_view name, std::string_view key) {
    State* s = current();
    if (s == nullptr) return;
    push_node(*s, role, name, key, Kind::text);
}

void describe_combo(std::string_view test_id, ImGuiID id, std::string_view preview, bool open) {
    Node* n = item(test_id);
    if (n == nullptr || n->item != id) return;
    n->value = preview;
    n->expanded = open ? 1 : 0;
}

Node* item(std::string_view key) {
    State* s = current();
    if (s == nullptr) return nullptr;
    for (auto it = s->building.nodes.rbegin(); it != s->building.nodes.rend(); ++it)
        if (it->key == key) return &*it;
    return nullptr;
}

bool lookup_name(std::string_view test_id, std::string_view label, NameEntry& out) {
    for (const TableRow& row : kNames) {
        const std::string_view key = row.key;
        const bool prefix = !key.empty() && (key.back() == '#' || key.back() == ':');
        if (prefix ? test_id.substr(0, key.size()) != key : test_id != key) continue;
        if (prefix && test_id.size() == key.size()) continue;
        out.role = row.role;
        out.kind = row.kind;
        std::string name = row.name;
        if (name.empty()) name = strip_icons(label);
        const size_t at = name.find("{id}");
        if (at != std::string::npos) name.replace(at, 4, test_id.substr(key.size()));
        out.name = std::move(name);
        return true;
    }
    return false;
}

void on_item(std::string_view test_id, std::string_view label, ImGuiID id, const ImRect& rect,
             ImGuiItemStatusFlags status) {
    State* s = current();
    if (s == nullptr) return;
    NameEntry e;
    if (!lookup_name(test_id, label, e)) {
        e.kind = Kind::button;
        e.role = "button";
        if (status & ImGuiItemStatusFlags_Checkable) e.role = "checkbox";
        if (status & ImGuiItemStatusFlags_Inputable) {
            e.role = "textbox";
            e.kind = Kind::textbox;
        }
        e.name = strip_icons(label);
    }
    if (e.name.empty()) e.name = humanize(test_id);
    Node& n = push_node(*s, e.role, e.name, test_id, e.kind);
    n.item = id;
    set_rect(n, rect);
    if (e.role == "checkbox") n.checked = (status & ImGuiItemStatusFlags_Checked) ? 1 : 0;
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g.LastItemData.ID == id && (g.LastItemData.InFlags & ImGuiItemFlags_Disabled))
        n.disabled = true;
}

void set_enabled(bool on) {
    g_enabled = on;
}

const Tree& tree() {
    static const Tree none;
    State* s = current();
    return s ? s->done : none;
}

std::string tree_json(const Tree& t) {
    std::string out;
    out.reserve(t.nodes.size() * 96);
    out += '[';
    for (size_t i = 0; i < t.nodes.size(); ++i) {
        const Node& n = t.nodes[i];
        if (i) out += ',';
        out += "{\"k\":";
        protocol::append_json_string(out, n.key);
        out += ",\"r\":";
        protocol::append_json_string(out, n.role);
        out += ",\"n\":";
        protocol::append_json_string(out, n.name);
        out += ",\"t\":";
        out += std::to_string(static_cast<int>(n.kind));
        out += ",\"p\":";
        out += std::to_string(n.parent);
        if (n.w > 0) {
            append_rect_number(out, "x", n.x);
            append_rect_number(out, "y", n.y);
            append_rect_number(out, "w", n.w);
            append_rect_number(out, "h", n.h);
        }
        if (n.selected >= 0) out += n.selected ? ",\"sel\":1" : ",\"sel\":0";
        if (n.checked >= 0) out += n.checked ? ",\"chk\":1" : ",\"chk\":0";
        if (n.expanded >= 0) out += n.expanded ? ",\"exp\":1" : ",\"exp\":0";
        if (n.disabled) out += ",\"dis\":1";
        if (n.modal) out += ",\"modal\":1";
        if (n.active_text) out += ",\"act\":1";
        if (n.setsize > 0) {
            out += ",\"ss\":" + std::to_string(n.setsize);
            out += ",\"pos\":" + std::to_string(n.posinset);
        }
        if (!n.value.empty()) {
            out += ",\"v\":";
            protocol::append_json_string(out, n.value);
        }
        if (!n.live.empty()) {
            out += ",\"live\":";
            protocol::append_json_string(out, n.live);
        }
        out += '}';
    }
    out += ']';
    return out;
}

std::uint64_t tree_hash(std::string_view json) {
    std::uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : json) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}

bool apply_command(Command c, std::string_view key) {
    State* s = current();
    if (s == nullptr) return false;
    if (c == Command::blur) {
        s->focused.clear();
        return true;
    }
    if (c == Command::follow) {
        s->focused = std::string(key);
        return true;
    }
    const Node* n = s->done.find(key);
    if (n == nullptr) return false;
    s->focused = std::string(key);
    ImGuiContext& g = *ImGui::GetCurrentContext();
    if (n->item == 0) return true;
    if (is_text_kind(n->kind)) {
        // The text field becomes ImGui's active field, keeping its text and caret.
        if (g.ActiveId != n->item) {
            g.NavNextActivateId = n->item;
            g.NavNextActivateFlags =
                ImGuiActivateFlags_PreferInput | ImGuiActivateFlags_TryToPreserveState;
        }
        return true;
    }
    // Leaving a text field for another control ends the editing there (as a click elsewhere).
    if (g.ActiveId != 0 && g.InputTextState.ID == g.ActiveId) ImGui::ClearActiveID();
    if (c == Command::activate) {
        // ImGui's programmatic activation: the widget sees a press, as from a click.
        g.NavInputSource = ImGuiInputSource_Keyboard;
        ImGui::ActivateItemByID(n->item);
    }
    return true;
}

const std::string& focused_key() {
    static const std::string none;
    State* s = current();
    return s ? s->focused : none;
}

std::string spoken_duration(double seconds) {
    if (!(seconds >= 60)) return "less than a minute";
    const long minutes = static_cast<long>(seconds / 60);
    const long hours = minutes / 60;
    const long days = hours / 24;
    auto unit = [](long n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    if (days > 0) {
        const long h = hours % 24;
        return unit(days, "day", "days") + (h ? " " + unit(h, "hour", "hours") : "");
    }
    if (hours > 0) {
        const long m = minutes % 60;
        return unit(hours, "hour", "hours") + (m ? " " + unit(m, "minute", "minutes") : "");
    }
    return unit(minutes, "minute", "minutes");
}

std::string strip_icons(std::string_view label) {
    std::string out;
    out.reserve(label.size());
    for (size_t i = 0; i < label.size();) {
        const auto c = static_cast<unsigned char>(label[i]);
        // U+E000..U+F8FF (Private Use Area, where Font Awesome lives) is EE 80 80 .. EF A3 BF.
        if ((c == 0xEE || c == 0xEF) && i + 2 < label.size()) {
            const auto c1 = static_cast<unsigned char>(label[i + 1]);
            if (c == 0xEE || c1 <= 0xA3) {
                i += 3;
                continue;
            }
        }
        out += label[i++];
    }
    const size_t b = out.find_first_not_of(' ');
    if (b == std::string::npos) return "";
    const size_t e = out.find_last_not_of(' ');
    return out.substr(b, e - b + 1);
}

}  // namespace sb::ui::semantics
