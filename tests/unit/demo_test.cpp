// Tests for the seeded demo dataset (src/core/demo.cpp).
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <unordered_set>

#include "core/demo.h"
#include "core/time.h"

using namespace sd;

namespace {

constexpr Time kNow = 1795000000;  // 2026-11-18T10:13:20Z

DemoOptions options(uint64_t seed, int conversations, int days = 28) {
    DemoOptions o;
    o.seed = seed;
    o.conversations = conversations;
    o.now = kNow;
    o.days = days;
    return o;
}

// The 100,000-conversation store is generated once and shared by the tests that check
// invariants at full scale.
double g_big_ms = 0;
const Store& big_store() {
    static const Store store = [] {
        const auto t0 = std::chrono::steady_clock::now();
        Store s = generate_demo(options(2026, 100000));
        const auto t1 = std::chrono::steady_clock::now();
        g_big_ms = std::chrono::duration<double, std::milli>(t1 - t0).count();
        return s;
    }();
    return store;
}
const Store& mid_store() {
    static const Store store = generate_demo(options(77, 10000));
    return store;
}

bool has_cjk(const std::string& s) {  // any character in U+4E00..U+9FFF
    for (size_t i = 0; i + 2 < s.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c >= 0xE4 && c <= 0xE9) return true;
    }
    return false;
}
bool all_digits(const std::string& s, size_t from, size_t n) {
    if (from + n > s.size()) return false;
    for (size_t i = from; i < from + n; ++i)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}
bool all_hex(const std::string& s) {
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

// Index of the last message that counts (auto-replies never count as an answer); -1 if none.
int last_counting(const Conversation& c) {
    for (int i = int(c.messages.size()) - 1; i >= 0; --i)
        if (!c.messages[size_t(i)].auto_reply) return i;
    return -1;
}
// Time of the oldest inbound message not yet answered, or kNoTime.
Time pending_since(const Conversation& c) {
    Time since = kNoTime;
    for (const Message& m : c.messages) {
        if (m.auto_reply) continue;
        if (m.direction == Direction::Outbound) since = kNoTime;
        else if (since == kNoTime) since = m.at;
    }
    return since;
}

// Full structural comparison; returns a description of the first difference.
std::string diff(const Store& a, const Store& b) {
    if (a.customers.size() != b.customers.size()) return "customer count";
    if (a.orders.size() != b.orders.size()) return "order count";
    if (a.conversations.size() != b.conversations.size()) return "conversation count";
    for (size_t i = 0; i < a.customers.size(); ++i) {
        const Customer &x = a.customers[i], &y = b.customers[i];
        if (x.id != y.id || x.name != y.name || x.email != y.email || x.country != y.country)
            return "customer " + x.id;
    }
    for (size_t i = 0; i < a.orders.size(); ++i) {
        const Order &x = a.orders[i], &y = b.orders[i];
        if (x.id != y.id || x.transaction_id != y.transaction_id || x.item != y.item || x.sku != y.sku ||
            x.amount_cents != y.amount_cents || x.currency != y.currency || x.purchased_at != y.purchased_at ||
            x.paid_at != y.paid_at || x.shipped_at != y.shipped_at || x.estimated_delivery != y.estimated_delivery ||
            x.region != y.region || x.gift != y.gift || x.carrier != y.carrier ||
            x.tracking_number != y.tracking_number)
            return "order " + x.id;
    }
    for (size_t i = 0; i < a.conversations.size(); ++i) {
        const Conversation &x = a.conversations[i], &y = b.conversations[i];
        if (x.id != y.id || x.marketplace != y.marketplace || x.kind != y.kind || x.topic != y.topic ||
            x.subject != y.subject || x.customer_id != y.customer_id || x.order_id != y.order_id ||
            x.labels != y.labels || x.unread != y.unread || x.status != y.status || x.spam != y.spam ||
            x.folder != y.folder || x.ebay_case.type != y.ebay_case.type ||
            x.ebay_case.channel != y.ebay_case.channel || x.ebay_case.opened_at != y.ebay_case.opened_at ||
            x.assignee != y.assignee || x.draft != y.draft || x.opened_at != y.opened_at ||
            x.messages.size() != y.messages.size() || x.remarks.size() != y.remarks.size() ||
            x.notes.size() != y.notes.size())
            return "conversation " + x.id;
        for (size_t k = 0; k < x.messages.size(); ++k) {
            const Message &m = x.messages[k], &n = y.messages[k];
            if (m.id != n.id || m.direction != n.direction || m.role != n.role || m.author != n.author ||
                m.at != n.at || m.body != n.body || m.delivery != n.delivery || m.auto_reply != n.auto_reply ||
                m.override_checks != n.override_checks)
                return "message " + m.id;
        }
        for (size_t k = 0; k < x.remarks.size(); ++k) {
            const Remark &m = x.remarks[k], &n = y.remarks[k];
            if (m.id != n.id || m.text != n.text || m.agent != n.agent || m.at != n.at || m.flag != n.flag)
                return "remark " + m.id;
        }
        for (size_t k = 0; k < x.notes.size(); ++k) {
            const Note &m = x.notes[k], &n = y.notes[k];
            if (m.id != n.id || m.text != n.text || m.agent != n.agent || m.at != n.at) return "note " + m.id;
        }
    }
    return std::string();
}

}  // namespace

TEST_CASE("demo: the same seed gives identical data, another seed different data", "[demo]") {
    const Store a = generate_demo(options(42, 1500));
    const Store b = generate_demo(options(42, 1500));
    CHECK(diff(a, b).empty());

    const Store c = generate_demo(options(43, 1500));
    CHECK_FALSE(diff(a, c).empty());
    // Not just a detail: most conversations differ.
    int same_subject = 0, same_first_body = 0;
    for (size_t i = 0; i < a.conversations.size(); ++i) {
        same_subject += a.conversations[i].subject == c.conversations[i].subject;
        same_first_body += a.conversations[i].messages[0].body == c.conversations[i].messages[0].body;
    }
    CHECK(same_subject < 300);
    CHECK(same_first_body < 100);

    // `now` anchors the data: moving it moves every timestamp by the same amount.
    DemoOptions later = options(42, 1500);
    later.now = kNow + 7 * kDay;
    const Store d = generate_demo(later);
    REQUIRE(d.conversations.size() == a.conversations.size());
    CHECK(d.conversations[5].messages[0].at == a.conversations[5].messages[0].at + 7 * kDay);
}

TEST_CASE("demo: a smaller dataset is a prefix of a larger one with the same seed", "[demo]") {
    const Store small = generate_demo(options(9, 10));
    const Store large = generate_demo(options(9, 1000));
    for (size_t i = 0; i < small.conversations.size(); ++i) {
        const Conversation &x = small.conversations[i], &y = large.conversations[i];
        CHECK(x.id == y.id);
        CHECK(x.subject == y.subject);
        REQUIRE(x.messages.size() == y.messages.size());
        for (size_t k = 0; k < x.messages.size(); ++k) CHECK(x.messages[k].body == y.messages[k].body);
    }
}

TEST_CASE("demo: sizes are clamped to 10..100000", "[demo]") {
    CHECK(generate_demo(options(1, 10)).conversations.size() == 10);
    CHECK(generate_demo(options(1, 3)).conversations.size() == 10);
    CHECK(generate_demo(options(1, 0)).conversations.size() == 10);
    CHECK(generate_demo(options(1, -50)).conversations.size() == 10);
    CHECK(generate_demo(options(1, 1000)).conversations.size() == 1000);
    CHECK(generate_demo(options(1, 2345)).conversations.size() == 2345);

    const Store& big = big_store();
    size_t messages = 0;
    for (const Conversation& c : big.conversations) messages += c.messages.size();
    std::printf("demo: 100000 conversations, %zu messages, %zu orders, %zu customers in %.0f ms\n",
                messages, big.orders.size(), big.customers.size(), g_big_ms);
    CHECK(big.conversations.size() == 100000);
    CHECK(messages > 350000);
    CHECK(messages < 550000);

    const Store huge = generate_demo(options(1, 1000000));
    CHECK(huge.conversations.size() == 100000);
}

TEST_CASE("demo: all five marketplaces appear, in roughly the intended mix", "[demo]") {
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        const Store s = generate_demo(options(seed, 100));
        std::set<Marketplace> seen;
        for (const Conversation& c : s.conversations) seen.insert(c.marketplace);
        INFO("seed " << seed);
        CHECK(seen.size() == size_t(kMarketplaceCount));
    }
    const Store& s = mid_store();
    int count[kMarketplaceCount] = {};
    for (const Conversation& c : s.conversations) ++count[int(c.marketplace)];
    const double n = double(s.conversations.size());
    CHECK(count[int(Marketplace::Amazon)] / n == Approx(0.30).margin(0.03));
    CHECK(count[int(Marketplace::Walmart)] / n == Approx(0.25).margin(0.03));
    CHECK(count[int(Marketplace::Ebay)] / n == Approx(0.20).margin(0.03));
    CHECK(count[int(Marketplace::Wish)] / n == Approx(0.12).margin(0.03));
    CHECK(count[int(Marketplace::Tmall)] / n == Approx(0.13).margin(0.03));
}

TEST_CASE("demo: IDs are unique, well-formed and every reference resolves", "[demo]") {
    const Store& s = big_store();
    static const char* const kPrefix[] = {"wm-", "az-", "eb-", "wi-", "tm-"};
    std::unordered_set<std::string> ids;
    size_t expected = 0;
    for (size_t i = 0; i < s.conversations.size(); ++i) {
        const Conversation& c = s.conversations[i];
        char want[32];
        std::snprintf(want, sizeof want, "%s%06zu", kPrefix[int(c.marketplace)], i + 1);
        if (c.id != want) FAIL("conversation id " << c.id << " should be " << want);
        ids.insert(c.id);
        ++expected;
        for (size_t k = 0; k < c.messages.size(); ++k) {
            if (c.messages[k].id != c.id + "-m" + std::to_string(k + 1)) FAIL("message id " << c.messages[k].id);
            ids.insert(c.messages[k].id);
            ++expected;
        }
        for (const Note& n : c.notes) {
            ids.insert(n.id);
            ++expected;
        }
        for (const Remark& r : c.remarks) {
            ids.insert(r.id);
            ++expected;
        }
        const Customer* who = s.find_customer(c.customer_id);
        if (!who) FAIL("missing customer " << c.customer_id);
        if (c.kind == ConversationKind::PreSale) {
            if (!c.order_id.empty()) FAIL("pre-sale conversation with an order: " << c.id);
        } else if (!s.find_order(c.order_id)) {
            FAIL("missing order " << c.order_id << " in " << c.id);
        }
    }
    CHECK(ids.size() == expected);

    std::unordered_set<std::string> customers, orders;
    for (const Customer& c : s.customers) {
        CHECK((c.id.rfind("cu-", 0) == 0 && all_digits(c.id, 3, c.id.size() - 3)));
        customers.insert(c.id);
    }
    for (const Order& o : s.orders) orders.insert(o.id);
    CHECK(customers.size() == s.customers.size());
    CHECK(orders.size() == s.orders.size());
    // One order per post-sale conversation, and some customers come back.
    size_t post_sale = 0;
    for (const Conversation& c : s.conversations) post_sale += c.kind == ConversationKind::PostSale;
    CHECK(s.orders.size() == post_sale);
    CHECK(s.customers.size() < s.conversations.size());
    CHECK(s.customers.size() > s.conversations.size() * 8 / 10);
}

TEST_CASE("demo: order IDs and tracking follow each marketplace's format", "[demo]") {
    const Store& s = mid_store();
    std::set<std::string> carriers;
    for (const Conversation& c : s.conversations) {
        const Order* o = s.find_order(c.order_id);
        if (!o) continue;
        const std::string& id = o->id;
        INFO(c.id << " order " << id);
        switch (c.marketplace) {
            case Marketplace::Amazon:
                CHECK((id.size() == 19 && all_digits(id, 0, 3) && id[3] == '-' && all_digits(id, 4, 7) &&
                       id[11] == '-' && all_digits(id, 12, 7)));
                break;
            case Marketplace::Walmart:
                CHECK((id.size() >= 13 && id.size() <= 15 && all_digits(id, 0, id.size()) && id[0] != '0'));
                break;
            case Marketplace::Ebay:
                CHECK((id.size() == 14 && all_digits(id, 0, 2) && id[2] == '-' && all_digits(id, 3, 5) &&
                       id[8] == '-' && all_digits(id, 9, 5)));
                break;
            case Marketplace::Wish:
                CHECK((id.size() == 24 && all_hex(id)));
                CHECK((o->transaction_id.size() == 24 && all_hex(o->transaction_id)));
                break;
            case Marketplace::Tmall:
                CHECK((id.size() >= 18 && id.size() <= 19 && all_digits(id, 0, id.size()) && id[0] != '0'));
                CHECK(o->currency == "CNY");
                CHECK(o->region == "CN");
                break;
        }
        CHECK(o->amount_cents > 0);
        CHECK(!o->item.empty());
        CHECK(!o->sku.empty());
        if (o->shipped_at != kNoTime) {
            CHECK(!o->carrier.empty());
            CHECK(o->tracking_number.size() >= 10);
            carriers.insert(o->carrier);
        } else {
            CHECK(o->tracking_number.empty());
        }
        if (c.marketplace == Marketplace::Amazon || c.marketplace == Marketplace::Ebay) {
            const std::string& r = o->region;
            CHECK(o->currency == (r == "GB" ? "GBP" : r == "DE" || r == "FR" ? "EUR" : r == "CA" ? "CAD" : "USD"));
        }
    }
    for (const char* want : {"YunExpress", "4PX", "USPS", "Royal Mail", "DHL", "SF Express", "中通快递"})
        CHECK(carriers.count(want) == 1);
}

TEST_CASE("demo: timestamps lie in the window and orders precede their messages", "[demo]") {
    for (int days : {28, 1, 3, 90}) {
        const Store s = days == 28 ? Store() : generate_demo(options(5, 3000, days));
        const Store& store = days == 28 ? big_store() : s;
        const Time start = kNow - Time(days) * kDay;
        INFO("days " << days);
        int fresh = 0, old = 0;
        for (const Conversation& c : store.conversations) {
            REQUIRE(!c.messages.empty());
            if (c.opened_at != c.messages.front().at) FAIL("opened_at of " << c.id);
            for (size_t k = 0; k < c.messages.size(); ++k) {
                const Time t = c.messages[k].at;
                if (t >= kNow || t < start) FAIL("message time out of window in " << c.id);
                if (k > 0 && t <= c.messages[k - 1].at) FAIL("messages not sorted in " << c.id);
            }
            for (const Note& n : c.notes)
                if (n.at >= kNow || n.at < start) FAIL("note time in " << c.id);
            for (const Remark& r : c.remarks)
                if (r.at >= kNow || r.at < start) FAIL("remark time in " << c.id);
            if (c.last_message_at() > kNow - kDay) ++fresh;
            if (c.opened_at < kNow - Time(days) * kDay / 2) ++old;

            const Order* o = store.find_order(c.order_id);
            if (!o) continue;
            if (!(o->purchased_at < c.opened_at)) FAIL("purchase after first message in " << c.id);
            if (o->paid_at < o->purchased_at || o->paid_at > o->purchased_at + 15 * kMinute)
                FAIL("paid_at in " << c.id);
            if (o->shipped_at != kNoTime && (o->shipped_at < o->paid_at || o->shipped_at >= c.opened_at))
                FAIL("shipped_at in " << c.id);
            const Time edd = o->estimated_delivery - o->purchased_at;
            if (c.marketplace == Marketplace::Tmall) {
                if (edd < 2 * kDay || edd > 5 * kDay) FAIL("Tmall EDD in " << c.id);
            } else if (edd < 5 * kDay || edd > 20 * kDay) {
                FAIL("cross-border EDD in " << c.id);
            }
        }
        CHECK(fresh > int(store.conversations.size()) / 5);
        CHECK(old > int(store.conversations.size()) / 20);
    }
}

TEST_CASE("demo: about one Amazon order in a hundred has defects, after its purchase and before now", "[demo]") {
    const Store& s = big_store();
    int amazon = 0, defective = 0, twice = 0;
    int kinds[3] = {0, 0, 0};
    for (const Conversation& c : s.conversations) {
        const Order* o = s.find_order(c.order_id);
        if (!o) continue;
        if (c.marketplace != Marketplace::Amazon) {
            if (!o->defects.empty()) FAIL("a defect outside Amazon in " << c.id);
            continue;
        }
        ++amazon;
        if (o->defects.empty()) continue;
        ++defective;
        twice += o->defects.size() > 1;
        for (size_t k = 0; k < o->defects.size(); ++k) {
            const Defect& d = o->defects[k];
            ++kinds[int(d.kind)];
            if (d.at <= o->purchased_at || d.at >= kNow) FAIL("defect time in " << c.id);
            if (k > 0 && !(o->defects[k - 1].at < d.at || (o->defects[k - 1].at == d.at && o->defects[k - 1].kind < d.kind)))
                FAIL("defects not sorted by (at, kind) in " << c.id);
        }
        // A parcel that never came ends in an A-to-z claim first.
        if (c.topic == Topic::ItemNotReceived && o->defects.size() == 1 && o->defects[0].kind != DefectKind::AtoZClaim)
            FAIL("a missing parcel's defect is not an A-to-z claim in " << c.id);
    }
    INFO(defective << " of " << amazon << " Amazon orders, " << twice << " with two defects");
    CHECK(defective * 1000 > amazon * 7);    // about 1 %
    CHECK(defective * 1000 < amazon * 13);
    CHECK(twice > 0);
    for (int k : kinds) CHECK(k > 0);        // every kind appears
}

TEST_CASE("demo: status agrees with the thread", "[demo]") {
    const Store& s = big_store();
    int counts[3] = {};
    int auto_replies = 0, failed = 0;
    for (const Conversation& c : s.conversations) {
        ++counts[int(c.status)];
        const int last = last_counting(c);
        REQUIRE(last >= 0);
        const bool inbound_last = c.messages[size_t(last)].direction == Direction::Inbound;
        if (c.status != Status::Closed && inbound_last != (c.status == Status::AwaitingSeller))
            FAIL("status " << to_string(c.status) << " disagrees with the thread of " << c.id);
        for (size_t k = 0; k < c.messages.size(); ++k) {
            const Message& m = c.messages[k];
            if (m.direction == Direction::Inbound && m.role == AuthorRole::Agent) FAIL("inbound agent in " << c.id);
            if (m.direction == Direction::Outbound && m.role != AuthorRole::Agent) FAIL("outbound from " << c.id);
            if (m.direction == Direction::Inbound && m.delivery != Delivery::Sent) FAIL("failed inbound " << c.id);
            if (m.auto_reply) {
                ++auto_replies;
                if (m.direction != Direction::Outbound) FAIL("inbound auto-reply in " << c.id);
                if (k == 0 || c.messages[k - 1].direction != Direction::Inbound) FAIL("auto-reply place " << c.id);
            }
            if (m.delivery == Delivery::Failed) {
                ++failed;
                // A failed reply is always sent again, so no conversation ends on a failure.
                if (k + 1 >= c.messages.size() || c.messages[k + 1].delivery != Delivery::Sent ||
                    c.messages[k + 1].direction != Direction::Outbound)
                    FAIL("failed message not resent in " << c.id);
            }
        }
    }
    const double n = double(s.conversations.size());
    CHECK(counts[int(Status::AwaitingSeller)] / n == Approx(0.35).margin(0.05));
    CHECK(counts[int(Status::AwaitingCustomer)] / n == Approx(0.45).margin(0.05));
    CHECK(counts[int(Status::Closed)] / n == Approx(0.20).margin(0.04));
    CHECK(auto_replies > 1000);
    CHECK(failed > 500);

    int unread_waiting = 0, waiting = 0, unread_other = 0, assigned = 0;
    for (const Conversation& c : s.conversations) {
        if (c.status == Status::AwaitingSeller) {
            ++waiting;
            unread_waiting += c.unread;
        } else {
            unread_other += c.unread;
        }
        assigned += !c.assignee.empty();
    }
    CHECK(unread_waiting > waiting * 8 / 10);
    CHECK(unread_other < int(n - waiting) / 10);
    CHECK(assigned / n == Approx(0.5).margin(0.12));
}

TEST_CASE("demo: unanswered conversations cover every SLA situation", "[demo]") {
    const Store& s = mid_store();
    // Buckets of the age of the oldest unanswered message, per marketplace.
    std::map<std::pair<Marketplace, int>, int> seen;
    for (const Conversation& c : s.conversations) {
        if (c.status != Status::AwaitingSeller) continue;
        const Time since = pending_since(c);
        REQUIRE(since != kNoTime);
        const Time age = kNow - since;
        int bucket;
        switch (c.marketplace) {
            case Marketplace::Amazon: bucket = age < 20 * kHour ? 0 : age < 24 * kHour ? 1 : 2; break;
            case Marketplace::Tmall:
                bucket = age < 5 * kMinute ? 0 : age < 24 * kHour ? 1 : age < 48 * kHour ? 2 : 3;
                break;
            default: bucket = age < 40 * kHour ? 0 : age < 48 * kHour ? 1 : 2; break;
        }
        ++seen[{c.marketplace, bucket}];
    }
    for (Marketplace m : {Marketplace::Amazon, Marketplace::Walmart, Marketplace::Wish, Marketplace::Ebay}) {
        INFO(to_string(m));
        CHECK(seen[{m, 0}] > 5);   // on track
        CHECK(seen[{m, 1}] > 5);   // due soon
        CHECK(seen[{m, 2}] > 5);   // overdue
    }
    for (int b = 0; b < 4; ++b) {
        INFO("tmall bucket " << b);
        CHECK(seen[{Marketplace::Tmall, b}] > 5);
    }
    // Answered conversations: some answers came late.
    int late = 0;
    for (const Conversation& c : s.conversations) {
        if (c.marketplace != Marketplace::Amazon) continue;
        Time since = kNoTime;
        for (const Message& m : c.messages) {
            if (m.auto_reply) continue;
            if (m.direction == Direction::Inbound) {
                if (since == kNoTime) since = m.at;
            } else {
                if (since != kNoTime && m.at - since > 24 * kHour) ++late;
                since = kNoTime;
            }
        }
    }
    CHECK(late > 20);
}

TEST_CASE("demo: pre-sale and spam-like messages", "[demo]") {
    const Store& s = mid_store();
    int presale = 0, spam = 0;
    std::set<Marketplace> spam_markets;
    for (const Conversation& c : s.conversations) {
        if (c.kind == ConversationKind::PreSale) {
            ++presale;
            CHECK(c.order_id.empty());
            CHECK((c.topic == Topic::ProductQuestion || c.topic == Topic::PriceNegotiation ||
                   c.topic == Topic::Spammy));
        } else {
            CHECK(c.topic != Topic::Spammy);
            CHECK(c.topic != Topic::ProductQuestion);
        }
        CHECK(c.spam == SpamReason::None);  // flagging is the user's job
        if (c.topic != Topic::Spammy) continue;
        ++spam;
        spam_markets.insert(c.marketplace);
        CHECK(c.kind == ConversationKind::PreSale);
        CHECK(c.status == Status::AwaitingSeller);
        for (const Message& m : c.messages) CHECK(m.direction == Direction::Inbound);
    }
    const double n = double(s.conversations.size());
    CHECK(presale / n == Approx(0.20).margin(0.04));
    CHECK(spam / n == Approx(0.02).margin(0.01));
    CHECK(spam_markets.size() >= 3);
}

TEST_CASE("demo: Tmall threads are Chinese, the others English", "[demo]") {
    const Store& s = mid_store();
    int notes_zh = 0, remarks = 0;
    std::set<RemarkFlag> flags;
    for (const Conversation& c : s.conversations) {
        const bool tmall = c.marketplace == Marketplace::Tmall;
        INFO(c.id);
        CHECK(has_cjk(c.subject) == tmall);
        for (const Message& m : c.messages) {
            if (has_cjk(m.body) != tmall) FAIL("language of " << m.id << ": " << m.body);
            if (tmall && m.role == AuthorRole::Agent && !has_cjk(m.author)) FAIL("Tmall agent name " << m.author);
        }
        if (tmall) {
            CHECK(has_cjk(s.find_customer(c.customer_id)->name));
            CHECK(s.find_customer(c.customer_id)->country == "CN");
        }
        for (const Note& n : c.notes) notes_zh += has_cjk(n.text);
        for (const Remark& r : c.remarks) {
            CHECK(tmall);
            CHECK(has_cjk(r.text));
            CHECK(has_cjk(r.agent));
            flags.insert(r.flag);
            ++remarks;
        }
    }
    CHECK(notes_zh > 100);
    CHECK(remarks > 100);
    CHECK(flags.size() == 5);
}

TEST_CASE("demo: eBay cases are opened inside their windows", "[demo]") {
    const Store& s = big_store();
    int cases[2][2] = {}, high_priority = 0, members = 0;
    for (const Conversation& c : s.conversations) {
        if (c.marketplace != Marketplace::Ebay) {
            CHECK(c.folder == EbayFolder::None);
            CHECK(c.ebay_case.type == CaseType::None);
            continue;
        }
        high_priority += c.folder == EbayFolder::HighPriority;
        members += c.folder == EbayFolder::FromMembers;
        if (c.ebay_case.type == CaseType::None) {
            CHECK(c.folder != EbayFolder::FromEbay);
            continue;
        }
        INFO(c.id);
        CHECK(c.folder == EbayFolder::FromEbay);
        CHECK(c.messages[0].role == AuthorRole::Platform);
        CHECK(c.messages[0].author == "eBay");
        CHECK(c.ebay_case.opened_at == c.opened_at);
        const Order* o = s.find_order(c.order_id);
        REQUIRE(o);
        const Time opened = c.ebay_case.opened_at;
        const bool inr = c.ebay_case.type == CaseType::ItemNotReceived;
        ++cases[inr ? 0 : 1][c.ebay_case.channel == CaseChannel::PayPal];
        if (inr && c.ebay_case.channel == CaseChannel::Ebay && (o->region == "US" || o->region == "GB")) {
            CHECK(opened >= o->estimated_delivery + kDay);
            CHECK(opened <= o->estimated_delivery + 30 * kDay);
        } else {
            CHECK((o->region == "US" || o->region == "GB" || o->region == "DE"));
            CHECK(opened >= o->paid_at + kDay);
            CHECK(opened <= o->paid_at + 45 * kDay);
        }
    }
    for (auto& row : cases)
        for (int n : row) CHECK(n > 10);
    CHECK(high_priority > 10);
    CHECK(members > high_priority * 10);
}

TEST_CASE("demo: message counts are mostly 1 to 6", "[demo]") {
    const Store& s = big_store();
    std::map<size_t, int> hist;
    size_t total = 0;
    for (const Conversation& c : s.conversations) {
        ++hist[c.messages.size()];
        total += c.messages.size();
    }
    const double n = double(s.conversations.size());
    int one_to_six = 0, longer = 0;
    for (auto& [len, count] : hist) {
        if (len >= 1 && len <= 6) one_to_six += count;
        if (len > 6) longer += count;
    }
    const double mean = double(total) / n;
    CHECK(one_to_six / n > 0.80);
    CHECK(longer / n > 0.03);
    CHECK(hist[1] / n > 0.05);
    CHECK(hist[2] / n > 0.10);
    CHECK(hist[3] / n > 0.10);
    CHECK(mean > 3.5);
    CHECK(mean < 5.5);
}

TEST_CASE("demo: Walmart labels, Customer Care and auto-replies", "[demo]") {
    const Store& s = mid_store();
    int walmart = 0, care = 0;
    for (const Conversation& c : s.conversations) {
        if (c.marketplace != Marketplace::Walmart) {
            CHECK_FALSE(c.has_label(labels::kResponseNeeded));
            CHECK_FALSE(c.has_label(labels::kCustomerCare));
            continue;
        }
        ++walmart;
        INFO(c.id);
        CHECK(c.has_label(labels::kResponseNeeded) == (c.status == Status::AwaitingSeller));
        const bool cc = c.has_label(labels::kCustomerCare);
        care += cc;
        bool any_cc = false;
        for (const Message& m : c.messages) {
            if (m.role != AuthorRole::CustomerCare) continue;
            any_cc = true;
            CHECK(m.author == "Walmart Customer Care");
        }
        CHECK(any_cc == cc);
        if (cc) CHECK(c.messages[0].role == AuthorRole::CustomerCare);
    }
    CHECK(double(care) / walmart == Approx(0.15).margin(0.04));
}

TEST_CASE("demo: Wish tickets carry labels, transactions and the pre-shipping cases", "[demo]") {
    const Store& s = mid_store();
    static const std::set<std::string> kReasons = {"address_change", "item_not_received", "missing_items", "customs",
                                                   "damaged_item", "return_request", "cancel_order", "other"};
    std::set<std::string> reasons;
    int gifts = 0, escalated = 0;
    std::string all;
    for (const Conversation& c : s.conversations) {
        if (c.marketplace != Marketplace::Wish || c.kind != ConversationKind::PostSale) continue;
        REQUIRE(!c.labels.empty());
        INFO(c.id);
        CHECK(kReasons.count(c.labels[0]) == 1);
        reasons.insert(c.labels[0]);
        const Order* o = s.find_order(c.order_id);
        CHECK(!o->transaction_id.empty());
        gifts += o->gift;
        for (const Message& m : c.messages) {
            if (m.role == AuthorRole::Platform) ++escalated;
            if (m.direction == Direction::Outbound) all += m.body;
        }
    }
    CHECK(reasons == kReasons);
    CHECK(gifts > 10);
    CHECK(escalated > 5);
    // The eight pre-shipping problems all show up in the agents' answers.
    for (const char* phrase : {"address seems incomplete", "local post office", "separate packages",
                               "customs office", "returned your parcel", "lost in transit",
                               "damaged during shipping", "passed this to our warehouse team"})
        CHECK(all.find(phrase) != std::string::npos);
}

TEST_CASE("demo: text is filled in and varied", "[demo]") {
    const Store& s = mid_store();
    std::set<std::string> first_bodies, subjects;
    int post_sale_en = 0;
    for (const Conversation& c : s.conversations) {
        if (c.subject.find_first_of("{}") != std::string::npos) FAIL("placeholder in subject " << c.subject);
        for (const Message& m : c.messages) {
            if (m.body.empty()) FAIL("empty body " << m.id);
            if (m.author.empty()) FAIL("no author " << m.id);
            if (m.body.find_first_of("{}") != std::string::npos) FAIL("placeholder in " << m.id << ": " << m.body);
        }
        for (const Note& n : c.notes)
            if (n.text.find_first_of("{}") != std::string::npos) FAIL("placeholder in note " << n.text);
        for (const Remark& r : c.remarks)
            if (r.text.find_first_of("{}") != std::string::npos) FAIL("placeholder in remark " << r.text);
        subjects.insert(c.subject);
        if (c.kind == ConversationKind::PostSale && c.marketplace != Marketplace::Tmall &&
            c.messages[0].role == AuthorRole::Customer) {
            ++post_sale_en;
            first_bodies.insert(c.messages[0].body);
        }
    }
    CHECK(first_bodies.size() > size_t(post_sale_en) * 9 / 10);
    CHECK(subjects.size() > 1000);

    // Agents sign with their own names; Amazon answers use numbered options and time frames.
    int numbered = 0, amazon_replies = 0;
    for (const Conversation& c : s.conversations) {
        if (c.marketplace != Marketplace::Amazon) continue;
        for (const Message& m : c.messages) {
            if (m.direction != Direction::Outbound || m.auto_reply) continue;
            ++amazon_replies;
            CHECK(m.body.find(m.author) != std::string::npos);
            numbered += m.body.find("\n1. ") != std::string::npos;
        }
    }
    CHECK(numbered > amazon_replies / 10);
}
