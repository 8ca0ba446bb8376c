// Inbox query: filter names, every filter (spam rule included), counts against brute force,
// order-ID substring search, field search through run_query, sorting and its stability.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>
#include "core/inbox_query.h"
#include "core/text_fold.h"

using sd::Filter;
using sd::Query;
using sd::SearchField;
using sd::SortKey;

namespace {

struct Spec {
    std::string id;
    sd::Marketplace mk = sd::Marketplace::Walmart;
    sd::Status status = sd::Status::AwaitingSeller;
    sd::SpamReason spam = sd::SpamReason::None;
    sd::EbayFolder folder = sd::EbayFolder::None;
    bool unread = false;
    bool failed = false;
    std::vector<std::string> labels;
    std::string assignee;
    std::string subject = "Hello";
    std::string customer = "u0";
    std::string order;
};

sd::Conversation make(const Spec& sp) {
    sd::Conversation c;
    c.id = sp.id;
    c.marketplace = sp.mk;
    c.status = sp.status;
    c.spam = sp.spam;
    c.folder = sp.folder;
    c.unread = sp.unread;
    c.labels = sp.labels;
    c.assignee = sp.assignee;
    c.subject = sp.subject;
    c.customer_id = sp.customer;
    c.order_id = sp.order;
    sd::Message in;
    in.id = sp.id + "-1";
    in.body = "Customer message";
    in.at = 100;
    c.messages.push_back(in);
    sd::Message out;
    out.id = sp.id + "-2";
    out.direction = sd::Direction::Outbound;
    out.role = sd::AuthorRole::Agent;
    out.body = "Agent reply";
    out.at = 200;
    out.delivery = sp.failed ? sd::Delivery::Failed : sd::Delivery::Sent;
    c.messages.push_back(out);
    return c;
}

std::vector<std::string> ids(const sd::Store& s, const std::vector<uint32_t>& rows) {
    std::vector<std::string> out;
    for (uint32_t i : rows) out.push_back(s.conversations[i].id);
    return out;
}

std::vector<std::string> sorted_ids(const sd::Store& s, const std::vector<uint32_t>& rows) {
    std::vector<std::string> out = ids(s, rows);
    std::sort(out.begin(), out.end());
    return out;
}

using Ids = std::vector<std::string>;

sd::Store filter_store() {
    using M = sd::Marketplace;
    using S = sd::Status;
    sd::Store s;
    sd::Customer u;
    u.id = "u0";
    u.name = "Ann Example";
    s.customers.push_back(u);
    auto add = [&](Spec sp) { s.conversations.push_back(make(sp)); };
    Spec a; a.id = "a-walmart-unread"; a.unread = true; a.labels = {"response_needed"}; add(a);
    Spec b; b.id = "b-walmart-care"; b.labels = {"customer_care", "return_request"}; b.assignee = "Lin"; add(b);
    Spec c; c.id = "c-amazon-failed"; c.mk = M::Amazon; c.failed = true; c.status = S::AwaitingCustomer; add(c);
    Spec d; d.id = "d-spam-unread"; d.spam = sd::SpamReason::Fraud; d.unread = true; d.failed = true;
        d.labels = {"response_needed"}; d.assignee = "Lin"; add(d);
    Spec e; e.id = "e-wish-open"; e.mk = M::Wish; e.unread = true; e.labels = {"address_change"}; add(e);
    Spec f; f.id = "f-wish-waiting"; f.mk = M::Wish; f.status = S::AwaitingCustomer; add(f);
    Spec g; g.id = "g-wish-closed"; g.mk = M::Wish; g.status = S::Closed; g.assignee = "Lin"; add(g);
    Spec h; h.id = "h-wish-spam"; h.mk = M::Wish; h.spam = sd::SpamReason::Spam; add(h);
    Spec i; i.id = "i-ebay-members"; i.mk = M::Ebay; i.folder = sd::EbayFolder::FromMembers; add(i);
    Spec j; j.id = "j-ebay-ebay"; j.mk = M::Ebay; j.folder = sd::EbayFolder::FromEbay; j.unread = true; add(j);
    Spec k; k.id = "k-ebay-high"; k.mk = M::Ebay; k.folder = sd::EbayFolder::HighPriority; k.status = S::Closed; add(k);
    Spec l; l.id = "l-tmall"; l.mk = M::Tmall; l.labels = {"return_request", "return_request"}; l.assignee = "Wang"; add(l);
    s.reindex();
    return s;
}

Ids run_filter(const sd::Store& s, const sd::InboxIndex& ix, const std::string& filter,
               const std::string& agent = "") {
    Query q;
    q.filter = filter;
    q.agent = agent;
    sd::QueryResult r = sd::run_query(s, ix, q, nullptr);
    INFO(filter << ": " << r.error);
    REQUIRE(r.ok);
    return sorted_ids(s, r.rows);
}

// Independent statement of the filter rules, for brute-force checks.
bool rule(const sd::Conversation& c, const std::string& name, const std::string& agent) {
    bool spam = c.spam != sd::SpamReason::None;
    if (name == "spam") return spam;
    if (spam) return false;
    bool failed = false;
    for (const sd::Message& m : c.messages)
        failed |= m.direction == sd::Direction::Outbound && m.delivery == sd::Delivery::Failed;
    auto has = [&](const std::string& l) {
        return std::find(c.labels.begin(), c.labels.end(), l) != c.labels.end();
    };
    if (name == "all") return true;
    if (name == "unread") return c.unread;
    if (name == "response_needed") return has("response_needed");
    if (name == "customer_care") return has("customer_care");
    if (name == "failed") return failed;
    if (name == "mine") return !agent.empty() && c.assignee == agent;
    if (name.rfind("marketplace:", 0) == 0) return name.substr(12) == sd::to_string(c.marketplace);
    if (name.rfind("status:", 0) == 0) return name.substr(7) == sd::to_string(c.status);
    if (name.rfind("label:", 0) == 0) return has(name.substr(6));
    bool wish = c.marketplace == sd::Marketplace::Wish;
    if (name == "wish:unhandled") return wish && c.status == sd::Status::AwaitingSeller;
    if (name == "wish:history") return wish && c.status != sd::Status::AwaitingSeller;
    bool ebay = c.marketplace == sd::Marketplace::Ebay;
    if (name == "ebay:from_members") return ebay && c.folder == sd::EbayFolder::FromMembers;
    if (name == "ebay:from_ebay") return ebay && c.folder == sd::EbayFolder::FromEbay;
    if (name == "ebay:high_priority") return ebay && c.folder == sd::EbayFolder::HighPriority;
    FAIL("unknown filter in test: " << name);
    return false;
}

const char* const kLabels[] = {"response_needed", "customer_care", "return_request", "address_change",
                               "vip", "Customs"};
const char* const kAgents[] = {"", "", "Lin", "Wang", "小王"};
const char* const kSubjects[] = {"Return request", "Where is my order", "退货申请", "Size question",
                                 "Damaged on arrival", "Customs fee", "return label", "Café order"};
const char* const kNames[] = {"José Müller", "Maria Lopez", "王小明", "jose muller", "Ann", "ann",
                              "Zoë Adams", "Bob"};

sd::Store random_store(std::mt19937& rng, size_t n) {
    sd::Store s;
    for (size_t i = 0; i < sizeof(kNames) / sizeof(kNames[0]); ++i) {
        sd::Customer u;
        u.id = "u" + std::to_string(i);
        u.name = kNames[i];
        s.customers.push_back(u);
    }
    std::vector<int> idnums(n);
    for (size_t i = 0; i < n; ++i) idnums[i] = int(i);
    std::shuffle(idnums.begin(), idnums.end(), rng);   // IDs not in index order
    for (size_t i = 0; i < n; ++i) {
        Spec sp;
        sp.id = "conv-" + std::to_string(idnums[i]);
        sp.mk = sd::Marketplace(rng() % 5);
        sp.status = sd::Status(rng() % 3);
        sp.spam = rng() % 6 == 0 ? sd::SpamReason(1 + rng() % 3) : sd::SpamReason::None;
        sp.folder = sp.mk == sd::Marketplace::Ebay ? sd::EbayFolder(rng() % 4) : sd::EbayFolder::None;
        sp.unread = rng() % 2;
        sp.failed = rng() % 5 == 0;
        int nl = int(rng() % 4);
        for (int k = 0; k < nl; ++k) sp.labels.push_back(kLabels[rng() % 6]);
        sp.assignee = kAgents[rng() % 5];
        sp.subject = kSubjects[rng() % 8];
        sp.customer = "u" + std::to_string(rng() % 8);
        if (rng() % 4) sp.order = std::to_string(100 + rng() % 3) + "-" + std::to_string(1000000 + rng() % 50) + "-" +
                                  std::to_string(rng() % 10);
        sd::Conversation c = make(sp);
        c.messages[0].at = sd::Time(rng() % 20);   // many equal times: ties
        c.messages[1].at = c.messages[0].at + sd::Time(rng() % 3);
        if (rng() % 7 == 0) c.messages.clear();   // last_message_at falls back to opened_at
        c.opened_at = sd::Time(rng() % 5);
        s.conversations.push_back(std::move(c));
    }
    s.reindex();
    return s;
}

std::vector<std::string> all_filter_names(const sd::Store& s) {
    std::vector<std::string> names = sd::standard_filter_names();
    for (const char* l : kLabels) names.push_back(std::string("label:") + l);
    names.push_back("label:never_used");
    (void)s;
    return names;
}

void check_counts(const sd::Store& s, const sd::InboxIndex& ix, const std::string& agent) {
    sd::FilterCounts direct = sd::count_filters(s, agent);
    sd::FilterCounts fast = sd::count_filters(ix, agent);
    REQUIRE(direct == fast);
    for (const std::string& name : all_filter_names(s)) {
        uint32_t expect = 0;
        for (const sd::Conversation& c : s.conversations) expect += rule(c, name, agent);
        Filter f;
        REQUIRE(sd::parse_filter(name, f));
        INFO(name);
        REQUIRE(fast.count(f) == expect);
    }
    // labels: every label present on a non-spam conversation, each once per conversation
    std::map<std::string, uint32_t> labels;
    for (const sd::Conversation& c : s.conversations) {
        if (c.spam != sd::SpamReason::None) continue;
        std::vector<std::string> u = c.labels;
        std::sort(u.begin(), u.end());
        u.erase(std::unique(u.begin(), u.end()), u.end());
        for (const std::string& l : u) ++labels[l];
    }
    REQUIRE(fast.labels == std::vector<std::pair<std::string, uint32_t>>(labels.begin(), labels.end()));
}

// Reference order for a sort key: primary key, then conversation ID ascending.
std::vector<uint32_t> reference_sort(const sd::Store& s, std::vector<uint32_t> rows, SortKey key, bool desc,
                                     const std::vector<int64_t>* urg) {
    auto name = [&](uint32_t i) {
        const sd::Customer* who = s.find_customer(s.conversations[i].customer_id);
        return sd::fold(who ? who->name : "");
    };
    auto cmp_primary = [&](uint32_t a, uint32_t b) -> int {
        const sd::Conversation& x = s.conversations[a];
        const sd::Conversation& y = s.conversations[b];
        auto three = [](const auto& p, const auto& q) { return p < q ? -1 : q < p ? 1 : 0; };
        switch (key) {
            case SortKey::Urgency: {
                int64_t ux = urg && a < urg->size() ? (*urg)[a] : INT64_MAX;
                int64_t uy = urg && b < urg->size() ? (*urg)[b] : INT64_MAX;
                return three(ux, uy);
            }
            case SortKey::LastMessage: return three(x.last_message_at(), y.last_message_at());
            case SortKey::Customer: return three(name(a), name(b));
            case SortKey::Marketplace:
                return three(sd::fold(sd::display_name(x.marketplace)), sd::fold(sd::display_name(y.marketplace)));
            case SortKey::Subject: return three(sd::fold(x.subject), sd::fold(y.subject));
            case SortKey::OrderId: return three(sd::fold(x.order_id), sd::fold(y.order_id));
        }
        return 0;
    };
    std::sort(rows.begin(), rows.end(), [&](uint32_t a, uint32_t b) {
        int c = cmp_primary(a, b);
        if (c != 0) return desc ? c > 0 : c < 0;
        return s.conversations[a].id < s.conversations[b].id;
    });
    return rows;
}

}  // namespace

TEST_CASE("filter names parse and format", "[query]") {
    for (const std::string& name : sd::standard_filter_names()) {
        Filter f;
        INFO(name);
        REQUIRE(sd::parse_filter(name, f));
        CHECK(sd::format_filter(f) == name);
    }
    Filter f;
    REQUIRE(sd::parse_filter("label:return_request", f));
    CHECK(f.kind == Filter::Kind::Label);
    CHECK(f.label == "return_request");
    CHECK(sd::format_filter(f) == "label:return_request");
    REQUIRE(sd::parse_filter("label:response_needed", f));
    CHECK(f.kind == Filter::Kind::ResponseNeeded);
    REQUIRE(sd::parse_filter("marketplace:walmart", f));
    CHECK(f.kind == Filter::Kind::Marketplace);
    CHECK(f.marketplace == sd::Marketplace::Walmart);
    REQUIRE(sd::parse_filter("status:awaiting_customer", f));
    CHECK(f.status == sd::Status::AwaitingCustomer);
    REQUIRE(sd::parse_filter("ebay:high_priority", f));
    CHECK(f.folder == sd::EbayFolder::HighPriority);
    CHECK(sd::standard_filter_names().size() == 7 + 5 + 3 + 2 + 3);

    std::string err;
    Filter keep;
    keep.kind = Filter::Kind::Spam;
    CHECK_FALSE(sd::parse_filter("inbox", keep, &err));
    CHECK(keep.kind == Filter::Kind::Spam);   // untouched on failure
    CHECK(err.find("unknown filter \"inbox\"") != std::string::npos);
    CHECK(err.find("wish:unhandled") != std::string::npos);   // lists the accepted names
    CHECK_FALSE(sd::parse_filter("marketplace:etsy", f, &err));
    CHECK(err.find("marketplace") != std::string::npos);
    CHECK_FALSE(sd::parse_filter("status:open", f, &err));
    CHECK(err.find("awaiting_seller") != std::string::npos);
    CHECK_FALSE(sd::parse_filter("label:", f, &err));
    CHECK_FALSE(sd::parse_filter("wish:all", f, &err));
    CHECK_FALSE(sd::parse_filter("ebay:none", f, &err));
    CHECK_FALSE(sd::parse_filter("All", f, &err));
    CHECK_FALSE(sd::parse_filter("", f, &err));
    CHECK_FALSE(sd::parse_filter("foo:bar", f));   // no error pointer: still fine

    SearchField sf;
    CHECK(sd::parse("order_id", sf));
    CHECK(sf == SearchField::OrderId);
    CHECK(std::string(sd::to_string(SearchField::Customer)) == "customer");
    SortKey sk;
    CHECK(sd::parse("last_message", sk));
    CHECK(sk == SortKey::LastMessage);
    CHECK_FALSE(sd::parse("newest", sk));
}

TEST_CASE("every filter selects the right conversations", "[query]") {
    sd::Store s = filter_store();
    sd::InboxIndex ix;
    ix.build(s);
    CHECK(run_filter(s, ix, "all") == Ids{"a-walmart-unread", "b-walmart-care", "c-amazon-failed", "e-wish-open",
                                          "f-wish-waiting", "g-wish-closed", "i-ebay-members", "j-ebay-ebay",
                                          "k-ebay-high", "l-tmall"});
    // spam leaves All and Unread and every other filter, and is listed under Spam only
    CHECK(run_filter(s, ix, "unread") == Ids{"a-walmart-unread", "e-wish-open", "j-ebay-ebay"});
    CHECK(run_filter(s, ix, "spam") == Ids{"d-spam-unread", "h-wish-spam"});
    CHECK(run_filter(s, ix, "response_needed") == Ids{"a-walmart-unread"});
    CHECK(run_filter(s, ix, "label:response_needed") == Ids{"a-walmart-unread"});
    CHECK(run_filter(s, ix, "customer_care") == Ids{"b-walmart-care"});
    CHECK(run_filter(s, ix, "failed") == Ids{"c-amazon-failed"});
    CHECK(run_filter(s, ix, "marketplace:walmart") == Ids{"a-walmart-unread", "b-walmart-care"});
    CHECK(run_filter(s, ix, "marketplace:wish") == Ids{"e-wish-open", "f-wish-waiting", "g-wish-closed"});
    CHECK(run_filter(s, ix, "marketplace:tmall") == Ids{"l-tmall"});
    CHECK(run_filter(s, ix, "label:return_request") == Ids{"b-walmart-care", "l-tmall"});
    CHECK(run_filter(s, ix, "label:nothing").empty());
    CHECK(run_filter(s, ix, "status:awaiting_customer") == Ids{"c-amazon-failed", "f-wish-waiting"});
    CHECK(run_filter(s, ix, "status:closed") == Ids{"g-wish-closed", "k-ebay-high"});
    CHECK(run_filter(s, ix, "wish:unhandled") == Ids{"e-wish-open"});
    CHECK(run_filter(s, ix, "wish:history") == Ids{"f-wish-waiting", "g-wish-closed"});
    CHECK(run_filter(s, ix, "ebay:from_members") == Ids{"i-ebay-members"});
    CHECK(run_filter(s, ix, "ebay:from_ebay") == Ids{"j-ebay-ebay"});
    CHECK(run_filter(s, ix, "ebay:high_priority") == Ids{"k-ebay-high"});
    CHECK(run_filter(s, ix, "mine", "Lin") == Ids{"b-walmart-care", "g-wish-closed"});
    CHECK(run_filter(s, ix, "mine", "Wang") == Ids{"l-tmall"});
    CHECK(run_filter(s, ix, "mine", "").empty());
    CHECK(run_filter(s, ix, "mine", "Nobody").empty());

    // direct evaluation agrees
    for (const std::string& name : all_filter_names(s)) {
        Filter f;
        REQUIRE(sd::parse_filter(name, f));
        for (const sd::Conversation& c : s.conversations) {
            INFO(name << " " << c.id);
            CHECK(sd::matches_filter(c, f, "Lin") == rule(c, name, "Lin"));
        }
    }

    // answering the spam message's flag removal brings it back to All
    sd::Conversation& spam = *s.find_conversation("d-spam-unread");
    spam.spam = sd::SpamReason::None;
    ix.update(s, size_t(s.conversation_index("d-spam-unread")));
    CHECK(run_filter(s, ix, "spam") == Ids{"h-wish-spam"});
    CHECK(run_filter(s, ix, "unread") == Ids{"a-walmart-unread", "d-spam-unread", "e-wish-open", "j-ebay-ebay"});
    CHECK(run_filter(s, ix, "failed") == Ids{"c-amazon-failed", "d-spam-unread"});
}

TEST_CASE("counts next to the filters", "[query]") {
    sd::Store s = filter_store();
    sd::InboxIndex ix;
    ix.build(s);
    Query q;
    q.agent = "Lin";
    sd::QueryResult r = sd::run_query(s, ix, q, nullptr);
    REQUIRE(r.ok);
    const sd::FilterCounts& c = r.counts;
    CHECK(c.all == 10);
    CHECK(c.unread == 3);
    CHECK(c.spam == 2);
    CHECK(c.response_needed == 1);
    CHECK(c.customer_care == 1);
    CHECK(c.failed == 1);
    CHECK(c.mine == 2);
    CHECK(c.marketplace[int(sd::Marketplace::Walmart)] == 2);
    CHECK(c.marketplace[int(sd::Marketplace::Ebay)] == 3);
    CHECK(c.status[int(sd::Status::Closed)] == 2);
    CHECK(c.wish_unhandled == 1);
    CHECK(c.wish_history == 2);
    CHECK(c.ebay_from_members == 1);
    CHECK(c.ebay_from_ebay == 1);
    CHECK(c.ebay_high_priority == 1);
    using L = std::vector<std::pair<std::string, uint32_t>>;
    CHECK(c.labels == L{{"address_change", 1}, {"customer_care", 1}, {"response_needed", 1},
                        {"return_request", 2}});
    check_counts(s, ix, "Lin");
}

TEST_CASE("counts equal a brute-force count on random stores and stay current", "[query]") {
    for (uint32_t seed = 1; seed <= 4; ++seed) {
        std::mt19937 rng(seed);
        sd::Store s = random_store(rng, 400);
        sd::InboxIndex ix;
        ix.build(s);
        for (const char* agent : {"", "Lin", "小王", "Nobody"}) check_counts(s, ix, agent);
        for (int step = 0; step < 300; ++step) {
            size_t i = rng() % s.conversations.size();
            sd::Conversation& c = s.conversations[i];
            switch (rng() % 8) {
                case 0: c.unread = !c.unread; break;
                case 1: c.spam = c.spam == sd::SpamReason::None ? sd::SpamReason::Spam : sd::SpamReason::None; break;
                case 2: c.labels.push_back(kLabels[rng() % 6]); break;
                case 3: c.labels.clear(); break;
                case 4: c.status = sd::Status(rng() % 3); break;
                case 5: c.assignee = kAgents[rng() % 5]; break;
                case 6: {
                    sd::Message m;
                    m.direction = sd::Direction::Outbound;
                    m.delivery = rng() % 2 ? sd::Delivery::Failed : sd::Delivery::Sent;
                    m.at = 50;
                    c.messages.push_back(m);
                    break;
                }
                case 7: c.labels.push_back("new_label_" + std::to_string(rng() % 3)); break;
            }
            ix.update(s, i);
            if (step % 50 == 49) check_counts(s, ix, "Lin");
        }
    }
}

TEST_CASE("order ID search is a substring match ignoring dashes and spaces", "[query]") {
    sd::Store s;
    Spec a; a.id = "a"; a.order = "112-1234567-8901234"; s.conversations.push_back(make(a));
    Spec b; b.id = "b"; b.order = "113-7654321-1234000"; s.conversations.push_back(make(b));
    Spec c; c.id = "c"; c.order = ""; c.subject = "Order 1234 question"; s.conversations.push_back(make(c));
    Spec d; d.id = "d"; d.order = "5f3a9c0e1b2d"; s.conversations.push_back(make(d));
    Spec e; e.id = "e"; e.order = "XY-CDEF"; s.conversations.push_back(make(e));
    s.reindex();
    sd::InboxIndex ix;
    ix.build(s);
    auto find = [&](SearchField field, const std::string& text) {
        Query q;
        q.field = field;
        q.text = text;
        q.sort = SortKey::OrderId;
        sd::QueryResult r = sd::run_query(s, ix, q, nullptr);
        REQUIRE(r.ok);
        return ids(s, r.rows);
    };
    CHECK(find(SearchField::OrderId, "1234") == Ids{"a", "b"});
    CHECK(find(SearchField::OrderId, "1121234567") == Ids{"a"});
    CHECK(find(SearchField::OrderId, "112-1234567") == Ids{"a"});
    CHECK(find(SearchField::OrderId, "112 1234 567") == Ids{"a"});
    CHECK(find(SearchField::OrderId, "１１２－１２３４") == Ids{"a"});   // full-width
    CHECK(find(SearchField::OrderId, "4567-89") == Ids{"a"});
    CHECK(find(SearchField::OrderId, "5F3A") == Ids{"d"});
    CHECK(find(SearchField::OrderId, "999").empty());
    CHECK(find(SearchField::OrderId, "def") == Ids{"e"});
    CHECK(find(SearchField::OrderId, "-").size() == 5);                  // nothing to search
    CHECK(find(SearchField::OrderId, "").size() == 5);
    // Everything: word prefix over the text plus order-ID substring when the query has a digit
    CHECK(find(SearchField::All, "1234") == Ids{"c", "a", "b"});
    CHECK(find(SearchField::All, "1121234567") == Ids{"a"});
    CHECK(find(SearchField::All, "question") == Ids{"c"});
    CHECK(find(SearchField::All, "5f3a") == Ids{"d"});                   // word prefix of the ID
    CHECK(find(SearchField::All, "3a9c") == Ids{"d"});                   // ID substring (has a digit)
    CHECK(find(SearchField::All, "def").empty());                        // no digit: word prefixes only
    CHECK(find(SearchField::All, "cde") == Ids{"e"});                    // prefix of the word CDEF
    // a very long ID is searchable in its first 63 compacted characters
    s.conversations[2].order_id = std::string(60, '7') + "-ABCDEFGHIJ";
    ix.update(s, 2);
    CHECK(find(SearchField::OrderId, "777abc") == Ids{"c"});
    CHECK(find(SearchField::OrderId, "abcdefg").empty());
    CHECK(find(SearchField::OrderId, "1234") == Ids{"a", "b"});   // the other slots survive widening
    s.conversations[2].order_id = "";
    ix.update(s, 2);
    CHECK(find(SearchField::OrderId, "777").empty());
    // an order ID change is picked up by update()
    s.conversations[1].order_id = "999-000";
    ix.update(s, 1);
    CHECK(find(SearchField::OrderId, "999") == Ids{"b"});
    CHECK(find(SearchField::OrderId, "1234") == Ids{"a"});
}

TEST_CASE("field search through run_query combines with the filter", "[query]") {
    sd::Store s = filter_store();
    sd::Customer jose;
    jose.id = "u1";
    jose.name = "José Müller";
    s.customers.push_back(jose);
    s.conversations[0].subject = "Return request for kettle";    // a-walmart-unread
    s.conversations[0].customer_id = "u1";
    s.conversations[3].subject = "Return request spam";          // d-spam-unread
    s.conversations[4].subject = "我想退货";                        // e-wish-open
    s.conversations[5].subject = "Return label";                 // f-wish-waiting
    s.reindex();
    sd::InboxIndex ix;
    ix.build(s);
    auto find = [&](const std::string& filter, SearchField field, const std::string& text) {
        Query q;
        q.filter = filter;
        q.field = field;
        q.text = text;
        sd::QueryResult r = sd::run_query(s, ix, q, nullptr);
        REQUIRE(r.ok);
        return sorted_ids(s, r.rows);
    };
    CHECK(find("all", SearchField::Subject, "ret") == Ids{"a-walmart-unread", "f-wish-waiting"});
    CHECK(find("all", SearchField::Subject, "request ret") == Ids{"a-walmart-unread"});
    CHECK(find("spam", SearchField::Subject, "ret") == Ids{"d-spam-unread"});
    CHECK(find("marketplace:wish", SearchField::Subject, "ret") == Ids{"f-wish-waiting"});
    CHECK(find("all", SearchField::Subject, "退货") == Ids{"e-wish-open"});
    CHECK(find("all", SearchField::Customer, "jose") == Ids{"a-walmart-unread"});
    CHECK(find("all", SearchField::Customer, "ann") .size() == 9);
    CHECK(find("all", SearchField::All, "jose kettle") == Ids{"a-walmart-unread"});
    CHECK(find("all", SearchField::All, "agent repl") .size() == 10);
    CHECK(find("unread", SearchField::All, "ＲＥＴＵＲＮ") == Ids{"a-walmart-unread"});
}

TEST_CASE("run_query equals filter + brute-force search + reference sort on random stores", "[query]") {
    std::mt19937 rng(5);
    sd::Store s = random_store(rng, 500);
    sd::InboxIndex ix;
    ix.build(s);
    std::vector<int64_t> urgency(s.conversations.size() - 7);   // some missing on purpose
    for (int64_t& u : urgency) u = int64_t(rng() % 50) - 25;
    const std::vector<std::string> names = all_filter_names(s);
    const char* const texts[] = {"", "ret", "return req", "or", "jose", "ann", "退货", "caf", "1000", "112-100",
                                 "zzz", "question size"};
    for (int k = 0; k < 400; ++k) {
        Query q;
        q.filter = names[rng() % names.size()];
        q.field = SearchField(rng() % 4);
        q.text = texts[rng() % 12];
        q.agent = kAgents[rng() % 5];
        q.sort = SortKey(rng() % 6);
        q.descending = rng() % 2;
        const std::vector<int64_t>* urg = rng() % 4 ? &urgency : nullptr;
        sd::QueryResult r = sd::run_query(s, ix, q, urg);
        REQUIRE(r.ok);
        // expected rows
        std::vector<uint64_t> bits;
        bool searching = ix.match_text(q.field, q.text, bits);
        std::vector<uint32_t> expect;
        for (uint32_t i = 0; i < s.conversations.size(); ++i) {
            const sd::Conversation& c = s.conversations[i];
            if (!rule(c, q.filter, q.agent)) continue;
            if (searching) {
                // brute-force text match (fields folded here, independent of the index)
                const sd::Customer* who = s.find_customer(c.customer_id);
                std::string subject = sd::fold(c.subject), name = sd::fold(who ? who->name : "");
                std::string order = sd::fold_id(c.order_id), qid = sd::fold_id(q.text);
                std::vector<std::pair<std::string, bool>> qw;
                std::vector<std::string> words;
                std::string fq = sd::fold(q.text);
                sd::for_each_word(fq, [&](std::string_view w, bool cjk) { qw.emplace_back(std::string(w), cjk); });
                std::vector<std::string> texts_of;
                if (q.field == SearchField::Subject || q.field == SearchField::All) texts_of.push_back(subject);
                if (q.field == SearchField::Customer || q.field == SearchField::All) texts_of.push_back(name);
                if (q.field == SearchField::All) {
                    texts_of.push_back(sd::fold(c.order_id));
                    for (const sd::Message& m : c.messages) texts_of.push_back(sd::fold(m.body));
                }
                for (const std::string& t : texts_of)
                    sd::for_each_word(t, [&](std::string_view w, bool) { words.emplace_back(w); });
                bool hit;
                if (q.field == SearchField::OrderId) {
                    hit = order.find(qid) != std::string::npos;
                } else {
                    hit = true;
                    for (const auto& w : qw) {
                        bool one = false;
                        if (w.second)   // CJK run: substring of the text
                            for (const std::string& t : texts_of) one |= t.find(w.first) != std::string::npos;
                        else            // word: prefix of a word
                            for (const std::string& d : words) one |= d.compare(0, w.first.size(), w.first) == 0;
                        hit &= one;
                    }
                    if (q.field == SearchField::All &&
                        std::any_of(qid.begin(), qid.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
                        hit |= order.find(qid) != std::string::npos;
                }
                if (!hit) continue;
            } else {
                REQUIRE(sd::fold_id(q.text).empty());
            }
            expect.push_back(i);
        }
        expect = reference_sort(s, expect, q.sort, q.descending, urg);
        INFO("filter " << q.filter << " field " << sd::to_string(q.field) << " text \"" << q.text << "\" sort "
                       << sd::to_string(q.sort) << (q.descending ? " desc" : " asc"));
        REQUIRE(ids(s, r.rows) == ids(s, expect));
        REQUIRE(r.rows == expect);
    }
}

TEST_CASE("sorting is stable: ties go by conversation ID in both directions", "[query]") {
    sd::Store s;
    sd::Customer u;
    u.id = "u0";
    u.name = "Same Name";
    s.customers.push_back(u);
    for (const char* id : {"c3", "c1", "c4", "c2", "c0"}) {
        Spec sp;
        sp.id = id;
        sp.subject = "Same subject";
        sp.order = "111";
        s.conversations.push_back(make(sp));
    }
    s.reindex();
    sd::InboxIndex ix;
    ix.build(s);
    std::vector<int64_t> urgency(5, 7);
    for (int k = 0; k < 6; ++k)
        for (bool desc : {false, true}) {
            Query q;
            q.sort = SortKey(k);
            q.descending = desc;
            sd::QueryResult r = sd::run_query(s, ix, q, &urgency);
            REQUIRE(r.ok);
            INFO(sd::to_string(q.sort) << (desc ? " desc" : " asc"));
            CHECK(ids(s, r.rows) == Ids{"c0", "c1", "c2", "c3", "c4"});
        }
    // distinct urgencies: most urgent first ascending, last first descending, ties by ID
    urgency = {5, -3, 5, 100, 5};   // c3, c1, c4, c2, c0
    Query q;
    q.sort = SortKey::Urgency;
    CHECK(ids(s, sd::run_query(s, ix, q, &urgency).rows) == Ids{"c1", "c0", "c3", "c4", "c2"});
    q.descending = true;
    CHECK(ids(s, sd::run_query(s, ix, q, &urgency).rows) == Ids{"c2", "c0", "c3", "c4", "c1"});
    // nullptr urgency: conversation-ID order
    CHECK(ids(s, sd::run_query(s, ix, q, nullptr).rows) == Ids{"c0", "c1", "c2", "c3", "c4"});
    // last message time, with a tie
    s.conversations[0].messages.back().at = 900;   // c3
    s.conversations[3].messages.back().at = 900;   // c2
    s.conversations[4].messages.back().at = 50;    // c0 (older than the inbound message: still the last)
    for (size_t i : {size_t(0), size_t(3), size_t(4)}) ix.update(s, i);
    q.sort = SortKey::LastMessage;
    q.descending = true;
    CHECK(ids(s, sd::run_query(s, ix, q, nullptr).rows) == Ids{"c2", "c3", "c1", "c4", "c0"});
    q.descending = false;
    CHECK(ids(s, sd::run_query(s, ix, q, nullptr).rows) == Ids{"c0", "c1", "c4", "c2", "c3"});
}

TEST_CASE("sort by customer, subject, marketplace and order ID", "[query]") {
    sd::Store s;
    const char* names[] = {"bob", "Álvaro", "Zoë", "alice"};
    for (int i = 0; i < 4; ++i) {
        sd::Customer u;
        u.id = "u" + std::to_string(i);
        u.name = names[i];
        s.customers.push_back(u);
    }
    Spec a; a.id = "a"; a.customer = "u0"; a.subject = "delta"; a.mk = sd::Marketplace::Wish; a.order = "300";
    Spec b; b.id = "b"; b.customer = "u1"; b.subject = "Alpha"; b.mk = sd::Marketplace::Walmart; b.order = "";
    Spec c; c.id = "c"; c.customer = "u2"; c.subject = "Écho"; c.mk = sd::Marketplace::Amazon; c.order = "100";
    Spec d; d.id = "d"; d.customer = "u3"; d.subject = "charlie"; d.mk = sd::Marketplace::Ebay; d.order = "200";
    for (const Spec* sp : {&a, &b, &c, &d}) s.conversations.push_back(make(*sp));
    s.reindex();
    sd::InboxIndex ix;
    ix.build(s);
    auto order = [&](SortKey k, bool desc) {
        Query q;
        q.sort = k;
        q.descending = desc;
        return ids(s, sd::run_query(s, ix, q, nullptr).rows);
    };
    CHECK(order(SortKey::Customer, false) == Ids{"d", "b", "a", "c"});     // alice, Álvaro, bob, Zoë
    CHECK(order(SortKey::Customer, true) == Ids{"c", "a", "b", "d"});
    CHECK(order(SortKey::Subject, false) == Ids{"b", "d", "a", "c"});      // Alpha, charlie, delta, Écho
    CHECK(order(SortKey::Marketplace, false) == Ids{"c", "d", "b", "a"});  // Amazon, eBay, Walmart, Wish
    CHECK(order(SortKey::OrderId, false) == Ids{"b", "c", "d", "a"});      // "", 100, 200, 300
    CHECK(order(SortKey::OrderId, true) == Ids{"a", "d", "c", "b"});
    // a renamed subject re-ranks
    s.conversations[2].subject = "aardvark";
    ix.update(s, 2);
    CHECK(order(SortKey::Subject, false) == Ids{"c", "b", "d", "a"});
}

TEST_CASE("run_query reports unknown filters and a stale index", "[query]") {
    sd::Store s = filter_store();
    sd::InboxIndex ix;
    ix.build(s);
    Query q;
    q.filter = "archived";
    sd::QueryResult r = sd::run_query(s, ix, q, nullptr);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("unknown filter \"archived\"") != std::string::npos);
    CHECK(r.rows.empty());

    Spec extra;
    extra.id = "z-new";
    extra.subject = "Brand new kettle";
    extra.unread = true;
    s.conversations.push_back(make(extra));
    s.reindex();
    q.filter = "all";
    r = sd::run_query(s, ix, q, nullptr);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("out of date") != std::string::npos);
    ix.sync(s);
    q.field = SearchField::Subject;
    q.text = "kett";
    r = sd::run_query(s, ix, q, nullptr);
    REQUIRE(r.ok);
    CHECK(ids(s, r.rows) == Ids{"z-new"});
    CHECK(r.counts.unread == 4);
    // the cached counts follow a rebuild, even to an empty store
    sd::Store empty;
    sd::InboxIndex other;
    other.build(s);
    CHECK(sd::count_filters(other, "").all == 11);
    other.build(empty);
    CHECK(sd::count_filters(other, "").all == 0);
    // removing conversations: sync() rebuilds
    s.conversations.erase(s.conversations.begin());
    s.reindex();
    ix.sync(s);
    r = sd::run_query(s, ix, q, nullptr);
    REQUIRE(r.ok);
    CHECK(ids(s, r.rows) == Ids{"z-new"});
    CHECK(r.counts.unread == 3);
    CHECK(ix.stats().bytes() > 0);
}

TEST_CASE("order ID search equals a brute-force substring scan", "[query]") {
    std::mt19937 rng(11);
    sd::Store s;
    auto random_id = [&]() -> std::string {
        switch (rng() % 4) {
            case 0: return "";
            case 1: return std::to_string(100 + rng() % 900) + "-" + std::to_string(1000000 + rng() % 9000000);
            case 2: {
                std::string h;
                for (int k = 0; k < 24; ++k) h.push_back("0123456789abcdef"[rng() % 16]);
                return h;
            }
            default: return "ＴＭ-" + std::to_string(rng() % 100000) + " " + std::to_string(rng() % 1000);
        }
    };
    for (int i = 0; i < 600; ++i) {
        Spec sp;
        sp.id = "o" + std::to_string(i);
        sp.order = random_id();
        s.conversations.push_back(make(sp));
    }
    s.reindex();
    sd::InboxIndex ix;
    ix.build(s);
    auto check = [&](int rounds) {
        for (int k = 0; k < rounds; ++k) {
            // a query cut out of a random ID, sometimes with dashes and full-width digits
            const std::string& src = s.conversations[rng() % s.conversations.size()].order_id;
            std::string q = sd::fold_id(src);
            if (q.empty()) q = std::to_string(rng() % 100);
            size_t a = rng() % q.size(), len = 1 + rng() % std::min<size_t>(8, q.size() - a);
            q = q.substr(a, len);
            if (rng() % 3 == 0 && q.size() > 2) q.insert(1, "-");
            std::vector<uint64_t> bits;
            REQUIRE(ix.match_text(SearchField::OrderId, q, bits));
            const std::string cq = sd::fold_id(q);
            for (size_t i = 0; i < s.conversations.size(); ++i) {
                INFO("query \"" << q << "\" id \"" << s.conversations[i].order_id << "\"");
                REQUIRE(sd::bitset_test(bits, i) == (sd::fold_id(s.conversations[i].order_id).find(cq) != std::string::npos));
            }
        }
    };
    check(200);
    for (int k = 0; k < 100; ++k) {
        size_t i = rng() % s.conversations.size();
        s.conversations[i].order_id = random_id();
        ix.update(s, i);
    }
    check(200);
}

TEST_CASE("sliced build: filters work at once, text search when the index is ready", "[query]") {
    std::mt19937 rng(21);
    sd::Store s = random_store(rng, 300);
    sd::InboxIndex full;
    full.build(s);
    sd::InboxIndex ix;
    ix.build_begin(s);
    CHECK_FALSE(ix.text_ready());
    Query q;
    q.filter = "unread";
    sd::QueryResult r = sd::run_query(s, ix, q, nullptr);
    REQUIRE(r.ok);                                       // filters and counts need no text index
    CHECK(r.rows == sd::run_query(s, full, q, nullptr).rows);
    q.field = SearchField::OrderId;
    q.text = "100";
    r = sd::run_query(s, ix, q, nullptr);
    REQUIRE(r.ok);                                       // nor does order-ID search
    CHECK(r.rows == sd::run_query(s, full, q, nullptr).rows);
    q.field = SearchField::All;
    q.text = "return";
    r = sd::run_query(s, ix, q, nullptr);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("being built") != std::string::npos);
    CHECK(ix.build_progress(s) == 0.0);

    // changes while building: an indexed conversation, one not reached yet, and a new one
    CHECK_FALSE(ix.build_step(s, 100));
    CHECK(ix.build_progress(s) > 0.3);
    s.conversations[10].subject = "Zanzibar parcel";
    ix.update(s, 10);
    s.conversations[250].subject = "Zanzibar kettle";
    ix.update(s, 250);
    Spec extra;
    extra.id = "conv-new";
    extra.subject = "Zanzibar lamp";
    s.conversations.push_back(make(extra));
    s.reindex();
    ix.update(s, s.conversations.size() - 1);
    int steps = 0;
    while (!ix.build_step(s, 64)) ++steps;
    CHECK(steps >= 2);
    CHECK(ix.text_ready());
    r = sd::run_query(s, ix, q, nullptr);
    REQUIRE(r.ok);
    full.build(s);
    CHECK(r.rows == sd::run_query(s, full, q, nullptr).rows);
    q.filter = "all";
    q.field = SearchField::Subject;
    q.text = "zanz";
    q.sort = SortKey::Subject;
    r = sd::run_query(s, ix, q, nullptr);
    REQUIRE(r.ok);
    Ids expect{s.conversations[10].id, s.conversations[250].id, "conv-new"};
    std::sort(expect.begin(), expect.end());
    CHECK(sorted_ids(s, r.rows) == expect);
    CHECK(r.rows == sd::run_query(s, full, q, nullptr).rows);
    CHECK(ix.text_index().dump() == full.text_index().dump());
}

TEST_CASE("InboxIndex re-indexes text only when the text changed", "[query]") {
    sd::Store s = filter_store();
    sd::InboxIndex ix;
    ix.build(s);
    auto find = [&](const std::string& text) {
        Query q;
        q.filter = "all";
        q.text = text;
        sd::QueryResult r = sd::run_query(s, ix, q, nullptr);
        REQUIRE(r.ok);
        return sorted_ids(s, r.rows);
    };
    CHECK(find("xylophone").empty());
    // label, unread, status, assignee: no text change, nothing goes to the delta
    sd::Conversation& c = s.conversations[0];
    c.labels.push_back("vip");
    c.unread = !c.unread;
    c.status = sd::Status::Closed;
    c.assignee = "Wang";
    ix.update(s, 0);
    CHECK(ix.stats().text.delta_conversations == 0);
    CHECK(run_filter(s, ix, "label:vip") == Ids{"a-walmart-unread"});
    CHECK(run_filter(s, ix, "mine", "Wang") == Ids{"a-walmart-unread", "l-tmall"});
    // a new message is re-indexed
    sd::Message m;
    m.body = "The xylophone arrived broken";
    m.at = 500;
    c.messages.push_back(m);
    ix.update(s, 0);
    CHECK(ix.stats().text.delta_conversations == 1);
    CHECK(find("xylophone") == Ids{"a-walmart-unread"});
    // an edited message too
    c.messages.back().body = "The marimba arrived broken";
    ix.update(s, 0);
    CHECK(find("xylophone").empty());
    CHECK(find("marim") == Ids{"a-walmart-unread"});
    // a renamed customer: the caller updates that customer's conversations
    s.customers[0].name = "Zelda Quux";
    for (size_t i = 0; i < s.conversations.size(); ++i) ix.update(s, i);
    Query q;
    q.field = SearchField::Customer;
    q.text = "zelda";
    CHECK(sd::run_query(s, ix, q, nullptr).rows.size() == 10);
}

TEST_CASE("conversation-ID order is byte order, whatever the IDs share", "[query]") {
    // The ID order (ties of every other sort) is built from the IDs' first 8 bytes and only
    // compares whole IDs that share them: IDs that differ after byte 8, shorter than 8 bytes,
    // with bytes above 0x7F, with a NUL byte, and duplicates (which keep their store order).
    std::mt19937 rng(11);
    const std::vector<std::string> stems = {"", "a", "az-0000", "az-00001", "az-000012", "az-0000123456789",
                                            std::string("az\0", 3), std::string("az\0\0", 4), "\xc3\xa9t\xc3\xa9", "zz", "az-00001"};
    sd::Store s;
    std::vector<std::string> all;
    for (int i = 0; i < 700; ++i) {
        std::string id = stems[rng() % stems.size()];
        const int extra = int(rng() % 4);
        for (int k = 0; k < extra; ++k) id += char("0a\xff\x01"[rng() % 4]);
        Spec sp;
        sp.id = id;
        s.conversations.push_back(make(sp));
        all.push_back(id);
    }
    s.reindex();
    sd::InboxIndex ix;
    ix.build(s);
    std::vector<uint32_t> expect(all.size());
    for (uint32_t i = 0; i < expect.size(); ++i) expect[i] = i;
    std::sort(expect.begin(), expect.end(), [&](uint32_t a, uint32_t b) { return all[a] != all[b] ? all[a] < all[b] : a < b; });
    Query q;   // urgency sort without keys: conversation-ID order
    sd::QueryResult r = sd::run_query(s, ix, q, nullptr);
    REQUIRE(r.ok);
    CHECK(r.rows == expect);
}
