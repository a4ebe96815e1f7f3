#include "server/transport/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace sb::server {
namespace fs = std::filesystem;

namespace {

std::string read_all(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool ends_with(const std::string& s, const std::string& suffix) {
    return s.size() >= suffix.size() &&
           s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string etag_of(const std::string& body) {
    // FNV-1a 64: a content hash is all an ETag needs to be.
    uint64_t h = 1469598103934665603ull;
    for (unsigned char c : body) h = (h ^ c) * 1099511628211ull;
    char buf[24];
    std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace

std::string mime_type_for(const std::string& path) {
    static const std::pair<const char*, const char*> kTypes[] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".wasm", "application/wasm"},
        {".data", "application/octet-stream"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".webmanifest", "application/manifest+json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".ico", "image/x-icon"},
        {".ttf", "font/ttf"},
        {".woff2", "font/woff2"},
        {".txt", "text/plain; charset=utf-8"},
    };
    for (const auto& [ext, type] : kTypes)
        if (ends_with(path, ext)) return type;
    return "application/octet-stream";
}

StaticFiles::StaticFiles(const std::string& dir) {
    if (dir.empty() || !fs::is_directory(dir)) return;
    for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
         ++it) {
        const auto name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
            if (it->is_directory()) it.disable_recursion_pending();
            continue;
        }
        if (!it->is_regular_file() || ends_with(name, ".gz")) continue;
        std::string url = "/" + fs::relative(it->path(), dir).generic_string();
        StaticFile f;
        f.content_type = mime_type_for(url);
        f.body = read_all(it->path());
        fs::path gz = it->path();
        gz += ".gz";
        if (fs::exists(gz)) f.gzip_body = read_all(gz);
        f.etag = etag_of(f.body);
        // Names carry no content hash, so browsers revalidate (cheap 304 with the ETag).
        f.cache_control = "no-cache";
        files_.emplace(std::move(url), std::move(f));
    }
    // Pages: the console at "/", the kiosk at "/kiosk" (same app), the widget at "/widget".
    auto alias = [&](const std::string& route, const std::string& file) {
        auto it = files_.find(file);
        if (it != files_.end()) files_.emplace(route, it->second);
    };
    alias("/", "/index.html");
    alias("/kiosk", "/index.html");
    alias("/widget", "/widget.html");
}

const StaticFile* StaticFiles::find(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : &it->second;
}

}  // namespace sb::server
