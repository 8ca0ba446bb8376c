// Text the panels and the bridge show: countdowns, relative times, dates, label names, in the
// current UI language (i18n.h). English forms are what the bridge's tests know ("47h 12m",
// "Overdue 3h"); Chinese ones follow the catalogue ("47小时12分", "逾期 3小时").
#pragma once
#include <string>

#include "core/model.h"
#include "core/sla.h"
#include "core/templates.h"
#include "core/timezone.h"

std::string format_relative(sd::Time t, sd::Time now);     // "3h ago", "Nov 25"
std::string format_local_datetime(sd::Time t);              // "2026-11-25 09:00 UTC"; "—" for none
std::string format_local_date(sd::Time t);                  // "2026-11-25"; "—" for none
// The wall time in `zone` with the offset then in force: "2026-11-25 17:00 UTC+8" (Asia/Shanghai),
// "2026-11-25 09:00 UTC" in UTC itself; "—" for none.
std::string format_zone_datetime(sd::Time t, const sd::TimeZone& zone);
// "47h 12m", "38m", "Overdue 3h"; with_seconds adds seconds under an hour ("38m 12s"). A deadline
// that is not running gives its state in a word: "Answered", "Late", "Closed" (closed without a
// reply), "Paused", "Resolved", "Resolved late".
std::string format_countdown(const sd::SlaDeadline& d, bool with_seconds);
// The same wording for a number of seconds: "47h 12m", "Overdue 3h" when negative.
std::string format_duration(int64_t seconds, bool with_seconds);
// A countdown in few characters for a list cell: "2h 05m" while it runs, "−6d" / "−5h" / "−30m" once past.
std::string format_countdown_short(int64_t remaining);
// The hover text of a resolution deadline: running (its deadline), paused (the time left of its
// window) or closed (when).
std::string resolution_tip(const sd::SlaDeadline& d, const std::string& policy);
const char* sla_state_label(sd::SlaState s);
// The state of one listed deadline: as sla_state_label, and "Closed without a reply" for None.
const char* deadline_state_label(const sd::SlaDeadline& d);
// "return_request" -> "Return request" (or the catalogue's name for a well-known label);
// the two Walmart labels keep their capitals.
std::string pretty_label(const std::string& id);
// What the user typed as a new label, as a label ID: "Return request" -> "return_request".
std::string label_id(const std::string& typed);
// Remark flags (Tmall convention): the meaning the team gave each colour.
const char* remark_flag_meaning(sd::RemarkFlag f);   // the colour: "Blue flag", "No flag"
const char* remark_kind_meaning(sd::RemarkKind k);
// "Team target: 4 working hours (Mon–Fri 09:00–18:00 Asia/Shanghai), due 2025-11-26 11:00".
std::string team_target_tip(const sd::TeamTarget& target, const sd::TeamDeadline& d);   // what it records: "Shipped order"
// A filter's name as the folder pane shows it: "all" -> "All messages", "marketplace:tmall" ->
// "Tmall", "status:closed" -> "Closed", "label:vip" -> "Vip", "sla:overdue:amazon" -> "Overdue · Amazon".
std::string folder_name(const std::string& filter);
// A template's title in the UI language (the other language when it has none), and the other
// language's title, shown on hover ("" when it has only one).
std::string template_title(const sd::Template& t);
std::string template_other_title(const sd::Template& t);
// A marketplace's name as the UI shows it (brands stay brands; Tmall is 天猫 in Chinese).
const char* marketplace_name(sd::Marketplace m);
// A built-in SLA policy's name in the UI language; a name the user edited stays as written.
std::string policy_display_name(const sd::SlaPolicy& p);
