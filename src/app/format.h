// Text the panels and the bridge show: countdowns, relative times, dates, label names.
#pragma once
#include <string>

#include "core/model.h"
#include "core/sla.h"

std::string format_relative(sd::Time t, sd::Time now);
std::string format_local_datetime(sd::Time t);
// "47h 12m", "38m", "Overdue 3h"; with_seconds adds seconds under an hour ("38m 12s").
std::string format_countdown(const sd::SlaDeadline& d, bool with_seconds);
const char* sla_state_label(sd::SlaState s);
// "return_request" -> "Return request"; the two Walmart labels keep their capitals.
std::string pretty_label(const std::string& id);
// What the user typed as a new label, as a label ID: "Return request" -> "return_request".
std::string label_id(const std::string& typed);
// Remark flags (Tmall convention): the meaning the team gave each colour.
const char* remark_flag_meaning(sd::RemarkFlag f);
