// The inbox as CouchDB documents, for the live sync (docs/team-sync.md). Pure: no network, no clock.
//
//   conv:<id>   one conversation with its customer and order (the export's records, as written there)
//   tpl:<id>    one template of the library
//   settings    the settings that travel (the SLA policies and their edit stamp)
//   order:<id>, customer:<id>   an order or customer no conversation refers to
//   reg:<id>    one entry of a Tmall register (registers.h)
//   handover:<id>  one shift handover (handover.h)
//
//   std::vector<sd::CouchDoc> out;
//   sd::make_docs(data, {"wm-000001"}, /*templates*/ true, /*settings*/ true, out);   // to push
//   uint64_t h = sd::doc_hash(out[0].body);           // what the sync state remembers per doc ID
//
//   // Incoming: every leaf revision of every changed doc. Leaves of one doc (a CouchDB conflict)
//   // go into different rounds; each round is one export text that the ordinary import checks
//   // and merges field by field (sync.h), so the order of the rounds does not matter.
//   for (const std::string& text : sd::docs_to_export_texts(leaves, now)) import(text);
//
// Each kind of record that travels is one row of doc_kinds(), with a case where docs are made and
// where they become export text.
#pragma once
#include <cstdint>
#include <string>
#include <vector>
#include <nlohmann/json.hpp>

#include "sync.h"

namespace sd {

struct CouchDoc {
    std::string id;               // "conv:wm-000001"
    std::string rev;              // "" when the server has not seen it
    bool deleted = false;
    nlohmann::json body;          // the document without _id, _rev, _revisions
};

struct DocKind {
    const char* prefix;           // "conv:" ("settings" is a whole ID)
    const char* kind;             // the body's "kind"
    const char* section;          // where its records go in an export ("conversations", ...)
};
const std::vector<DocKind>& doc_kinds();
// The kind of a document ID, or nullptr when SellerDesk does not know it (other documents in the
// database, presence documents, design documents): those are left alone.
const DocKind* doc_kind_of(const std::string& doc_id);

// The documents of the listed conversations (unknown IDs are skipped), and of every template and
// the settings when asked. Bodies are canonical: the same data gives the same bytes.
void make_docs(const SyncData& data, const std::vector<std::string>& conversation_ids, bool templates, bool settings,
               std::vector<CouchDoc>& out);
// The documents of the orders and customers no conversation refers to (order:<id>, customer:<id>):
// the others travel inside their conversations' documents. The two steps apart: finding them walks
// every conversation; making the documents of some of them costs what they are.
void make_orphan_docs(const SyncData& data, std::vector<CouchDoc>& out);
void find_orphans(const Store& store, std::vector<std::string>& order_ids, std::vector<std::string>& customer_ids);
void make_record_docs(const SyncData& data, const std::vector<std::string>& order_ids, const std::vector<std::string>& customer_ids,
                      std::vector<CouchDoc>& out);   // unknown IDs are skipped
// The documents of the team's own records: every register entry and handover (a few hundred at most).
void make_team_docs(const SyncData& data, std::vector<CouchDoc>& out);
// FNV-1a 64 of the body's compact JSON: equal hashes = the server holds what we hold.
uint64_t doc_hash(const nlohmann::json& body);

// CouchDB's winner among leaf revisions: not deleted first, then the higher generation ("3-…"),
// then the larger hash text. "" for an empty list.
std::string winning_rev(const std::vector<CouchDoc>& leaves);
int rev_generation(const std::string& rev);   // 0 when the text is not "<n>-<hash>"

// Export texts (docs/export-format.md) holding the incoming documents, ready for the import:
// one per round, a doc's second leaf in the second round, and so on; a customer or order that two
// docs of a round carry differently goes to a later round too (an export lists each ID once).
// Deleted leaves and documents of unknown kinds carry nothing and are skipped. `error` names a
// body that is not a SellerDesk record (then no text is made).
bool docs_to_export_texts(const std::vector<CouchDoc>& docs, Time now, std::vector<std::string>& out, std::string& error);

}  // namespace sd
