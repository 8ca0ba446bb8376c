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
//      set_status {id, status, [at]}     assign {id, agent}   (at: when it was closed; see closed_at)
//      set_draft {id, text}
//      set_delivery {id, message_id, delivery}
//      new_conversation {id, marketplace, order_id, customer_id, subject, at}   (proactive, about an order)
//      new_conversation {id, marketplace, order_id, customer_id, customer_name, [customer_email], subject,
//                        message_id, text, at}   (a buyer's message typed in; makes the customer and order if missing)
//      add_message {id, message_id, text, author, at}   (a buyer's message that arrived elsewhere)
//      mark_exported {id, message_ids: [..]}            (replies written to an outbox file)
//      add_remark {id, remark_id, text, agent, at, flag}   add_note {id, note_id, text, agent, at}
//      edit_remark {id, remark_id, text, [flag]}            edit_note {id, note_id, text}
//      delete_remark {id, remark_id}                        delete_note {id, note_id}
//      set_vip {id, [vip], [follow_up]}  id is the CUSTOMER's ID; follow_up "YYYY-MM-DD", or "" to clear it
//      add_defect {id, kind, at}     id is the ORDER's ID; kind a_to_z | negative_feedback | chargeback;
//                                    adding a defect the order already has (same kind and time) is refused
//
// Any op may carry "stamp": {"hlc": "<decimal>", "replica": "<replica ID>"} (stamp.h). A stamped op
// also records that stamp on every field it changes, which is what merging copies of an inbox
// needs (sync.h). Without "stamp" an op behaves exactly as before and records nothing. Deleting a
// remark or note always leaves a tombstone (with the stamp, or a zero one) so a merge does not
// bring it back.
#pragma once
#include <string>
#include <nlohmann/json.hpp>
#include "model.h"

namespace sd {

bool apply_op(Store& store, const nlohmann::json& op, std::string& error);

// {"hlc": "<decimal>", "replica": "..."}; stamp_from_json wants hlc > 0 and a non-empty replica.
nlohmann::json stamp_to_json(const Stamp& s);
bool stamp_from_json(const nlohmann::json& j, Stamp& out, std::string& error);

// The largest HLC reading anywhere in the store: pass it to next_stamp() after loading or importing.
int64_t max_hlc(const Store& store);

// Walmart's rule as derived state: an answered conversation is never spam. Moves a flag into
// edits.suppressed_spam while the conversation has a seller answer, and back when it has none.
void apply_spam_rule(Conversation& c);

// Walmart's spam rule: only a pre-sale conversation with no seller answer can be flagged.
// Returns an empty string when allowed, else the reason it is refused.
std::string spam_refusal(const Conversation& c);

// Order defects are only ever added, so copies merge as a union: `into` becomes the union of both
// lists by (kind, at), sorted by (at, kind). True when `into` changed.
bool union_defects(std::vector<Defect>& into, const std::vector<Defect>& more);

// True once a seller reply (outbound, delivered, not an auto-reply) exists.
bool has_seller_answer(const Conversation& c);

}  // namespace sd
