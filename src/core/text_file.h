// Reading a small data file (a template library, a scenario pack) whole, with a cap on its size.
#pragma once
#include <cstddef>
#include <string>

namespace sd {

// Reads at most `cap` + 1 bytes of `path` into `out` (so a caller sees that the file is over its
// cap); false with "PATH: cannot open" or "PATH: cannot read" in `error`. C stdio: a directory or
// an unreadable file is a plain error, never an exception.
bool read_text_file(const std::string& path, size_t cap, std::string& out, std::string& error);

}  // namespace sd
