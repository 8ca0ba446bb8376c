// What a test compares to show the real inbox was left alone (training, the tour): its export
// without the moment it was made, and every file of its folder with its bytes.
#pragma once
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <catch2/catch.hpp>

#include "app/app_state.h"
#include "app/import_export.h"
#include <nlohmann/json.hpp>

namespace app_test {

inline std::string export_without_time(AppState& app) {
    ExportRequest req;
    std::string out, error;
    REQUIRE(export_json_text(app, req, out, error));
    nlohmann::json j = nlohmann::json::parse(out);
    j["header"].erase("exported_at");
    return j.dump();
}

inline std::map<std::string, std::string> folder_files(const std::string& dir) {
    std::map<std::string, std::string> files;
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        files[e.path().string()] = ss.str();
    }
    return files;
}

}  // namespace app_test
