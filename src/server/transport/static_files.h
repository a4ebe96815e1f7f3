// The web build's files, read once at start-up and served from memory: correct MIME types
// (application/wasm for .wasm), the gzip variant built beside each file when the client accepts
// it, ETag revalidation. Page routes ("/", "/kiosk", "/widget") map to their HTML files.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace sb::server {

struct StaticFile {
    std::string content_type;
    std::string body;
    std::string gzip_body;  // empty when no .gz was built
    std::string etag;
    std::string cache_control;
};

class StaticFiles {
  public:
    // Loads every file under dir (not following into hidden folders). Missing dir: empty set.
    explicit StaticFiles(const std::string& dir);
    // path is the request path ("/", "/switchboard.wasm"). nullptr when not found.
    const StaticFile* find(const std::string& path) const;
    size_t size() const { return files_.size(); }

  private:
    std::map<std::string, StaticFile> files_;
};

std::string mime_type_for(const std::string& path);

}  // namespace sb::server
