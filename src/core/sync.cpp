#include "sync.h"

#include <algorithm>
#include <tuple>
#include <utility>

#include "model_fields.h"
#include "ops.h"
#include "store_json.h"
#include "time.h"

namespace sd {

using nlohmann::json;

namespace {

// A customer's content without its VIP follow-up, which merges as registers.
Customer without_follow_up(Customer c) {
    c.vip = false;
    c.follow_up.clear();
    c.vip_edit = c.follow_up_edit = Edit();
    return c;
}
std::string customer_content(const Customer& c) { return customer_to_json(without_follow_up(c)).dump(); }
std::string order_content(const Order& o) { return order_to_json(o).dump(); }


// The parts of a record a merge handles as one value: its fixed content (field::kFixed), or what
// a remark's or note's edit covers (its fields but the ID, the fixed ones and the edit itself).
enum class Part { Fixed, Edited };
// `copying`: a field added in version 3 is left out of the canonical text (older versions hash
// without it) but still travels with its part (a remark's kind with its flag).
template <class V>
bool in_part(Part part, uint32_t tags, bool copying = false) {
    if ((tags & field::kSince3) && !copying) return false;
    if (part == Part::Fixed) return tags & field::kFixed;
    return !(tags & field::kFixed) && (tags & field::kId) != field::kId && !is_record_v<V> && !IsList<V>::value;
}

// The canonical text of a part, whose hash picks the copy to keep when two disagree. Every
// replica must compute the same bytes, across versions too: values in list order, a nested
// record's values after the record's own; a text, name or number is followed by U+001F unless it
// is the last value; a flag is one character, '1' or '0', with nothing after it.
struct PartText {
    Part part;
    std::string text;
    bool separator_due = false;
    bool whole = false;   // inside a nested record: every field counts
    std::vector<std::pair<const void*, void (*)(PartText&, const void*)>> nested;

    template <class V>
    void operator()(const char*, const V& v, uint32_t tags) {
        if (!whole && !in_part<V>(part, tags)) return;
        item(v);
    }
    template <class V>
    void item(const V& v) {
        if constexpr (is_record_v<V>) {
            nested.push_back({&v, &visit_nested<V>});
        } else if constexpr (IsList<V>::value) {
            for (const auto& x : v) item(x);
        } else {
            value(v);
        }
    }
    template <class T>
    static void visit_nested(PartText& p, const void* record) {
        Fields<T>::visit(p, *static_cast<const T*>(record));
    }
    void separate() {
        if (separator_due) text.push_back('\x1f');
    }
    void value(const std::string& s) {
        separate();
        text += s;
        separator_due = true;
    }
    void value(int64_t v) {
        separate();
        text += std::to_string(v);
        separator_due = true;
    }
    void value(bool b) {
        separate();
        text.push_back(b ? '1' : '0');
        separator_due = false;
    }
    template <class E>
    std::enable_if_t<std::is_enum_v<E>> value(E e) {
        separate();
        text += to_string(e);
        separator_due = true;
    }
};

template <class T>
std::string part_text(const T& record, Part part) {
    PartText p{part};
    Fields<T>::visit(p, record);
    p.whole = true;
    for (size_t k = 0; k < p.nested.size(); ++k) p.nested[k].second(p, p.nested[k].first);
    return p.text;
}

// Copies a part of `from` into `to`.
template <class T>
struct PartCopy {
    T& to;
    const T& from;
    Part part;
    template <class V>
    void operator()(const char*, V& v, uint32_t tags) {
        if (in_part<V>(part, tags, true)) v = same_member(to, from, v);
    }
};
template <class T>
void copy_part(T& to, const T& from, Part part) {
    PartCopy<T> copy{to, from, part};
    Fields<T>::visit(copy, to);
}

std::string text_json(const std::string& s) { return json(s).dump(-1, ' ', false, json::error_handler_t::replace); }

struct Merger {
    MergeReport& report;
    std::string conversation;   // ID of the conversation being merged, for conflicts
    bool changed = false;

    void conflict(const char* record, const std::string& id, const std::string& field, std::string kept,
                  std::string other, const Stamp& ks, const Stamp& os, bool review) {
        report.conflicts.push_back(
            {conversation, record, id, field, std::move(kept), std::move(other), ks, os, review});
    }

    // Joins one last-writer-wins register. `value_less(a, b)` orders values at equal stamps;
    // `show` turns a value into JSON text for the report. Returns true when `from` won.
    template <typename V, typename Less, typename Show>
    bool join(V& value, Edit& edit, const V& from_value, const Edit& from_edit, Less value_less, Show show,
              const char* record, const std::string& id, const std::string& field, bool review_field) {
        int c = compare(edit.stamp, from_edit.stamp);
        bool from_wins;
        if (c != 0) from_wins = c < 0;
        else if (value_less(value, from_value)) from_wins = true;
        else if (value_less(from_value, value)) from_wins = false;
        else from_wins = edit.replaced < from_edit.replaced;
        const bool differ = value_less(value, from_value) || value_less(from_value, value);
        if (differ) {
            const Edit& win = from_wins ? from_edit : edit;
            const Edit& lose = from_wins ? edit : from_edit;
            const bool both_zero = edit.stamp.zero() && from_edit.stamp.zero();
            const bool concurrent = !lose.stamp.zero() && win.replaced < lose.stamp.hlc;
            if (both_zero || concurrent)
                conflict(record, id, field, show(from_wins ? from_value : value), show(from_wins ? value : from_value),
                         win.stamp, lose.stamp, review_field && (concurrent || both_zero));
        }
        if (!from_wins) return false;
        if (differ || edit != from_edit) changed = true;
        value = from_value;
        edit = from_edit;
        return true;
    }
};

template <typename T>
bool less_plain(const T& a, const T& b) { return a < b; }
bool unread_less(bool a, bool b) { return a && !b; }   // at equal stamps "read" wins

std::string show_bool(bool b) { return b ? "true" : "false"; }
template <typename E>
std::string show_enum(E e) { return std::string("\"") + to_string(e) + "\""; }

SpamReason spam_register(const Conversation& c) {
    return c.edits.suppressed_spam != SpamReason::None ? c.edits.suppressed_spam : c.spam;
}

bool message_less(const Message& a, const Message& b) {
    return std::make_tuple(a.at, int(a.direction), std::cref(a.id)) < std::make_tuple(b.at, int(b.direction), std::cref(b.id));
}
template <typename T>
bool dated_less(const T& a, const T& b) {
    return std::make_tuple(a.at, std::cref(a.id)) < std::make_tuple(b.at, std::cref(b.id));
}

void merge_tombstones(std::vector<Tombstone>& into, const std::vector<Tombstone>& from, bool& changed) {
    for (const Tombstone& t : from) {
        auto it = std::lower_bound(into.begin(), into.end(), t.id,
                                   [](const Tombstone& x, const std::string& id) { return x.id < id; });
        if (it != into.end() && it->id == t.id) {
            if (it->stamp < t.stamp) {
                it->stamp = t.stamp;
                changed = true;
            }
        } else {
            into.insert(it, t);
            changed = true;
        }
    }
}

bool buried(const std::vector<Tombstone>& graves, const std::string& id) {
    auto it = std::lower_bound(graves.begin(), graves.end(), id,
                               [](const Tombstone& x, const std::string& v) { return x.id < v; });
    return it != graves.end() && it->id == id;
}

// Remarks and notes: union by ID minus tombstones; text (and a remark's flag) is one register.
template <typename T>
void merge_annotations(Merger& m, std::vector<T>& into, const std::vector<T>& from, std::vector<Tombstone>& graves,
                       const std::vector<Tombstone>& from_graves, const char* record) {
    merge_tombstones(graves, from_graves, m.changed);
    std::unordered_map<std::string, size_t> at;
    for (size_t i = 0; i < into.size(); ++i) at.emplace(into[i].id, i);
    for (const T& x : from) {
        auto it = at.find(x.id);
        if (it == at.end()) {
            if (buried(graves, x.id)) continue;
            into.push_back(x);
            at.emplace(x.id, into.size() - 1);
            m.changed = true;
            continue;
        }
        T& mine = into[it->second];
        // Who wrote it and when never changes.
        std::string a = part_text(mine, Part::Fixed), b = part_text(x, Part::Fixed);
        if (a != b) {
            bool take = content_wins(a, b);
            m.conflict(record, x.id, "content", text_json(take ? b : a), text_json(take ? a : b), Stamp(), Stamp(), true);
            if (take) {
                copy_part(mine, x, Part::Fixed);
                m.changed = true;
            }
        }
        std::string mv = part_text(mine, Part::Edited), xv = part_text(x, Part::Edited);
        if (m.join(mv, mine.edit, xv, x.edit, less_plain<std::string>, text_json, record, x.id, "text", true))
            copy_part(mine, x, Part::Edited);
    }
    size_t before = into.size();
    into.erase(std::remove_if(into.begin(), into.end(), [&](const T& x) { return buried(graves, x.id); }), into.end());
    if (into.size() != before) m.changed = true;
}

}  // namespace

void canonicalize(Conversation& c) {
    if (!std::is_sorted(c.labels.begin(), c.labels.end())) std::sort(c.labels.begin(), c.labels.end());
    c.labels.erase(std::unique(c.labels.begin(), c.labels.end()), c.labels.end());
    auto by_label = [](const LabelEdit& a, const LabelEdit& b) { return a.label < b.label; };
    if (!std::is_sorted(c.edits.labels.begin(), c.edits.labels.end(), by_label))
        std::sort(c.edits.labels.begin(), c.edits.labels.end(), by_label);
    if (!std::is_sorted(c.messages.begin(), c.messages.end(), message_less))
        std::stable_sort(c.messages.begin(), c.messages.end(), message_less);
    if (!std::is_sorted(c.remarks.begin(), c.remarks.end(), dated_less<Remark>))
        std::stable_sort(c.remarks.begin(), c.remarks.end(), dated_less<Remark>);
    if (!std::is_sorted(c.notes.begin(), c.notes.end(), dated_less<Note>))
        std::stable_sort(c.notes.begin(), c.notes.end(), dated_less<Note>);
    auto by_id = [](const Tombstone& a, const Tombstone& b) { return a.id < b.id; };
    for (auto* v : {&c.edits.deleted_remarks, &c.edits.deleted_notes})
        if (!std::is_sorted(v->begin(), v->end(), by_id)) std::sort(v->begin(), v->end(), by_id);
}

namespace {

// Merges `from` into `into` (same ID). Sets m.changed when `into` changed.
void merge_conversation(Merger& m, Conversation& into, const Conversation& from) {
    const std::string& id = into.id;
    // Fields that come from the marketplace and never change.
    std::string a = part_text(into, Part::Fixed), b = part_text(from, Part::Fixed);
    if (a != b) {
        bool take = content_wins(a, b);
        m.conflict("conversation", id, "content", text_json(take ? b : a), text_json(take ? a : b), Stamp(), Stamp(), true);
        if (take) {
            copy_part(into, from, Part::Fixed);
            m.changed = true;
        }
    }
    // The relay address is set once; two copies that disagree keep the larger, whichever side it is on.
    if (from.mail_to > into.mail_to) {
        into.mail_to = from.mail_to;
        m.changed = true;
    }
    ConversationEdits& e = into.edits;
    const ConversationEdits& fe = from.edits;
    m.join(into.unread, e.unread, from.unread, fe.unread, unread_less, show_bool, "conversation", id, "unread", false);
    // The closing time travels with the status: one register, so a merge never pairs one copy's
    // status with the other's closed_at. The report names the status alone.
    {
        std::pair<Status, Time> status{into.status, into.closed_at};
        auto show_status = [](const std::pair<Status, Time>& v) { return show_enum(v.first); };
        if (m.join(status, e.status, {from.status, from.closed_at}, fe.status, less_plain<std::pair<Status, Time>>, show_status,
                   "conversation", id, "status", true))
            std::tie(into.status, into.closed_at) = status;
    }
    SpamReason spam = spam_register(into), from_spam = spam_register(from);
    if (m.join(spam, e.spam, from_spam, fe.spam, less_plain<SpamReason>, show_enum<SpamReason>, "conversation", id, "spam", true)) {
        into.spam = spam;
        e.suppressed_spam = SpamReason::None;
    }
    m.join(into.assignee, e.assignee, from.assignee, fe.assignee, less_plain<std::string>, text_json, "conversation", id, "assignee", true);
    m.join(into.draft, e.draft, from.draft, fe.draft, less_plain<std::string>, text_json, "conversation", id, "draft", true);

    // Labels: one register per label; its value is whether the label is on the conversation.
    {
        std::vector<std::string> names = into.labels;
        names.insert(names.end(), from.labels.begin(), from.labels.end());
        for (const LabelEdit& l : e.labels) names.push_back(l.label);
        for (const LabelEdit& l : fe.labels) names.push_back(l.label);
        std::sort(names.begin(), names.end());
        names.erase(std::unique(names.begin(), names.end()), names.end());
        auto edit_of = [](const std::vector<LabelEdit>& v, const std::string& name) {
            auto it = std::lower_bound(v.begin(), v.end(), name, [](const LabelEdit& x, const std::string& n) { return x.label < n; });
            return it != v.end() && it->label == name ? it->edit : Edit();
        };
        std::vector<std::string> labels;
        std::vector<LabelEdit> edits;
        for (const std::string& name : names) {
            bool on = into.has_label(name), from_on = from.has_label(name);
            Edit edit = edit_of(e.labels, name);
            m.join(on, edit, from_on, edit_of(fe.labels, name), less_plain<bool>, show_bool, "conversation", id,
                   "labels/" + name, false);
            if (on) labels.push_back(name);
            if (!edit.zero()) edits.push_back({name, edit});
        }
        std::vector<std::string> old = into.labels;
        std::sort(old.begin(), old.end());
        if (old != labels) m.changed = true;
        into.labels = std::move(labels);
        e.labels = std::move(edits);
    }

    // Messages: a union by ID; delivery is the only register.
    {
        std::unordered_map<std::string, size_t> at;
        at.reserve(into.messages.size());
        for (size_t i = 0; i < into.messages.size(); ++i) at.emplace(into.messages[i].id, i);
        bool added = false;
        for (const Message& x : from.messages) {
            auto it = at.find(x.id);
            if (it == at.end()) {
                into.messages.push_back(x);
                at.emplace(x.id, into.messages.size() - 1);
                ++m.report.messages_added;
                added = m.changed = true;
                continue;
            }
            Message& mine = into.messages[it->second];
            std::string ma = part_text(mine, Part::Fixed), mb = part_text(x, Part::Fixed);
            if (ma != mb) {
                bool take = content_wins(ma, mb);
                json ja = {{"author", mine.author}, {"at", format_iso8601(mine.at)}, {"body", mine.body}};
                json jb = {{"author", x.author}, {"at", format_iso8601(x.at)}, {"body", x.body}};
                m.conflict("message", x.id, "content", (take ? jb : ja).dump(-1, ' ', false, json::error_handler_t::replace),
                           (take ? ja : jb).dump(-1, ' ', false, json::error_handler_t::replace), Stamp(), Stamp(), true);
                if (take) {
                    copy_part(mine, x, Part::Fixed);
                    added = m.changed = true;   // its time may have moved
                }
            }
            m.join(mine.delivery, mine.delivery_edit, x.delivery, x.delivery_edit, less_plain<Delivery>,
                   show_enum<Delivery>, "message", x.id, "delivery", false);
            // Written to an outbox on either side: written (a flag that only turns on joins by "or").
            if (x.exported && !mine.exported) mine.exported = m.changed = true;
        }
        if (added) std::stable_sort(into.messages.begin(), into.messages.end(), message_less);
    }

    merge_annotations(m, into.remarks, from.remarks, e.deleted_remarks, fe.deleted_remarks, "remark");
    merge_annotations(m, into.notes, from.notes, e.deleted_notes, fe.deleted_notes, "note");

    SpamReason before = into.spam;
    apply_spam_rule(into);
    if (into.spam != before) m.changed = true;
    canonicalize(into);
}

std::string template_content(const Template& t) {
    Template x = t;
    x.usage_count = 0;
    x.last_used = kNoTime;
    return template_to_json(x).dump(-1, ' ', false, json::error_handler_t::replace);
}

void merge_templates(MergeReport& report, TemplateLibrary& into, const TemplateLibrary& from) {
    Merger m{report, "", false};
    for (const Template& t : from.templates) {
        Template* mine = into.find(t.id);
        if (!mine) {
            into.templates.push_back(t);
            ++report.templates_added;
            continue;
        }
        m.changed = false;
        std::string a = template_content(*mine), b = template_content(t);
        Edit ea{mine->stamp, 0}, eb{t.stamp, 0};
        if (m.join(a, ea, b, eb, less_plain<std::string>, [](const std::string& s) { return s; }, "template", t.id,
                   "content", true)) {
            int uses = mine->usage_count;
            Time last = mine->last_used;
            *mine = t;
            mine->usage_count = uses;
            mine->last_used = last;
        }
        // Usage counts and last use are not edits: each side counts its own uses, the larger wins
        // (a join, but uses made on two machines since the last exchange are not added up).
        if (t.usage_count > mine->usage_count) {
            mine->usage_count = t.usage_count;
            m.changed = true;
        }
        if (t.last_used != kNoTime && (mine->last_used == kNoTime || t.last_used > mine->last_used)) {
            mine->last_used = t.last_used;
            m.changed = true;
        }
        if (m.changed) ++report.templates_updated;
    }
}

}  // namespace

json report_to_json(const MergeReport& r) {
    json conflicts = json::array();
    for (const MergeConflict& c : r.conflicts) {
        json kept = json::parse(c.kept, nullptr, false), other = json::parse(c.other, nullptr, false);
        json j = {{"record", c.record}, {"id", c.id}, {"field", c.field},
                  {"kept", kept.is_discarded() ? json(c.kept) : kept},
                  {"other", other.is_discarded() ? json(c.other) : other}, {"review", c.review}};
        if (!c.conversation.empty()) j["conversation"] = c.conversation;
        if (!c.kept_stamp.zero()) j["kept_stamp"] = stamp_to_json(c.kept_stamp);
        if (!c.other_stamp.zero()) j["other_stamp"] = stamp_to_json(c.other_stamp);
        conflicts.push_back(std::move(j));
    }
    size_t review = 0;
    for (const MergeConflict& c : r.conflicts) review += c.review ? 1 : 0;
    return {{"conversations", {{"added", r.conversations_added}, {"updated", r.conversations_updated},
                               {"unchanged", r.conversations_unchanged}}},
            {"messages_added", r.messages_added},
            {"customers", {{"added", r.customers_added}, {"updated", r.customers_updated}}},
            {"orders", {{"added", r.orders_added}, {"updated", r.orders_updated}}},
            {"templates", {{"added", r.templates_added}, {"updated", r.templates_updated}}},
            {"settings_updated", r.settings_updated},
            {"register_entries", {{"added", r.register_entries_added}, {"updated", r.register_entries_updated}}},
            {"added", r.added},
            {"updated", r.updated},
            {"conflicts_resolved", r.conflicts.size()},
            {"conflicts_to_review", review},
            {"conflicts", std::move(conflicts)}};
}

MergeJob begin_merge(SyncData local, SyncData incoming) {
    MergeJob job;
    job.result = std::move(local);
    job.incoming = std::move(incoming);
    SyncData& to = job.result;
    const SyncData& from = job.incoming;
    MergeReport& report = job.report;
    to.store.reindex();
    Merger m{report, "", false};
    MergeUndo& undo = job.undo;
    undo.customers = to.store.customers.size();
    undo.orders = to.store.orders.size();
    undo.conversations = to.store.conversations.size();
    undo.templates = to.templates;
    undo.sla = to.sla;
    undo.sla_edit = to.sla_edit;
    undo.handovers = to.handovers;
    report.handovers_added = add_handovers(to.handovers, from.handovers);

    // Customers never change but for their VIP follow-up: a union by ID, disagreements reported,
    // the follow-up joined as two registers.
    for (const Customer& c : from.store.customers) {
        const Customer* mine = to.store.find_customer(c.id);
        if (!mine) {
            to.store.customers.push_back(c);
            ++report.customers_added;
            continue;
        }
        if (same_fields(*mine, c)) continue;
        const size_t i = size_t(mine - to.store.customers.data());
        Customer merged = *mine;
        m.changed = false;
        if (!same_fields(without_follow_up(*mine), without_follow_up(c))) {
            std::string a = customer_content(*mine), b = customer_content(c);
            bool take = content_wins(a, b);
            m.conflict("customer", c.id, "content", take ? b : a, take ? a : b, Stamp(), Stamp(), true);
            if (take) {
                merged = c;
                merged.vip = mine->vip, merged.follow_up = mine->follow_up;
                merged.vip_edit = mine->vip_edit, merged.follow_up_edit = mine->follow_up_edit;
                m.changed = true;
            }
        }
        m.join(merged.vip, merged.vip_edit, c.vip, c.vip_edit, less_plain<bool>, show_bool, "customer", c.id, "vip", false);
        m.join(merged.follow_up, merged.follow_up_edit, c.follow_up, c.follow_up_edit, less_plain<std::string>,
               [](const std::string& d) { return json(d).dump(); }, "customer", c.id, "follow_up", false);
        if (m.changed) {
            undo.customers_before.emplace_back(i, *mine);
            to.store.customers[i] = std::move(merged);
            ++report.customers_updated;
        }
    }
    // An order's defects are only ever added: they merge as a union; the rest as above.
    for (const Order& o : from.store.orders) {
        const Order* mine = to.store.find_order(o.id);
        if (!mine) {
            to.store.orders.push_back(o);
            ++report.orders_added;
            continue;
        }
        if (same_fields(*mine, o)) continue;
        const size_t i = size_t(mine - to.store.orders.data());
        Order base_mine = *mine, base_theirs = o;
        base_mine.defects.clear();
        base_theirs.defects.clear();
        Order merged = *mine;
        bool changed = union_defects(merged.defects, o.defects);
        if (!same_fields(base_mine, base_theirs)) {
            std::string a = order_content(base_mine), b = order_content(base_theirs);
            bool take = content_wins(a, b);
            m.conflict("order", o.id, "content", take ? b : a, take ? a : b, Stamp(), Stamp(), true);
            if (take) {
                std::vector<Defect> d = std::move(merged.defects);
                merged = o;
                merged.defects = std::move(d);
                changed = true;
            }
        }
        if (changed) {
            undo.orders_before.emplace_back(i, *mine);
            to.store.orders[i] = std::move(merged);
            ++report.orders_updated;
        }
    }
    merge_templates(report, to.templates, from.templates);
    undo.registers = to.registers;
    RegisterMergeCount regs = merge_registers(to.registers, from.registers);
    report.register_entries_added = regs.added;
    report.register_entries_updated = regs.updated;

    std::string a = sla_policies_to_json(to.sla).dump(), b = sla_policies_to_json(from.sla).dump();
    m.changed = false;
    if (m.join(a, to.sla_edit, b, from.sla_edit, less_plain<std::string>, [](const std::string& s) { return s; },
               "settings", "sla_policies", "sla_policies", true)) {
        std::string err;
        SlaPolicySet set;
        if (sla_policies_from_json(json::parse(b), set, err)) to.sla = std::move(set);
    }
    report.settings_updated = m.changed;
    return job;
}

bool merge_next(MergeJob& job, size_t max_conversations) {
    Store& to = job.result.store;
    std::vector<Conversation>& from = job.incoming.store.conversations;
    // A new conversation moves over (no copy now, nothing to free later); room for all of them at
    // once, so that growing the list never moves thousands of conversations within one slice.
    if (job.next == 0) to.conversations.reserve(to.conversations.size() + from.size());
    size_t end = std::min(from.size(), job.next + max_conversations);
    for (; job.next < end; ++job.next) {
        Conversation& c = from[job.next];
        int i = to.conversation_index(c.id);
        if (i < 0) {
            ++job.report.conversations_added;
            job.report.messages_added += c.messages.size();
            job.report.added.push_back(c.id);
            to.conversations.push_back(std::move(c));
            Conversation& added = to.conversations.back();
            apply_spam_rule(added);
            canonicalize(added);
            continue;
        }
        Conversation& mine = to.conversations[size_t(i)];
        // Equal in every field, lists in the same order: the common case of an import (most
        // conversations did not change since the last exchange), answered without building anything.
        if (same_fields(mine, c)) {
            ++job.report.conversations_unchanged;
            continue;
        }
        job.undo.conversations_before.emplace_back(size_t(i), mine);
        Merger m{job.report, c.id, false};
        merge_conversation(m, mine, c);
        if (m.changed) {
            ++job.report.conversations_updated;
            job.report.updated.push_back(c.id);
        } else {
            ++job.report.conversations_unchanged;
            job.undo.conversations_before.pop_back();
        }
    }
    return job.next >= from.size();
}

MergeResult finish_merge(MergeJob&& job) {
    while (!merge_next(job, size_t(-1))) {
    }
    job.result.store.reindex();
    return {std::move(job.result), std::move(job.report), std::move(job.undo)};
}

void undo_merge(SyncData& data, MergeUndo&& undo) {
    Store& s = data.store;
    if (s.customers.size() > undo.customers) s.customers.resize(undo.customers);
    if (s.orders.size() > undo.orders) s.orders.resize(undo.orders);
    if (s.conversations.size() > undo.conversations) s.conversations.resize(undo.conversations);
    for (auto& x : undo.customers_before)
        if (x.first < s.customers.size()) s.customers[x.first] = std::move(x.second);
    for (auto& x : undo.orders_before)
        if (x.first < s.orders.size()) s.orders[x.first] = std::move(x.second);
    for (auto& x : undo.conversations_before)
        if (x.first < s.conversations.size()) s.conversations[x.first] = std::move(x.second);
    data.templates = std::move(undo.templates);
    data.sla = std::move(undo.sla);
    data.sla_edit = undo.sla_edit;
    data.registers = std::move(undo.registers);
    data.handovers = std::move(undo.handovers);
    s.reindex();
}

MergeResult merge(SyncData local, const SyncData& incoming) {
    // The job owns its input; copying `incoming` costs as much as merging it, so a large import
    // should build a MergeJob from the parsed file directly.
    return finish_merge(begin_merge(std::move(local), incoming));
}

int64_t max_hlc(const SyncData& d) {
    int64_t m = std::max(max_hlc(d.store), d.sla_edit.stamp.hlc);
    for (const Template& t : d.templates.templates) m = std::max(m, t.stamp.hlc);
    m = std::max(m, max_hlc(d.registers));
    return m;
}

}  // namespace sd
