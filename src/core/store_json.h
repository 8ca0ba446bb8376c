// The Store as JSON: the CLI's store files (`sellerdesk demo` writes one; its other commands read
// them), and a conversation in the bridge's state. Written and read from the field lists
// (model_fields.h), without the sync bookkeeping, which only exports carry.
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
// A top-level member other than customers, orders and conversations is refused
// ("extra: unknown field \"extra\"").
bool store_from_json(const nlohmann::json& j, Store& out, std::string& error);
bool store_from_text(std::string_view text, Store& out, std::string& error);
bool load_store_file(const std::string& path, Store& out, std::string& error);

}  // namespace sd
