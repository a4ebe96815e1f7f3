// See draw_data_hash.h. FNV-1a over 64-bit words: a frame's few hundred kilobytes hash in well
// under a millisecond, and a false match (a changed frame not drawn) is astronomically unlikely.
#include "platform/web/draw_data_hash.h"

#include <imgui.h>

#include <cstring>

namespace sb::web {
namespace {

class Hasher {
  public:
    void bytes(const void* data, size_t n) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (; n >= 8; n -= 8, p += 8) {
            uint64_t w;
            std::memcpy(&w, p, 8);
            mix(w);
        }
        uint64_t tail = 0;
        std::memcpy(&tail, p, n);
        mix(tail ^ n);
    }
    template <typename T>
    void value(const T& v) {
        bytes(&v, sizeof v);
    }
    uint64_t result() const { return h_; }

  private:
    void mix(uint64_t w) { h_ = (h_ ^ w) * 1099511628211ull; }
    uint64_t h_ = 1469598103934665603ull;
};

}  // namespace

uint64_t hash_draw_data(const ImDrawData& data) {
    Hasher h;
    h.value(data.DisplayPos);
    h.value(data.DisplaySize);
    h.value(data.FramebufferScale);
    for (int i = 0; i < data.CmdListsCount; ++i) {
        const ImDrawList& list = *data.CmdLists[i];
        h.bytes(list.VtxBuffer.Data, static_cast<size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        h.bytes(list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            h.value(cmd.ClipRect);
            h.value(cmd.TextureId);
            h.value(cmd.VtxOffset);
            h.value(cmd.IdxOffset);
            h.value(cmd.ElemCount);
            h.value(cmd.UserCallback != nullptr);
        }
    }
    return h.result();
}

}  // namespace sb::web
