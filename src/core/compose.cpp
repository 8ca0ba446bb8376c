#include "compose.h"

#include <algorithm>

#include "time.h"

namespace sd {

namespace {

const char* const kMonths[] = {"January", "February", "March", "April", "May", "June", "July",
                               "August", "September", "October", "November", "December"};

std::string month_day(Time t) {
    CivilTime ct = to_civil(t);
    return std::string(kMonths[ct.month - 1]) + " " + std::to_string(ct.day);
}

// Monday-to-Friday days from now until t (UTC calendar days), at least 1.
int business_days_until(Time now, Time t) {
    int64_t from = now / kDay, to = t / kDay;
    int n = 0;
    for (int64_t d = from + 1; d <= to; ++d) {
        int wd = weekday_from_days(d);
        if (wd != 0 && wd != 6) ++n;
    }
    return std::max(n, 1);
}

std::string first_name(const std::string& full) {
    size_t space = full.find(' ');
    bool latin = !full.empty() && static_cast<unsigned char>(full[0]) < 0x80;
    return latin && space != std::string::npos ? full.substr(0, space) : full;
}

}  // namespace

std::map<std::string, std::string> placeholder_values(const Store& store, const Conversation& c, const ComposeSettings& s, Time now) {
    std::map<std::string, std::string> v;
    auto put = [&](const char* name, const std::string& value) {
        if (!value.empty()) v[name] = value;
    };
    if (const Customer* who = store.find_customer(c.customer_id)) put("customer_name", first_name(who->name));
    put("agent_name", s.agent_name);
    put("store_name", s.store_name);
    put("marketplace", display_name(c.marketplace));
    if (const Order* o = store.find_order(c.order_id)) {
        put("order_id", o->id);
        put("item", o->item);
        put("carrier", o->carrier);
        put("tracking_number", o->tracking_number);
        put("transaction_id", o->transaction_id);
        if (o->purchased_at != kNoTime) put("purchase_date", month_day(o->purchased_at));
        if (o->shipped_at != kNoTime) put("ship_date", month_day(o->shipped_at));
        if (o->estimated_delivery != kNoTime) {
            put("edd", month_day(o->estimated_delivery));
            if (o->estimated_delivery > now) put("eta_days", std::to_string(business_days_until(now, o->estimated_delivery)));
        }
    }
    return v;
}

CheckContext check_context(const Store& store, const Conversation& c, std::string_view draft) {
    CheckContext ctx;
    ctx.marketplace = c.marketplace;
    if (const Order* o = store.find_order(c.order_id); o && !o->region.empty()) ctx.region = o->region;
    else if (const Customer* who = store.find_customer(c.customer_id)) ctx.region = who->country;
    for (const Message& m : c.messages)
        if (m.direction == Direction::Outbound && !m.auto_reply) ++ctx.rounds;
    for (const std::string& name : placeholder_names(draft))
        if (is_known_placeholder(name)) ctx.unfilled.push_back(name);
    return ctx;
}

std::vector<Finding> check_draft(const Store& store, const Conversation& c, std::string_view draft) {
    return check_reply(draft, check_context(store, c, draft));
}

Insertion insert_template(std::string_view draft, size_t at, const Template& t, std::string_view lang,
                          const std::map<std::string, std::string>& values) {
    const std::string* body = t.body(lang);
    FillResult filled = fill_template(body ? *body : std::string(), values);
    Insertion out;
    out.missing = filled.missing;
    at = std::min(at, draft.size());
    while (at > 0 && at < draft.size() && (static_cast<unsigned char>(draft[at]) & 0xC0) == 0x80) --at;
    std::string_view before = draft.substr(0, at), after = draft.substr(at);
    bool blank_before = before.find_first_not_of(" \t\r\n") == std::string_view::npos;
    bool blank_after = after.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (blank_before && blank_after) {
        out.text = filled.text;
        out.caret = out.text.size();
        return out;
    }
    std::string lead, trail;
    if (!blank_before) lead = before.size() >= 2 && before.substr(before.size() - 2) == "\n\n" ? "" : before.back() == '\n' ? "\n" : "\n\n";
    if (!blank_after) trail = after.substr(0, 2) == "\n\n" ? "" : after.front() == '\n' ? "\n" : "\n\n";
    out.text.reserve(draft.size() + filled.text.size() + 4);
    out.text.append(before).append(lead).append(filled.text);
    out.caret = out.text.size();
    out.text.append(trail).append(after);
    return out;
}

}  // namespace sd
