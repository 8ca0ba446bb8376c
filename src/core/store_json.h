// The Store as JSON: used by the CLI (`sellerdesk demo`), the on-disk snapshot and (later) exports.
//
//   nlohmann::json j = sd::store_to_json(store);
//   sd::Store s; std::string err;
//   if (!sd::store_from_json(j, s, err)) puts(err.c_str());   // err names the place: "conversations/3/messages/0/at: ..."
//   sd::load_store_file("inbox.json", s, err);
#pragma once
#include <string>
#include <string_view>
#include <nlohmann/json.hpp>
#include "model.h"

namespace sd {

nlohmann::json store_to_json(const Store& store);
nlohmann::json conversation_to_json(const Conversation& c);
nlohmann::json order_to_json(const Order& o);
nlohmann::json customer_to_json(const Customer& c);

// Validates everything before touching `out`; on failure `out` is unchanged and `error` says where.
bool store_from_json(const nlohmann::json& j, Store& out, std::string& error);
bool store_from_text(std::string_view text, Store& out, std::string& error);
bool load_store_file(const std::string& path, Store& out, std::string& error);

}  // namespace sd
