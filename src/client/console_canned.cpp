// Console's canned-reply intents (E12): the list is fetched after login and on every resume
// (console.cpp, "ready"), and again when the "/" picker opens on a list older than
// kCannedMaxAge, so a supervisor's new shared reply reaches agents without a reload. The
// "Canned replies" dialog creates, edits and deletes; the server's refusals stay in the dialog.
#include "client/console.h"

namespace sb::client {

void Console::refresh_canned(bool only_if_stale) {
    if (session_ != Session::logged_in) return;
    if (canned_.loading) {
        canned_.refetch = canned_.refetch || !only_if_stale;
        return;
    }
    const double loaded = store_.canned_loaded_at();
    if (only_if_stale && loaded != 0 && now() - loaded < kCannedMaxAge) return;
    canned_.loading = true;
    api_.canned([this](ApiResult<protocol::CannedReplyList> r) {
        canned_.loading = false;
        if (canned_.refetch) {
            canned_.refetch = false;
            return refresh_canned(false);  // this answer may predate a change
        }
        if (auto* e = std::get_if<ApiError>(&r)) {
            if (e->status == 401) return fail(*e, "Canned replies were not loaded");
            return changed();  // keep the list we have; the next "/" tries again
        }
        store_.set_canned(std::move(std::get<protocol::CannedReplyList>(r).items), now());
        changed();
    });
    changed();
}

void Console::open_canned_dialog() {
    canned_.dialog_open = true;
    canned_.error.clear();
    refresh_canned(false);
    changed();
}

void Console::close_canned_dialog() {
    canned_.dialog_open = false;
    canned_.error.clear();
    changed();
}

void Console::canned_answered(const ApiError* error) {
    canned_.saving = false;
    if (error) {
        if (error->status == 401) return fail(*error, "Canned replies");
        canned_.error = error->message;
        return changed();
    }
    canned_.error.clear();
    ++canned_.changes;
    refresh_canned(false);
    changed();
}

void Console::create_canned(const protocol::CannedCreateRequest& request) {
    if (canned_.saving) return;
    canned_.saving = true;
    api_.create_canned(request, [this](ApiResult<protocol::CannedReply> r) {
        canned_answered(std::get_if<ApiError>(&r));
    });
    changed();
}

void Console::update_canned(Id id, const protocol::CannedPatchRequest& request) {
    if (canned_.saving) return;
    canned_.saving = true;
    api_.update_canned(id, request, [this](ApiResult<protocol::CannedReply> r) {
        canned_answered(std::get_if<ApiError>(&r));
    });
    changed();
}

void Console::delete_canned(Id id) {
    if (canned_.saving) return;
    canned_.saving = true;
    api_.delete_canned(id, [this](ApiResult<Ok> r) { canned_answered(std::get_if<ApiError>(&r)); });
    changed();
}

}  // namespace sb::client
