#!/usr/bin/env bash
# sellerdesk metrics: one JSON object, every number counted by hand from the small export below.
set -euo pipefail
bin=$1; t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
python3 - "$t/export.json" <<'PY'
import json, sys
def msg(cid, n, direction, at, author):
    return {"id": "%s-m%d" % (cid, n), "direction": direction, "role": "customer" if direction == "inbound" else "agent",
            "author": author, "at": at, "body": "…", "delivery": "sent"}
def conv(cid, market, messages, order="", kind="post_sale", customer=None, labels=()):
    ms = [msg(cid, i + 1, d, at, who) for i, (d, at, who) in enumerate(messages)]
    return {"id": cid, "marketplace": market, "kind": kind, "customer_id": customer or "cu-" + cid, "order_id": order,
            "opened_at": ms[0]["at"], "status": "awaiting_seller", "labels": list(labels), "messages": ms}
I, O = "inbound", "outbound"
convs = [
    conv("wm-1", "walmart", [(I, "2026-11-10T10:00:00Z", "Kim"), (O, "2026-11-10T12:00:00Z", "Ann")]),   # in time
    conv("wm-2", "walmart", [(I, "2026-11-12T09:00:00Z", "Lee")]),                                      # missed
    conv("wm-3", "walmart", [(I, "2026-11-20T08:00:00Z", "Max")]),                                      # pending
    conv("az-1", "amazon", [(I, "2026-11-18T10:00:00Z", "Ola"), (O, "2026-11-19T12:00:00Z", "Bo")], "A3"),  # 26 h: late
    conv("az-2", "amazon", [(I, "2026-11-19T09:00:00Z", "Pia"), (O, "2026-11-19T10:30:00Z", "Bo")], "A1"),  # 1.5 h
    conv("az-3", "amazon", [(I, "2026-11-15T09:00:00Z", "Quy")], "A2", labels=["no_response_needed"]),   # out
    conv("tm-1", "tmall", [(I, "2026-11-20T02:00:00Z", "张"), (O, "2026-11-20T02:01:40Z", "小王")]),       # 100 s
    conv("tm-2", "tmall", [(I, "2026-11-19T01:00:00Z", "李"), (O, "2026-11-19T01:01:00Z", "小王")],
         kind="pre_sale", customer="cX"),                                                              # 60 s, then bought
    conv("tm-3", "tmall", [(I, "2026-11-19T04:00:00Z", "李"), (O, "2026-11-19T04:10:00Z", "小王")], "T1",
         customer="cX"),                                                                               # 600 s
    conv("ws-1", "wish", [(I, "2026-11-15T00:00:00Z", "Rae")]),                                         # escalated
]
def order(oid, bought, defects=()):
    return {"id": oid, "purchased_at": bought, "defects": [{"kind": k, "at": at} for k, at in defects]}
orders = [order("A1", "2026-10-01T00:00:00Z", [("a_to_z", "2026-10-20T00:00:00Z")]),
          order("A2", "2026-10-20T00:00:00Z"), order("A3", "2026-11-18T00:00:00Z"),
          order("T1", "2026-11-19T03:00:00Z")]
customers = [{"id": c["customer_id"], "name": "N"} for c in convs]
customers = list({c["id"]: c for c in customers}.values())
head = {"format": "sellerdesk-export", "version": 2, "exported_at": "2026-11-20T12:00:00Z", "replica": "rtest",
        "app_version": "0.1.0"}
with open(sys.argv[1], "w") as f:
    json.dump({"header": head, "customers": customers, "orders": orders, "conversations": convs}, f, ensure_ascii=False)
PY
"$bin" metrics "$t/export.json" --now 2026-11-20T12:00:00Z > "$t/now.json"
"$bin" metrics "$t/export.json" --now 2026-11-20T12:00:00Z --preset seller_guides > "$t/guides.json"
"$bin" metrics "$t/export.json" --now 2026-11-20T12:00:00Z --until 2026-11-22T12:00:00Z > "$t/until.json"
[ "$(wc -l < "$t/now.json")" = 1 ] || { echo "not one line"; exit 1; }
python3 - "$t" <<'PY'
import json, sys
d = sys.argv[1]
now, guides, until = (json.load(open(d + "/" + n + ".json")) for n in ("now", "guides", "until"))
def eq(got, want, what):
    assert got == want, "%s: got %r, want %r" % (what, got, want)
# Walmart, 30 d, > 95 %: wm-1 in time, wm-2 missed, wm-3 pending (not counted) -> 1/2
eq(now["walmart"]["response_rate"], {"value": 0.5, "in_time": 1, "total": 2, "window_days": 30, "bar": 0.95}, "walmart")
eq(guides["walmart"]["response_rate"]["window_days"], 14, "walmart 14 d")
eq(guides["walmart"]["response_rate"]["bar"], 0.9, "walmart bar 90 %")
# Amazon: az-1 26 h late, az-2 in time, az-3 "No response needed" out -> 1/2 in every window
for w in ("d7", "d30", "d90"):
    eq(now["amazon"]["late_response_rate"][w], {"value": 0.5, "late": 1, "total": 2, "bar": 0.1}, "late " + w)
# ODR current: purchases in [09-07 12:00, 11-06 12:00): A1 (defect), A2 -> 1/2; seller_guides: + A3 -> 1/3
eq(now["amazon"]["odr"], {"value": 0.5, "defective_orders": 1, "orders": 2, "window_days": 60, "offset_days": 14, "bar": 0.01}, "odr")
eq((guides["amazon"]["odr"]["defective_orders"], guides["amazon"]["odr"]["orders"]), (1, 3), "odr seller_guides")
# Tmall: 100 s, 60 s in 3 minutes, 600 s not -> 2/3; average (100 + 60 + 600) / 3; tm-2's customer bought T1 after asking
tm = now["tmall"]
eq(tm["three_minute_rate"], {"value": 2 / 3, "in_time": 2, "total": 3, "bar": 0.9}, "tmall 3 min")
assert abs(tm["first_response_avg_s"] - 760 / 3) < 1e-9, tm
eq((tm["reception"], tm["conversion"], tm["pre_sale"], tm["converted"]), (3, 1.0, 1, 1), "tmall reception, conversion")
# Today in China (from 2026-11-19T16:00Z): tm-1 only
eq(tm["today"]["three_minute_rate"]["total"], 1, "tmall today")
eq(tm["today"]["first_response_avg_s"], 100.0, "tmall today avg")
eq(now["wish"]["escalated"], 1, "wish")
eq(now["ebay"]["cases_opened"], 0, "ebay")
eq(now["agents"], [{"name": "小王", "answered": 3, "median_first_response_s": 100},
                   {"name": "Bo", "answered": 2, "median_first_response_s": 49500},
                   {"name": "Ann", "answered": 1, "median_first_response_s": 7200}], "agents")
assert "must_answer" not in now
# Two days on, nothing more answered: wm-3 is missed too (1/3); answering it now is the only help.
eq(until["walmart"]["response_rate"]["total"], 3, "walmart at until")
eq(until["walmart"]["response_rate"]["in_time"], 1, "walmart at until")
eq(until["must_answer"], ["wm-3"], "must_answer")
PY
# Bad input: exit 2 with a clear message, nothing printed on stdout.
for args in "--now soon" "--now 2026-11-20T12:00:00Z --until 2026-11-19T00:00:00Z" "--now 2026-11-20T12:00:00Z --preset yearly"; do
  set +e; "$bin" metrics "$t/export.json" $args > "$t/out" 2> "$t/err"; rc=$?; set -e
  [ $rc = 2 ] && [ ! -s "$t/out" ] && grep -q "sellerdesk metrics:" "$t/err" || { echo "'$args' should exit 2, got $rc"; cat "$t/err"; exit 1; }
done
set +e; "$bin" metrics "$t/missing.json" --now 2026-11-20T12:00:00Z 2> "$t/err"; rc=$?; set -e
[ $rc = 2 ] || { echo "missing file should exit 2, got $rc"; exit 1; }
echo ok
