// Composing: placeholder values from a conversation, template insertion, the checker's context,
// and the proactive new-conversation op.
#include <catch2/catch.hpp>

#include "core/compose.h"
#include "core/ops.h"
#include "core/time.h"

namespace {

sd::Time at(const char* iso) {
    sd::Time t = 0;
    REQUIRE(sd::parse_iso8601(iso, t));
    return t;
}

sd::Store make_store() {
    sd::Store s;
    s.customers.push_back({"cu1", "Maria Lopez", "maria@example.com", "US"});
    s.customers.push_back({"cu2", "王静", "", "CN"});
    sd::Order o;
    o.id = "112-4839201-5583920";
    o.item = "Ceramic pour-over coffee set";
    o.carrier = "USPS";
    o.tracking_number = "9400111899223197428490";
    o.purchased_at = at("2026-11-03T10:00:00Z");
    o.shipped_at = at("2026-11-05T10:00:00Z");
    o.estimated_delivery = at("2026-11-30T18:00:00Z");   // a Monday
    o.region = "US";
    s.orders.push_back(o);
    sd::Conversation c;
    c.id = "am-1";
    c.marketplace = sd::Marketplace::Amazon;
    c.customer_id = "cu1";
    c.order_id = o.id;
    c.subject = "Where is my order?";
    c.messages.push_back({"m1", sd::Direction::Inbound, sd::AuthorRole::Customer, "Maria Lopez", at("2026-11-24T09:00:00Z"), "Where is it?"});
    s.conversations.push_back(c);
    sd::Conversation t;
    t.id = "tm-1";
    t.marketplace = sd::Marketplace::Tmall;
    t.kind = sd::ConversationKind::PreSale;
    t.customer_id = "cu2";
    s.conversations.push_back(t);
    s.reindex();
    return s;
}

}  // namespace

TEST_CASE("placeholder values come from the customer, the order and the settings", "[compose]") {
    sd::Store s = make_store();
    sd::ComposeSettings set{"Lily Wang", "BrightNest Home"};
    auto v = sd::placeholder_values(s, s.conversations[0], set, at("2026-11-25T12:00:00Z"));   // a Wednesday
    CHECK(v["customer_name"] == "Maria");
    CHECK(v["order_id"] == "112-4839201-5583920");
    CHECK(v["tracking_number"] == "9400111899223197428490");
    CHECK(v["carrier"] == "USPS");
    CHECK(v["item"] == "Ceramic pour-over coffee set");
    CHECK(v["agent_name"] == "Lily Wang");
    CHECK(v["store_name"] == "BrightNest Home");
    CHECK(v["marketplace"] == "Amazon");
    CHECK(v["purchase_date"] == "November 3");
    CHECK(v["edd"] == "November 30");
    CHECK(v["eta_days"] == "3");   // Thu, Fri, Mon
    CHECK(v.count("transaction_id") == 0);   // empty on this order: left missing
    // Past the EDD there is no ETA; a pre-sale conversation has no order values; a Chinese name stays whole.
    CHECK(sd::placeholder_values(s, s.conversations[0], set, at("2026-12-02T00:00:00Z")).count("eta_days") == 0);
    auto w = sd::placeholder_values(s, s.conversations[1], set, at("2026-11-25T12:00:00Z"));
    CHECK(w["customer_name"] == "王静");
    CHECK(w.count("order_id") == 0);
    CHECK(w.count("tracking_number") == 0);
}

TEST_CASE("inserting a template: fills values, keeps missing ones visible, makes its own paragraph", "[compose]") {
    sd::Template t;
    t.id = "inr";
    t.bodies["en"] = "Your parcel {tracking_number} is with {carrier}; refund of {refund_amount} is ready.";
    std::map<std::string, std::string> v = {{"tracking_number", "94001"}, {"carrier", "USPS"}};
    sd::Insertion a = sd::insert_template("", 0, t, "en", v);
    CHECK(a.text == "Your parcel 94001 is with USPS; refund of {refund_amount} is ready.");
    CHECK(a.missing == std::vector<std::string>{"refund_amount"});
    CHECK(a.caret == a.text.size());
    sd::Insertion b = sd::insert_template("Hi Maria,\nThanks.", 10, t, "en", v);   // after "Hi Maria,\n"
    CHECK(b.text == "Hi Maria,\n\nYour parcel 94001 is with USPS; refund of {refund_amount} is ready.\n\nThanks.");
    CHECK(b.text.substr(b.caret, 2) == "\n\n");
    sd::Insertion c = sd::insert_template("Hi Maria,", 999, t, "de", v);   // caret past the end; no German body: English
    CHECK(c.text == "Hi Maria,\n\nYour parcel 94001 is with USPS; refund of {refund_amount} is ready.");
    // A caret inside a multi-byte character moves back to its start.
    sd::Insertion d = sd::insert_template("您好", 1, t, "en", v);
    CHECK(d.text.rfind("Your parcel", 0) == 0);
}

TEST_CASE("the checker's context: region, rounds, unfilled placeholders", "[compose]") {
    sd::Store s = make_store();
    const sd::Conversation& c = s.conversations[0];
    sd::CheckContext ctx = sd::check_context(s, c, "Hi {customer_name}, see {nonsense} and {tracking_number}.");
    CHECK(ctx.marketplace == sd::Marketplace::Amazon);
    CHECK(ctx.region == "US");
    CHECK(ctx.rounds == 0);
    CHECK(ctx.unfilled == std::vector<std::string>{"customer_name", "tracking_number"});
    std::vector<sd::Finding> f = sd::check_draft(s, c, "Hi {customer_name}, write to me at maria at gmail dot com");
    auto has = [&](const char* rule) { return std::any_of(f.begin(), f.end(), [&](const sd::Finding& x) { return x.rule == rule; }); };
    CHECK(has("unfilled_placeholder"));
    CHECK(has("email_address"));
    CHECK(sd::has_errors(f));
    CHECK(sd::check_context(s, s.conversations[1], "").region == "CN");   // no order: the customer's country
}

TEST_CASE("a proactive message opens a new conversation about an order", "[compose][ops]") {
    sd::Store s = make_store();
    std::string err;
    nlohmann::json op = {{"op", "new_conversation"}, {"id", "wm-new-1"}, {"marketplace", "walmart"}, {"order_id", "112-4839201-5583920"},
                         {"customer_id", "cu1"}, {"subject", "About your order"}, {"at", "2026-11-25T12:00:00Z"}};
    REQUIRE(sd::apply_op(s, op, err));
    const sd::Conversation* c = s.find_conversation("wm-new-1");
    REQUIRE(c);
    CHECK(c->messages.empty());
    CHECK(c->kind == sd::ConversationKind::PostSale);
    CHECK_FALSE(sd::apply_op(s, op, err));
    CHECK(err.find("already exists") != std::string::npos);
    size_t n = s.conversations.size();
    op["id"] = "wm-new-2";
    op["order_id"] = "nope";
    CHECK_FALSE(sd::apply_op(s, op, err));
    CHECK(err.find("no order") != std::string::npos);
    op["order_id"] = "112-4839201-5583920";
    op["subject"] = " ";
    CHECK_FALSE(sd::apply_op(s, op, err));
    CHECK(s.conversations.size() == n);
}
