// libFuzzer target: the protocol codec (src/protocol) on arbitrary bytes. Every wire type's
// strict decoder and the server-frame decoder must either succeed or throw DecodeError, never
// crash, hang or read out of bounds; a value that decodes must encode, and decode again to an
// equal value (round trip). The UTF-8 and limit checks of validate.h run on the same bytes.
#include <algorithm>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "protocol/json.h"
#include "protocol/validate.h"

namespace {

using namespace sb::protocol;

template <class T>
void decode_one(std::string_view text) {
    T value;
    try {
        value = decode<T>(text);
    } catch (const DecodeError&) {
        return;  // refused cleanly: fine
    }
    const std::string again = encode(value);
    T back;
    try {
        back = decode<T>(again);
    } catch (const DecodeError&) {
        std::abort();  // the codec refuses its own output
    }
    if constexpr (std::equality_comparable<T>) {
        if (!(back == value)) std::abort();  // the round trip lost or changed something
    }
}

template <class... T>
void decode_all(std::string_view text) {
    (decode_one<T>(text), ...);
}

void validate(std::string_view text) {
    if (valid_utf8(text)) {
        // At most 40 code points of the text (one more allowed for an ellipsis), still UTF-8.
        const auto preview = utf8_preview(text, 40);
        if (!valid_utf8(preview) ||
            utf8_length(preview) > std::min<size_t>(utf8_length(text), 40) + 1)
            std::abort();
    }
    (void)check_name("name", text);
    (void)check_message_body(text);
    (void)check_client_id(text);
    (void)check_canned_shortcut(text);
    (void)check_canned_body(text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    decode_all<Queue, StaffRef, Contact, Chat, Author, Message, Staff, Typing, Event, Error, Hello,
               Ready, Resync, LoginRequest, LoginResponse, MePatch, StaffList, QueueList, Counts,
               ChatPage, MessagePage, SendMessageRequest, TransferRequest, ContactStartRequest,
               ContactStartResponse, Thresholds, Stats, CannedReply, CannedReplyList,
               CannedCreateRequest, CannedPatchRequest>(text);
    try {
        (void)decode_server_frame(text);
    } catch (const DecodeError&) {
    }
    validate(text);
    return 0;
}
