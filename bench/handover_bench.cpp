// Shift handover and the follow-up folder at inbox size: what End shift… costs (every waiting
// conversation's SLA evaluated and sorted), and what the "Follow up today" folder adds to a query
// (its count is taken on every query, so it must stay small next to the query itself), and what
// keeping the index's follow-up days current costs per set_vip.
//
//   handover_bench                        100,000 conversations
//   handover_bench --conversations 20000 --repeat 5
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>

#include "bench_common.h"
#include "core/demo.h"
#include "core/handover.h"
#include "core/inbox_query.h"

int main(int argc, char** argv) {
    long n = 100000, repeat = 5;
    if (!bench_options("handover_bench", argc, argv, n, repeat)) return 2;
    sd::DemoOptions o;
    o.conversations = int(n);
    sd::Store store = sd::generate_demo(o);
    const sd::SlaPolicySet sla = sd::make_sla_policies(sd::SlaPreset::Current);
    const sd::TimeZone zone;
    const sd::HandoverInput in{store, sla, zone, "Lily Wang", "r1", o.now};
    sd::Handover h;
    const double handover_ms = best_ms(repeat, [&] { h = sd::make_handover(in, "ho-1", "bench"); });

    sd::InboxIndex index;
    index.build(store);
    sd::Query q;
    q.today = sd::local_date(zone, o.now);
    const double plain_ms = best_ms(repeat, [&] { sd::run_query(store, index, q, nullptr); });
    // One customer in a hundred due, the index rebuilt after (what an import of them would do).
    std::string err;
    for (size_t i = 0; i < store.customers.size(); i += 100)
        sd::apply_op(store, {{"op", "set_vip"}, {"id", store.customers[i].id}, {"vip", true}, {"follow_up", q.today}}, err);
    index.build(store);
    const double due_ms = best_ms(repeat, [&] { sd::run_query(store, index, q, nullptr); });
    q.filter = "follow_up";
    sd::QueryResult r;
    const double folder_ms = best_ms(repeat, [&] { r = sd::run_query(store, index, q, nullptr); });
    // What one set_vip costs the index: that customer's conversations found and their day set.
    const std::string& who = store.customers[100].id;
    sd::apply_op(store, {{"op", "set_vip"}, {"id", who}, {"follow_up", ""}}, err);
    size_t moved = 0;   // the first call moves them out; the later ones find nothing to change
    const double changed_ms = best_ms(repeat, [&] { moved = std::max(moved, index.customer_changed(store, who)); });

    std::printf("conversations %ld\n", n);
    std::printf("make_handover      %8.2f ms  (%zu waiting, %zu listed, %zu drafts, %zu remarks)\n", handover_ms,
                h.waiting_total, h.waiting.size(), h.drafts.size(), h.remarks.size());
    std::printf("query, none due    %8.2f ms\n", plain_ms);
    std::printf("query, 1%% due      %8.2f ms  (follow-up count %u)\n", due_ms, r.counts.follow_up);
    std::printf("follow_up folder   %8.2f ms  (%zu rows)\n", folder_ms, r.rows.size());
    std::printf("customer_changed   %8.2f ms  (%zu conversations' day set)\n", changed_ms, moved);
    return 0;
}
