// Real conversations in: marketplace detection, order IDs, names, threading, duplicates and CSV
// (core/mail_import.h, core/csv_import.h), and replies out as mail (core/mail_export.h).
#include <catch2/catch.hpp>
#include <cstdio>

#include "core/csv_import.h"
#include "core/demo.h"
#include "core/export_json.h"
#include "core/mail_export.h"
#include "core/mail_import.h"
#include "core/ops.h"
#include "core/snapshot_bin.h"
#include "core/store_json.h"
#include "core/time.h"

using namespace sd;
using nlohmann::json;

namespace {

Time at(const char* iso) {
    Time t = 0;
    REQUIRE(parse_iso8601(iso, t));
    return t;
}

InMessage mail(const std::string& id, const std::string& from_name, const std::string& from, const std::string& subject,
               const char* when, const std::string& text = "Where is my parcel? It has not arrived.") {
    InMessage m;
    m.file = "inbox.mbox";
    m.mail_id = id;
    m.from_name = from_name;
    m.from_address = from;
    m.to = {"support@brightnest.example"};
    m.subject = subject;
    m.at = at(when);
    m.text = text;
    return m;
}

RecordsResult import_all(const Store& store, std::vector<InMessage> ms, RecordsOptions o = RecordsOptions()) {
    RecordsJob job = begin_records(store, o);
    for (InMessage& m : ms) add_record(job, std::move(m));
    return finish_records(std::move(job), store);
}

// The store after merging an import's result into it.
Store merged(const Store& store, RecordsResult&& r) {
    SyncData mine;
    mine.store = store;
    MergeResult m = merge(std::move(mine), r.data);
    return std::move(m.data.store);
}

}  // namespace

TEST_CASE("a mail's marketplace comes from its sender's domain", "[mail]") {
    const MailDomains d = default_mail_domains();
    Marketplace m;
    REQUIRE(marketplace_of_address(d, "x7kq2m9vdlm3p1@marketplace.amazon.com", m));
    CHECK(m == Marketplace::Amazon);
    REQUIRE(marketplace_of_address(d, "Buyer.9f3@Relay.Walmart.com", m));
    CHECK(m == Marketplace::Walmart);
    REQUIRE(marketplace_of_address(d, "ebay@ebay.com", m));
    CHECK(m == Marketplace::Ebay);
    REQUIRE(marketplace_of_address(d, "jdoe77@members.ebay.com", m));
    CHECK(m == Marketplace::Ebay);
    CHECK_FALSE(marketplace_of_address(d, "friend@gmail.com", m));
    CHECK_FALSE(marketplace_of_address(d, "someone@notamazon.com", m));   // a suffix, not a subdomain
    CHECK_FALSE(marketplace_of_address(d, "no-at-sign", m));

    SECTION("the list is configurable, and the longest domain wins") {
        MailDomains mine = d;
        std::string err;
        REQUIRE(mail_domains_from_json({{"wish", {"merchant.wish.com"}}, {"amazon", {"marketplace.amazon.co.uk"}}}, mine, err));
        REQUIRE(marketplace_of_address(mine, "a@merchant.wish.com", m));
        CHECK(m == Marketplace::Wish);
        REQUIRE(marketplace_of_address(mine, "b@marketplace.amazon.co.uk", m));
        CHECK(m == Marketplace::Amazon);
        CHECK_FALSE(marketplace_of_address(mine, "c@relay.walmart.com", m));   // the JSON replaces the whole list
        CHECK(mail_domains_to_json(mine)["wish"] == json::array({"merchant.wish.com"}));
        CHECK_FALSE(mail_domains_from_json({{"etsy", {"etsy.com"}}}, mine, err));
        CHECK(err == "mail domains: unknown marketplace \"etsy\"");
        CHECK_FALSE(mail_domains_from_json({{"wish", {"not a domain"}}}, mine, err));
    }
}

TEST_CASE("order IDs follow each marketplace's pattern", "[mail]") {
    CHECK(find_order_id(Marketplace::Amazon, "Inquiry from Amazon customer (Order: 114-3941689-8772232)") == "114-3941689-8772232");
    CHECK(find_order_id(Marketplace::Amazon, "order 1143941689") == "");
    CHECK(find_order_id(Marketplace::Walmart, "PO 1234567890123, order 200011234567890") == "200011234567890");
    CHECK(find_order_id(Marketplace::Walmart, "Purchase order 1234567890123") == "1234567890123");
    CHECK(find_order_id(Marketplace::Walmart, "call 5551234567") == "");
    CHECK(find_order_id(Marketplace::Ebay, "jdoe_77 sent a message about Lamp #314159265358") == "314159265358");
    CHECK(find_order_id(Marketplace::Ebay, "item 314159265358 order 12-34567-89012") == "12-34567-89012");
    CHECK(find_order_id(Marketplace::Wish, "Order 5f1a2b3c4d5e6f7a8b9c0d1e") == "5f1a2b3c4d5e6f7a8b9c0d1e");
    CHECK(find_order_id(Marketplace::Tmall, "订单号：3712345678901234567 已发货") == "3712345678901234567");
    CHECK(find_order_id(Marketplace::Tmall, "电话 13812345678") == "");
}

TEST_CASE("a customer's name loses the relay's suffix", "[mail]") {
    CHECK(clean_customer_name("Maria Lopez - Amazon Marketplace") == "Maria Lopez");
    CHECK(clean_customer_name("\"Jane Doe via Walmart\"") == "Jane Doe");
    CHECK(clean_customer_name("  Li Wei ") == "Li Wei");
    CHECK(ebay_buyer_from_subject("Other: jdoe_77 sent a message about Desk Lamp #314159265358") == "jdoe_77");
    CHECK(ebay_buyer_from_subject("Question about item #314159265358 from sunny.days") == "sunny.days");
    CHECK(ebay_buyer_from_subject("Your eBay account summary") == "");
    CHECK(thread_subject("RE: Fwd: 回复：Where is it") == "Where is it");
}

TEST_CASE("mail becomes conversations threaded by reply, relay and order", "[mail]") {
    Store empty;
    const std::string relay = "x7kq2m9vdlm3p1@marketplace.amazon.com";
    std::vector<InMessage> ms;
    ms.push_back(mail("m1@amazon", "Maria Lopez - Amazon Marketplace", relay, "Order 114-3941689-8772232: parcel missing",
                      "2026-11-24T10:15:00+01:00"));
    InMessage reply = mail("r1@seller", "BrightNest", "support@brightnest.example", "Re: Order 114-3941689-8772232: parcel missing",
                           "2026-11-24T12:00:00Z", "Sorry! It ships tomorrow.");
    reply.to = {relay};
    reply.in_reply_to = "m1@amazon";
    ms.push_back(reply);
    ms.push_back(mail("m2@amazon", "Maria Lopez - Amazon Marketplace", relay, "Re: parcel missing", "2026-11-25T08:00:00Z",
                      "Still nothing. Order 114-3941689-8772232"));
    ms.push_back(mail("w1@walmart", "Jane Doe", "buyer.55@relay.walmart.com", "Question about PO 1234567890123", "2026-11-24T09:00:00Z"));
    ms.push_back(mail("x1@gmail", "A friend", "friend@gmail.com", "Lunch?", "2026-11-24T09:00:00Z"));
    RecordsResult r = import_all(empty, std::move(ms));
    CHECK(r.conversations_added == 2);
    CHECK(r.messages == 4);
    REQUIRE(r.skipped.size() == 1);
    CHECK(r.skipped[0].reason.find("not from a marketplace (sender friend@gmail.com") != std::string::npos);
    const Conversation* amazon = nullptr;
    for (const Conversation& c : r.data.store.conversations)
        if (c.marketplace == Marketplace::Amazon) amazon = &c;
    REQUIRE(amazon);
    CHECK(amazon->order_id == "114-3941689-8772232");
    CHECK(amazon->kind == ConversationKind::PostSale);
    CHECK(amazon->subject == "Order 114-3941689-8772232: parcel missing");
    CHECK(amazon->mail_to == relay);
    REQUIRE(amazon->messages.size() == 3);
    CHECK(amazon->messages[0].at == at("2026-11-24T09:15:00Z"));   // the Date in UTC
    CHECK(amazon->messages[0].author == "Maria Lopez");
    CHECK(amazon->messages[1].direction == Direction::Outbound);   // the seller's own mail to the relay
    CHECK(amazon->messages[2].mail_id == "m2@amazon");
    CHECK(amazon->status == Status::AwaitingSeller);
    CHECK(amazon->unread);
    const Customer& maria = r.data.store.customers[0];
    CHECK(maria.name == "Maria Lopez");
    CHECK(maria.email == relay);
    REQUIRE(r.data.store.find_order("114-3941689-8772232"));

    SECTION("the result is a valid export and importing it twice adds nothing") {
        Store once = merged(empty, std::move(r));
        SyncData d;
        d.store = once;
        std::string text, err;
        ExportOptions o;
        REQUIRE(export_text(d, o, text, err));
        ExportFile f;
        ImportError e;
        REQUIRE(parse_export(text, f, e));
        std::vector<InMessage> again;
        again.push_back(mail("m1@amazon", "Maria", relay, "x", "2026-11-24T10:15:00+01:00"));
        RecordsResult r2 = import_all(once, std::move(again));
        CHECK(r2.duplicates == 1);
        CHECK(r2.messages == 0);
    }
    SECTION("a new buyer mail joins the conversation in the inbox and reopens it") {
        Store once = merged(empty, std::move(r));
        Conversation* c = nullptr;
        for (Conversation& x : once.conversations)
            if (x.marketplace == Marketplace::Amazon) c = &x;
        REQUIRE(c);
        c->status = Status::AwaitingCustomer;
        c->unread = false;
        RecordsOptions o;
        o.stamp = Stamp{1000, "rtest"};
        std::vector<InMessage> next;
        next.push_back(mail("m3@amazon", "Maria Lopez - Amazon Marketplace", relay, "Re: Re: parcel missing", "2026-11-26T08:00:00Z",
                            "Any news? 114-3941689-8772232"));
        RecordsResult r3 = import_all(once, std::move(next), o);
        CHECK(r3.conversations_added == 0);
        Store twice = merged(once, std::move(r3));
        const Conversation* after = twice.find_conversation(c->id);
        REQUIRE(after);
        CHECK(after->messages.size() == 4);
        CHECK(after->status == Status::AwaitingSeller);
        CHECK(after->unread);
    }
}

TEST_CASE("eBay mail names the buyer in the subject and has no relay to answer", "[mail]") {
    std::vector<InMessage> ms;
    ms.push_back(mail("e1@ebay", "eBay", "ebay@ebay.com", "Other: jdoe_77 sent a message about Desk Lamp #314159265358",
                      "2026-11-24T09:00:00Z"));
    ms.push_back(mail("e2@ebay", "eBay", "ebay@ebay.com", "Other: jdoe_77 sent a message about Desk Lamp #314159265358",
                      "2026-11-24T11:00:00Z", "Hello again"));
    RecordsResult r = import_all(Store(), std::move(ms));
    REQUIRE(r.data.store.conversations.size() == 1);
    const Conversation& c = r.data.store.conversations[0];
    CHECK(c.marketplace == Marketplace::Ebay);
    CHECK(c.folder == EbayFolder::FromMembers);
    CHECK(c.order_id == "314159265358");
    CHECK(c.mail_to.empty());
    CHECK(c.messages[0].author == "jdoe_77");
    std::string eml, why;
    CHECK_FALSE(reply_eml(c, "Thanks", EmlOptions(), eml, why));
    CHECK(why.find("eBay") != std::string::npos);
}

TEST_CASE("mail from no marketplace can be imported under a chosen one", "[mail]") {
    std::vector<InMessage> ms;
    ms.push_back(mail("o1@x", "Zhang San", "zhang@qq.com", "关于订单 5f1a2b3c4d5e6f7a8b9c0d1e", "2026-11-24T09:00:00Z", "什么时候发货？"));
    RecordsOptions o;
    o.other_mail = true;
    o.other_marketplace = Marketplace::Wish;
    RecordsResult r = import_all(Store(), std::move(ms), o);
    REQUIRE(r.data.store.conversations.size() == 1);
    CHECK(r.data.store.conversations[0].marketplace == Marketplace::Wish);
    CHECK(r.data.store.conversations[0].order_id == "5f1a2b3c4d5e6f7a8b9c0d1e");
    CHECK(r.skipped.empty());
}

TEST_CASE("a record from the page is read with its attachments", "[mail]") {
    json j = {{"file", "a.eml"},
              {"message_id", "<abc@x>"},
              {"references", {"<p1@x>", "<p2@x>"}},
              {"from", {{"name", "Li"}, {"address", "li@relay.walmart.com"}}},
              {"to", {"s@shop.example"}},
              {"subject", "Hi"},
              {"date", "2026-11-24T09:00:00.000Z"},
              {"text", "hello"},
              {"attachments", {{{"name", "photo.jpg"}, {"size", 20480}}}}};
    InMessage m;
    std::string err;
    REQUIRE(in_message_from_json(j, m, err));
    CHECK(m.mail_id == "abc@x");
    CHECK(m.references == std::vector<std::string>{"p1@x", "p2@x"});
    REQUIRE(m.attachments.size() == 1);
    CHECK(m.attachments[0].size == 20480);
    j["date"] = "yesterday";
    CHECK_FALSE(in_message_from_json(j, m, err));
    CHECK(err == "\"date\" is not an ISO 8601 time: yesterday");
}

// ---- CSV ----------------------------------------------------------------------------------------
TEST_CASE("CSV is read as RFC 4180", "[csv]") {
    CsvReader r;
    r.text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n1,,3";
    std::vector<std::string> f;
    ImportSkip err;
    REQUIRE(r.next(f, err));
    CHECK(f == std::vector<std::string>{"a", "b", "c"});
    REQUIRE(r.next(f, err));
    CHECK(f == std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"});
    CHECK(r.row == 2);
    REQUIRE(r.next(f, err));
    CHECK(f == std::vector<std::string>{"1", "", "3"});
    CHECK(r.row == 3);
    CHECK_FALSE(r.next(f, err));
    CHECK(err.code.empty());

    CsvReader bad;
    bad.text = "a,b\n\"open,b\n";
    REQUIRE(bad.next(f, err));
    CHECK_FALSE(bad.next(f, err));
    CHECK(err.reason == "a quoted field that starts in row 2 never ends (the file is cut short?)");
    CHECK(err.code == "csv_quote_never_ends");
    CHECK(err.args == nlohmann::json{{"start_row", 2}});
}

TEST_CASE("CSV rows become threads, bad rows are reported with their place", "[csv]") {
    const std::string text =
        "\xEF\xBB\xBFmarketplace,order_id,customer,subject,direction,at,body,extra\n"
        "tmall,3712345678901234567,王小明,退货,inbound,2026-11-24 09:00,\"你好，我要退货\",x\n"
        "tmall,3712345678901234567,王小明,退货,outbound,2026-11-24 09:03,\"好的，请填写退货单号\",x\n"
        "wish,5f1a2b3c4d5e6f7a8b9c0d1e,Ann,Address,buyer,2026-11-24T10:00:00Z,\"Please change my address\",\n"
        "wish,5f1a2b3c4d5e6f7a8b9c0d1e,Ann,Address,buyer,2026-13-01 10:00,Bad time,\n"
        "etsy,1,Bob,Hi,inbound,2026-11-24T10:00:00Z,Hello,\n";
    RecordsJob job = begin_records(Store(), RecordsOptions());
    CsvFile f = begin_csv("orders.csv", text);
    REQUIRE(f.ok);
    CHECK(f.columns.ignored == std::vector<std::string>{"extra"});
    while (!csv_next(f, 2, job)) {
    }
    CHECK(f.rows == 5);
    CHECK(f.accepted == 3);
    REQUIRE(f.errors.size() == 2);
    CHECK(f.errors[0].reason == "orders.csv:5:6: \"at\" is not a time (2026-11-24T10:15:00Z, or 2026-11-24 10:15 in UTC): \"2026-13-01 10:00\"");
    CHECK(f.errors[1].reason == "orders.csv:6:1: \"marketplace\" is not a marketplace (walmart, amazon, ebay, wish, tmall): \"etsy\"");
    RecordsResult r = finish_records(std::move(job), Store());
    REQUIRE(r.data.store.conversations.size() == 2);
    const Conversation* tmall = nullptr;
    for (const Conversation& c : r.data.store.conversations)
        if (c.marketplace == Marketplace::Tmall) tmall = &c;
    REQUIRE(tmall);
    REQUIRE(tmall->messages.size() == 2);
    CHECK(tmall->messages[0].body == "你好，我要退货");
    CHECK(tmall->messages[0].at == at("2026-11-24T09:00:00Z"));
    CHECK(tmall->status == Status::AwaitingCustomer);

    SECTION("the same rows again are duplicates") {
        Store once = merged(Store(), std::move(r));
        RecordsJob again = begin_records(once, RecordsOptions());
        CsvFile g = begin_csv("orders.csv", text);
        while (!csv_next(g, 100, again)) {
        }
        RecordsResult r2 = finish_records(std::move(again), once);
        CHECK(r2.duplicates == 3);
        CHECK(r2.messages == 0);
    }
    SECTION("the preview shows the mapping and the first rows") {
        CsvPreview p = csv_preview("orders.csv", text, 2);
        REQUIRE(p.ok);
        CHECK(p.header[0] == "marketplace");
        CHECK(p.mapping[5] == "at");
        CHECK(p.mapping[7] == "");
        CHECK(p.rows.size() == 2);
        CHECK(p.total_rows == 5);
        CHECK(p.bad_rows == 2);
    }
}

TEST_CASE("a CSV without the needed header is refused whole", "[csv]") {
    CsvFile f = begin_csv("x.csv", "name,phone\nBob,123\n");
    CHECK_FALSE(f.ok);
    CHECK(f.error.reason.find("x.csv:1:1: the header row lacks the column(s) marketplace, order_id") == 0);
    CHECK_FALSE(begin_csv("e.csv", "").ok);
    CsvFile chinese = begin_csv("c.csv", "平台,订单号,买家,主题,方向,时间,内容\n天猫,1,张,问,买家,2026-11-24 09:00,在吗\n");
    REQUIRE(chinese.ok);
    RecordsJob job = begin_records(Store(), RecordsOptions());
    while (!csv_next(chinese, 10, job)) {
    }
    CHECK(chinese.accepted == 1);
}

// ---- replies out -------------------------------------------------------------------------------
TEST_CASE("a reply is an RFC 5322 message to the relay, in answer to the last buyer mail", "[mail][eml]") {
    Conversation c;
    c.id = "ml-c1";
    c.marketplace = Marketplace::Amazon;
    c.subject = "Where is my order 114-3941689-8772232";
    c.mail_to = "x7kq@marketplace.amazon.com";
    Message a;
    a.id = "a";
    a.mail_id = "m1@amazon";
    Message b = a;
    b.id = "b";
    b.mail_id = "m2@amazon";
    c.messages = {a, b};
    EmlOptions o;
    o.date = at("2026-11-24T10:15:00Z");
    o.from_name = "BrightNest Home";
    o.from_address = "support@brightnest.example";
    std::string eml, why;
    REQUIRE(reply_eml(c, "Hello Maria,\nyour parcel ships today — sorry for the wait.\n", o, eml, why));
    CHECK(eml.find("To: <x7kq@marketplace.amazon.com>\r\n") != std::string::npos);
    CHECK(eml.find("Subject: Re: Where is my order 114-3941689-8772232\r\n") != std::string::npos);
    CHECK(eml.find("In-Reply-To: <m2@amazon>\r\n") != std::string::npos);
    CHECK(eml.find("References: <m1@amazon> <m2@amazon>\r\n") != std::string::npos);
    CHECK(eml.find("Date: Tue, 24 Nov 2026 10:15:00 +0000\r\n") != std::string::npos);
    CHECK(eml.find("Content-Transfer-Encoding: quoted-printable\r\n") != std::string::npos);
    CHECK(eml.find("ships today =E2=80=94 sorry") != std::string::npos);
    Conversation typed = c;
    typed.mail_to.clear();
    CHECK_FALSE(reply_eml(typed, "x", o, eml, why));
}

TEST_CASE("quoted-printable keeps lines short and trailing spaces safe", "[mail][eml]") {
    CHECK(quoted_printable("a=b") == "a=3Db");
    CHECK(quoted_printable("end \nFrom here") == "end=20\r\n=46rom here");
    const std::string qp = quoted_printable(std::string(200, 'x'));
    for (size_t i = 0, n; i < qp.size(); i = n + 2) {
        n = qp.find("\r\n", i);
        if (n == std::string::npos) n = qp.size();
        CHECK(n - i <= 76);
    }
    CHECK(header_words("Re: 退货") == "=?UTF-8?B?UmU6IOmAgOi0pw==?=");
    CHECK(mbox_of({{"Subject: x\r\n\r\nFrom me\r\n>From you\r\n", at("2026-11-24T10:15:00Z")}}) ==
          "From sellerdesk Tue Nov 24 10:15:00 2026\nSubject: x\n\n>From me\n>>From you\n\n");
}

// ---- new data as ops --------------------------------------------------------------------------
TEST_CASE("a buyer's conversation typed in and a message added by hand are ops", "[mail][ops]") {
    Store s;
    std::string err;
    json op = {{"op", "new_conversation"}, {"id", "nc-1"}, {"marketplace", "walmart"}, {"order_id", "200011234567890"},
               {"customer_id", "cu-x"}, {"customer_name", "Jane Doe"}, {"subject", "Broken lamp"},
               {"message_id", "nc-1-in1"}, {"text", "It arrived broken."}, {"at", "2026-11-24T09:00:00Z"}};
    REQUIRE(apply_op(s, op, err));
    REQUIRE(s.conversations.size() == 1);
    const Conversation& c = s.conversations[0];
    CHECK(c.status == Status::AwaitingSeller);
    CHECK(c.has_label(labels::kResponseNeeded));
    CHECK(s.find_customer("cu-x")->name == "Jane Doe");
    CHECK(s.find_order("200011234567890"));
    CHECK_FALSE(apply_op(s, op, err));
    CHECK(err == "conversation \"nc-1\" already exists");
    json empty = op;
    empty["id"] = "nc-2";
    empty["text"] = " ";
    CHECK_FALSE(apply_op(s, empty, err));
    CHECK(err == "the buyer's message is empty");

    json add = {{"op", "add_message"}, {"id", "nc-1"}, {"message_id", "nc-1-in2"}, {"text", "Called: wants a refund"},
                {"author", "Jane Doe"}, {"at", "2026-11-24T10:00:00Z"}};
    REQUIRE(apply_op(s, add, err));
    CHECK(s.conversations[0].messages.size() == 2);
    CHECK_FALSE(apply_op(s, add, err));
    CHECK(err == "message id \"nc-1-in2\" already exists");
}

TEST_CASE("the mail fields reach the snapshot and exports, and version 2 files still load", "[mail][snapshot]") {
    Store s = generate_demo(DemoOptions{7, 30, at("2026-11-25T12:00:00Z")});
    s.conversations[0].mail_to = "a@marketplace.amazon.com";
    s.conversations[0].messages[0].mail_id = "m1@x";
    s.conversations[0].messages[0].attachments = {{"photo.jpg", 1234}};
    const SnapshotFiles files = encode_snapshot(s);
    Store back;
    TextsLink link;
    std::string err;
    REQUIRE(decode_snapshot(files.snapshot, back, err, &link));
    REQUIRE(decode_texts(files.texts, link, back, err));
    CHECK(back.conversations[0].mail_to == "a@marketplace.amazon.com");
    CHECK(back.conversations[0].messages[0].attachments.size() == 1);
    CHECK(back.conversations[0].messages[0].attachments[0].size == 1234);
}

TEST_CASE("threads built a few at a time are the threads built at once", "[mail]") {
    // An inbox that already has one of the buyers, so some threads join it and others are new.
    Store inbox = merged(Store(), import_all(Store(), {mail("a0@amazon", "Buyer 0 - Amazon Marketplace", "b0@marketplace.amazon.com",
                                                             "Order 114-0000000-0000000", "2026-11-20T10:00:00Z")}));
    auto batch = [] {
        std::vector<InMessage> ms;
        for (int i = 0; i < 40; ++i) {
            const std::string n = std::to_string(i % 13);
            ms.push_back(mail("a" + std::to_string(i + 1) + "@amazon", "Buyer " + n + " - Amazon Marketplace",
                              "b" + n + "@marketplace.amazon.com", "Order 114-" + std::string(7 - n.size(), '0') + n + "-0000000",
                              i % 2 ? "2026-11-24T10:00:00Z" : "2026-11-25T11:30:00Z", "Message " + std::to_string(i)));
        }
        return ms;
    };
    const RecordsResult whole = import_all(inbox, batch());
    REQUIRE(whole.conversations_added > 0);
    REQUIRE(whole.data.store.conversations.size() > whole.conversations_added);   // some join the inbox
    for (size_t slice : {size_t(1), size_t(3), size_t(1000)}) {
        RecordsJob job = begin_records(inbox, RecordsOptions());
        for (InMessage& m : batch()) add_record(job, std::move(m));
        RecordsBuild b = begin_build(std::move(job));
        size_t calls = 1;
        while (!build_next(b, inbox, slice)) ++calls;
        CHECK(calls == std::max<size_t>(1, (b.threads.size() + slice - 1) / slice));
        const RecordsResult r = end_build(std::move(b));
        CHECK(r.conversations_added == whole.conversations_added);
        CHECK(r.messages == whole.messages);
        REQUIRE(r.data.store.conversations.size() == whole.data.store.conversations.size());
        for (size_t i = 0; i < r.data.store.conversations.size(); ++i)
            CHECK(conversation_to_json(r.data.store.conversations[i]) == conversation_to_json(whole.data.store.conversations[i]));
        CHECK(r.data.store.customers.size() == whole.data.store.customers.size());
        CHECK(r.data.store.orders.size() == whole.data.store.orders.size());
    }
}

TEST_CASE("mail from no marketplace is skipped with the reason the workers are given", "[mail]") {
    std::vector<InMessage> ms;
    ms.push_back(mail("n1@x", "A Friend", "friend@gmail.com", "Lunch", "2026-11-24T09:00:00Z"));
    ms.push_back(mail("n2@x", "", "", "No sender", "2026-11-24T09:00:00Z"));
    RecordsResult r = import_all(Store(), std::move(ms));
    CHECK(r.data.store.conversations.empty());
    REQUIRE(r.skipped.size() == 2);
    CHECK(r.skipped[0].reason == no_marketplace_reason("friend@gmail.com"));
    CHECK(r.skipped[0].reason.find("friend@gmail.com") != std::string::npos);
    CHECK(r.skipped[1].reason == no_marketplace_reason(""));
    CHECK(r.skipped[1].reason.find("unknown") != std::string::npos);
}

TEST_CASE("what a finished build leaves is freed a slice at a time", "[mail]") {
    std::vector<InMessage> ms;
    char id[32], from[64], subject[64];
    for (int i = 0; i < 300; ++i) {
        std::snprintf(id, sizeof id, "r%d@amazon", i);
        std::snprintf(from, sizeof from, "b%d@marketplace.amazon.com", i / 3);
        std::snprintf(subject, sizeof subject, "Order 114-%07d-0000001", i / 3);
        ms.push_back(mail(id, "Buyer - Amazon Marketplace", from, subject, "2026-11-24T09:00:00Z"));
    }
    RecordsJob job = begin_records(Store(), RecordsOptions());
    for (InMessage& m : ms) add_record(job, std::move(m));
    RecordsBuild b = begin_build(std::move(job));
    while (!build_next(b, Store(), 50)) {
    }
    RecordsResult r = end_build(std::move(b));
    CHECK(r.data.store.conversations.size() == 100);
    CHECK(r.messages == 300);
    // 300 messages, 300 keys, 100 threads and the indexes: far more than 64 entries at once.
    REQUIRE(b.job.messages.size() == 300);
    int calls = 0;
    size_t left = b.job.messages.size();
    while (!release_next(b, 64)) {
        ++calls;
        CHECK(b.job.messages.size() + 64 >= left);   // never more than the slice at once
        left = b.job.messages.size();
    }
    CHECK(calls > 10);
    CHECK(b.job.messages.empty());
    CHECK(b.job.derived.empty());
    CHECK(b.threads.empty());
    CHECK_FALSE(b.job.index);
    CHECK(release_next(b, 64));   // nothing left: done at once
}
