#include "text_file.h"

#include <cstdio>

namespace sd {

bool read_text_file(const std::string& path, size_t cap, std::string& out, std::string& error) {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f) {
        error = path + ": cannot open";
        return false;
    }
    out.clear();
    char buf[65536];
    size_t got;
    while (out.size() <= cap && (got = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, got);
    const bool bad = std::ferror(f) != 0;
    std::fclose(f);
    if (bad) {
        error = path + ": cannot read";
        return false;
    }
    return true;
}

}  // namespace sd
