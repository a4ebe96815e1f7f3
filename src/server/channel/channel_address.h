// How a contact who writes through an integration is named on their contact record: the
// contact's `channel` field is "<integration label>:<external contact id>" (a web widget contact
// has "web"). The webhook reads it back to know where a staff reply goes.
#pragma once

#include <optional>
#include <string>

namespace sb::server::channel {

struct ChannelAddress {
    std::string label;        // the integration token's label
    std::string external_id;  // the integration's id of the contact (a phone number, say)
};

inline std::string to_channel(const ChannelAddress& a) {
    return a.label + ":" + a.external_id;
}

inline std::optional<ChannelAddress> parse_channel(const std::string& channel) {
    const auto colon = channel.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == channel.size())
        return std::nullopt;
    return ChannelAddress{channel.substr(0, colon), channel.substr(colon + 1)};
}

}  // namespace sb::server::channel
