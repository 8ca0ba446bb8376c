// Edits to the Store, as self-contained JSON operations. Every change a user makes becomes one
// op; the op is applied, appended to the journal and replayed on the next start, so applying an
// op must be deterministic: it carries its own time, author and new IDs and never reads a clock.
//
//   json op = {{"op", "set_unread"}, {"id", "wm-000001"}, {"unread", false}};
//   std::string err;
//   if (!sd::apply_op(store, op, err)) show(err);      // refused: store unchanged, err says why
//
// Ops: set_unread {id, unread}
//      reply {id, message_id, text, author, at, [delivery], [auto_reply], [override_checks]}
//      labels {id, add: [..], remove: [..]}
//      flag_spam {id, reason}            unflag_spam {id}
//      set_status {id, status}           assign {id, agent}
//      set_draft {id, text}
//      set_delivery {id, message_id, delivery}
//      new_conversation {id, marketplace, order_id, customer_id, subject, at}   (proactive, about an order)
//      add_remark {id, remark_id, text, agent, at, flag}   add_note {id, note_id, text, agent, at}
#pragma once
#include <string>
#include <nlohmann/json.hpp>
#include "model.h"

namespace sd {

bool apply_op(Store& store, const nlohmann::json& op, std::string& error);

// Walmart's spam rule: only a pre-sale conversation with no seller answer can be flagged.
// Returns an empty string when allowed, else the reason it is refused.
std::string spam_refusal(const Conversation& c);

// True once a seller reply (outbound, delivered, not an auto-reply) exists.
bool has_seller_answer(const Conversation& c);

}  // namespace sd
