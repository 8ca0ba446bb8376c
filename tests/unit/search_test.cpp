// Full-text index: word-prefix and CJK matching, field separation, equality with a brute-force
// scan on random stores, incremental updates equal to a full rebuild.
#include <catch2/catch.hpp>

#include <algorithm>
#include <random>
#include <string>
#include <vector>
#include "core/search_index.h"
#include "core/text_fold.h"

using sd::SearchIndex;
using sd::TextField;

namespace {

sd::Conversation make_conv(const std::string& id, const std::string& subject, const std::string& customer_id,
                           const std::string& order_id, std::vector<std::string> bodies) {
    sd::Conversation c;
    c.id = id;
    c.subject = subject;
    c.customer_id = customer_id;
    c.order_id = order_id;
    sd::Time t = 1000;
    for (std::string& b : bodies) {
        sd::Message m;
        m.id = id + "-m" + std::to_string(c.messages.size());
        m.body = std::move(b);
        m.at = t++;
        c.messages.push_back(std::move(m));
    }
    return c;
}

void add_customer(sd::Store& s, const std::string& id, const std::string& name) {
    sd::Customer c;
    c.id = id;
    c.name = name;
    s.customers.push_back(c);
}

// Indices of conversations matching, or {-1} when match() said "no words".
std::vector<int> hits(const SearchIndex& ix, const sd::Store&, TextField f, const std::string& q) {
    std::vector<uint64_t> bits;
    if (!ix.match(f, q, bits)) return {-1};
    std::vector<int> out;
    for (size_t i = 0; i < ix.size(); ++i)
        if (sd::bitset_test(bits, i)) out.push_back(int(i));
    return out;
}

sd::Store small_store() {
    sd::Store s;
    add_customer(s, "u1", "José Müller");
    add_customer(s, "u2", "Maria Lopez");
    add_customer(s, "u3", "王小明");
    s.conversations.push_back(make_conv("c0", "Return request", "u1", "112-1234567-8901234",
                                        {"Hello, I want to return the blue kettle.", "Sure, here is the label."}));
    s.conversations.push_back(make_conv("c1", "Where is my order?", "u2", "200011112222",
                                        {"My parcel has not arrived. Tracking says delivered?"}));
    s.conversations.push_back(make_conv("c2", "退货申请", "u3", "",
                                        {"你好，我想退货，谢谢", "好的，请提供订单号。"}));
    s.conversations.push_back(make_conv("c3", "Question about size", "u2", "",
                                        {"想退款吗？我想要换货。", "ＲＥＦＵＮＤ　ｐｌｅａｓｅ"}));
    s.reindex();
    return s;
}

// ---- brute force reference ------------------------------------------------------------------

struct Doc {
    std::vector<std::string> words;      // folded non-CJK words
    std::vector<std::string> texts;      // folded field texts
};

Doc doc_of(const sd::Store& s, const sd::Conversation& c, TextField f) {
    std::vector<std::string> raw;
    const sd::Customer* who = s.find_customer(c.customer_id);
    if (f != TextField::Customer) raw.push_back(c.subject);
    if (f != TextField::Subject && who) raw.push_back(who->name);
    if (f == TextField::All) {
        raw.push_back(c.order_id);
        for (const sd::Message& m : c.messages) raw.push_back(m.body);
    }
    Doc d;
    for (const std::string& r : raw) {
        d.texts.push_back(sd::fold(r));
        sd::for_each_word(d.texts.back(), [&](std::string_view w, bool cjk) {
            if (!cjk) d.words.emplace_back(w);
        });
    }
    return d;
}

std::vector<int> brute(const sd::Store& s, TextField f, const std::string& q) {
    std::vector<std::pair<std::string, bool>> qw;
    std::string fq = sd::fold(q);
    sd::for_each_word(fq, [&](std::string_view w, bool cjk) { qw.emplace_back(std::string(w), cjk); });
    if (qw.empty()) return {-1};
    std::vector<int> out;
    for (size_t i = 0; i < s.conversations.size(); ++i) {
        Doc d = doc_of(s, s.conversations[i], f);
        bool all = true;
        for (const auto& w : qw) {
            bool hit = false;
            if (!w.second) {
                for (const std::string& dw : d.words)
                    if (dw.compare(0, w.first.size(), w.first) == 0) { hit = true; break; }
            } else {
                for (const std::string& t : d.texts)
                    if (t.find(w.first) != std::string::npos) { hit = true; break; }
            }
            if (!hit) { all = false; break; }
        }
        if (all) out.push_back(int(i));
    }
    return out;
}

// ---- random data ------------------------------------------------------------------------------

const char* const kWords[] = {"return", "returned", "returns", "request", "refund", "ref", "red", "receive",
                              "received", "order", "ordered", "parcel", "package", "kettle", "blue",
                              "size", "small", "smaller", "damaged", "dam", "tracking", "track", "label",
                              "Café", "CAFE", "naïve", "Straße", "strasse", "ＲＥＴＵＲＮ", "Ｒｅｆ",
                              "112-1234567", "1234", "12345", "a", "an", "the", "x"};
const char* const kCjk[] = {"我", "想", "退", "货", "款", "谢", "订", "单", "物", "流", "出", "要"};
const char* const kNames[] = {"José Müller", "Maria Lopez", "王小明", "Zoë Ångström", "JOSE MULLER",
                              "Li Wei", "ＬＩ　ＷＥＩ", "小王", "O'Brien"};

std::string random_cjk(std::mt19937& rng, int max_len) {
    std::string s;
    int len = 1 + int(rng() % unsigned(max_len));
    for (int i = 0; i < len; ++i) s += kCjk[rng() % (sizeof(kCjk) / sizeof(kCjk[0]))];
    return s;
}

std::string random_text(std::mt19937& rng, int words) {
    std::string s;
    for (int i = 0; i < words; ++i) {
        if (i) s += (rng() % 5 == 0) ? ", " : " ";
        if (rng() % 4 == 0) s += random_cjk(rng, 6);
        else s += kWords[rng() % (sizeof(kWords) / sizeof(kWords[0]))];
    }
    return s;
}

sd::Conversation random_conv(std::mt19937& rng, size_t i, size_t customers) {
    std::vector<std::string> bodies;
    int nm = int(rng() % 4);
    for (int m = 0; m < nm; ++m) bodies.push_back(random_text(rng, 1 + int(rng() % 8)));
    std::string order = rng() % 3 ? std::to_string(100 + rng() % 900) + "-" + std::to_string(rng() % 100000) : "";
    return make_conv("c" + std::to_string(i), random_text(rng, 1 + int(rng() % 3)),
                     "u" + std::to_string(rng() % (customers + 1)),   // sometimes unknown customer
                     order, std::move(bodies));
}

sd::Store random_store(std::mt19937& rng, size_t n) {
    sd::Store s;
    const size_t customers = sizeof(kNames) / sizeof(kNames[0]);
    for (size_t i = 0; i < customers; ++i) add_customer(s, "u" + std::to_string(i), kNames[i]);
    for (size_t i = 0; i < n; ++i) s.conversations.push_back(random_conv(rng, i, customers));
    s.reindex();
    return s;
}

std::string random_query(std::mt19937& rng) {
    std::string q;
    int nw = 1 + int(rng() % 3);
    for (int i = 0; i < nw; ++i) {
        if (i) q += " ";
        switch (rng() % 6) {
            case 0: q += random_cjk(rng, 4); break;
            case 1: q += kNames[rng() % (sizeof(kNames) / sizeof(kNames[0]))]; break;
            default: {
                std::string w = kWords[rng() % (sizeof(kWords) / sizeof(kWords[0]))];
                std::string f = sd::fold(w);
                size_t cut = 1 + rng() % f.size();
                while (cut < f.size() && (static_cast<unsigned char>(f[cut]) & 0xC0) == 0x80) ++cut;
                q += rng() % 2 ? f.substr(0, cut) : w;
            }
        }
    }
    return q;
}

}  // namespace

TEST_CASE("word-prefix search, any order, all words required", "[search]") {
    sd::Store s = small_store();
    SearchIndex ix;
    ix.build(s);
    CHECK(hits(ix, s, TextField::Subject, "ret") == std::vector<int>{0});
    CHECK(hits(ix, s, TextField::Subject, "Return request") == std::vector<int>{0});
    CHECK(hits(ix, s, TextField::Subject, "req ret") == std::vector<int>{0});
    CHECK(hits(ix, s, TextField::Subject, "ret xyz").empty());
    CHECK(hits(ix, s, TextField::Subject, "eturn").empty());         // prefix, not infix
    CHECK(hits(ix, s, TextField::All, "kettle blue") == std::vector<int>{0});
    CHECK(hits(ix, s, TextField::All, "deliv") == std::vector<int>{1});
    CHECK(hits(ix, s, TextField::All, "  ") == std::vector<int>{-1});  // nothing to search
    CHECK(hits(ix, s, TextField::All, "?!") == std::vector<int>{-1});
}

TEST_CASE("search is case, accent and width insensitive", "[search]") {
    sd::Store s = small_store();
    SearchIndex ix;
    ix.build(s);
    CHECK(hits(ix, s, TextField::Customer, "jose") == std::vector<int>{0});
    CHECK(hits(ix, s, TextField::Customer, "JOSÉ MÜL") == std::vector<int>{0});
    CHECK(hits(ix, s, TextField::Customer, "ｍｕｌｌｅｒ") == std::vector<int>{0});
    CHECK(hits(ix, s, TextField::Subject, "ＲＥＴ") == std::vector<int>{0});
    CHECK(hits(ix, s, TextField::All, "refund please") == std::vector<int>{3});   // full-width in text
    CHECK(hits(ix, s, TextField::All, "REFUND　PLEASE") == std::vector<int>{3});  // ideographic space
}

TEST_CASE("fields are searched separately", "[search]") {
    sd::Store s = small_store();
    SearchIndex ix;
    ix.build(s);
    CHECK(hits(ix, s, TextField::Subject, "maria").empty());
    CHECK(hits(ix, s, TextField::Customer, "maria") == std::vector<int>{1, 3});
    CHECK(hits(ix, s, TextField::All, "maria order") == std::vector<int>{1});     // customer + subject
    CHECK(hits(ix, s, TextField::Customer, "kettle").empty());
    CHECK(hits(ix, s, TextField::All, "8901234") == std::vector<int>{0});         // order ID words
}

TEST_CASE("Chinese text is searchable without spaces", "[search]") {
    sd::Store s = small_store();
    SearchIndex ix;
    ix.build(s);
    CHECK(hits(ix, s, TextField::All, "退货") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::All, "货") == std::vector<int>{2, 3});        // last char of a run
    CHECK(hits(ix, s, TextField::All, "我想退货") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::All, "想退") == std::vector<int>{2, 3});
    // c3 has the bigrams 我想 and 想退 but not the run 我想退: verification must reject it
    CHECK(hits(ix, s, TextField::All, "我想退") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::All, "退货申请") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::Subject, "申请") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::Subject, "谢谢").empty());
    CHECK(hits(ix, s, TextField::Customer, "小明") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::Customer, "王小明") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::All, "退货 谢谢") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::All, "换货 refund") == std::vector<int>{3});
    // a zero-width space or a combining mark inside the raw text does not split the run
    s.conversations[1].messages[0].body = "订单\u200B号码 and 物\u0301流";
    ix.update(s, 1);
    CHECK(hits(ix, s, TextField::All, "订单号码") == std::vector<int>{1});
    CHECK(hits(ix, s, TextField::All, "请提供订单号") == std::vector<int>{2});
    CHECK(hits(ix, s, TextField::All, "提供订单号码").empty());
    CHECK(hits(ix, s, TextField::All, "单号") == std::vector<int>{1, 2});
    CHECK(hits(ix, s, TextField::All, "物流") == std::vector<int>{1});
}

TEST_CASE("index equals a brute-force scan on random stores", "[search]") {
    for (uint32_t seed = 1; seed <= 6; ++seed) {
        std::mt19937 rng(seed);
        sd::Store s = random_store(rng, 150 + seed * 20);
        SearchIndex ix;
        ix.build(s);
        for (int k = 0; k < 300; ++k) {
            std::string q = random_query(rng);
            TextField f = TextField(1 + rng() % 3);
            INFO("seed " << seed << " field " << int(f) << " query \"" << q << "\"");
            REQUIRE(hits(ix, s, f, q) == brute(s, f, q));
        }
    }
}

TEST_CASE("incremental updates equal a full rebuild", "[search]") {
    for (size_t threshold : {size_t(0), size_t(3), size_t(1000000)}) {
        std::mt19937 rng(77 + uint32_t(threshold % 100));
        sd::Store s = random_store(rng, 120);
        SearchIndex ix;
        ix.set_compact_threshold(threshold);
        ix.build(s);
        for (int step = 0; step < 200; ++step) {
            size_t i = rng() % s.conversations.size();
            sd::Conversation& c = s.conversations[i];
            switch (rng() % 5) {
                case 0: c.subject = random_text(rng, 2); break;
                case 1: {
                    sd::Message m;
                    m.body = random_text(rng, 5);
                    c.messages.push_back(m);
                    break;
                }
                case 2: c.messages.clear(); break;
                case 3: c.customer_id = "u" + std::to_string(rng() % 9); break;
                case 4: {   // append a new conversation
                    s.conversations.push_back(random_conv(rng, s.conversations.size(), 9));
                    s.reindex();
                    i = s.conversations.size() - 1;
                    break;
                }
            }
            ix.update(s, i);
            if (step % 40 == 39) {
                SearchIndex fresh;
                fresh.build(s);
                INFO("threshold " << threshold << " step " << step);
                REQUIRE(ix.size() == fresh.size());
                REQUIRE(ix.dump() == fresh.dump());
                for (int k = 0; k < 40; ++k) {
                    std::string q = random_query(rng);
                    TextField f = TextField(1 + rng() % 3);
                    INFO("query \"" << q << "\"");
                    REQUIRE(hits(ix, s, f, q) == hits(fresh, s, f, q));
                    REQUIRE(hits(ix, s, f, q) == brute(s, f, q));
                }
            }
        }
        if (threshold == 1000000) CHECK(ix.stats().delta_conversations > 0);
        ix.compact();
        CHECK(ix.stats().delta_conversations == 0);
        SearchIndex fresh;
        fresh.build(s);
        CHECK(ix.dump() == fresh.dump());
        CHECK(ix.stats().terms == fresh.stats().terms);
        CHECK(ix.stats().postings == fresh.stats().postings);
    }
}

TEST_CASE("appending several conversations at once indexes the gap", "[search]") {
    sd::Store s = small_store();
    SearchIndex ix;
    ix.build(s);
    s.conversations.push_back(make_conv("c4", "Damaged kettle", "u1", "", {}));
    s.conversations.push_back(make_conv("c5", "Missing kettle", "u2", "", {}));
    ix.update(s, 5);
    CHECK(ix.size() == 6);
    CHECK(hits(ix, s, TextField::Subject, "kettle") == std::vector<int>{4, 5});
    s.conversations[4].subject = "Broken lid";
    ix.update(s, 4);
    CHECK(hits(ix, s, TextField::Subject, "kettle") == std::vector<int>{5});
    CHECK(hits(ix, s, TextField::Subject, "brok") == std::vector<int>{4});
}

TEST_CASE("stats report size and memory", "[search]") {
    sd::Store s = small_store();
    SearchIndex ix;
    ix.build(s);
    sd::SearchIndexStats st = ix.stats();
    CHECK(st.conversations == 4);
    CHECK(st.terms > 20);
    CHECK(st.postings >= st.terms);
    CHECK(st.bytes() > 0);
    SearchIndex empty;
    CHECK(empty.size() == 0);
    std::vector<uint64_t> bits;
    CHECK(empty.match(TextField::All, "x", bits));
    CHECK(bits.empty());
}
