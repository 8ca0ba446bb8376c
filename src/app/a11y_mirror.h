// The screen-reader mirror: the canvas shows everything as pixels, so web/a11y.js keeps visually
// hidden DOM a screen reader can follow (the folders, the list rows that are drawn, the open
// thread, and a live region with the counts and the save state). This builds the compact JSON it
// needs and hands it to the page only when something it shows changed: a cheap key of the
// inputs is compared every frame, the JSON is built only when the key moved, and sent only when
// its text differs from what the page has.
//
//   a11y_publish(app);                 // once per frame, after drawing
//   nlohmann::json m = a11y_mirror_json(app);
//   m["list"]["rows"][0]["name"]       // "Amazon, Jessica Robinson, Want to return my order, overdue 6 days, unread"
#pragma once
#include <string>
#include <nlohmann/json.hpp>

#include "core/sla.h"

struct AppState;

nlohmann::json a11y_mirror_json(const AppState& app);
void a11y_publish(AppState& app);

// A deadline as it is read out: "overdue 6 days", "47 hours 12 minutes left", "answered";
// "" when there is none.
std::string spoken_deadline(const sd::SlaDeadline& d);
// 1200 -> "1,200".
std::string with_commas(size_t n);
