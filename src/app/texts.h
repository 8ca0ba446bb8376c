// The message texts of a large inbox, read after its first frame (storage.h, texts_later): the
// file is read and checked, then filled in, a slice per frame. Until then a message's text is
// empty. A file that cannot be used sets app.texts.failed; the inbox then reloads (inbox.cpp).
#pragma once
#include <string>

#include "core/model.h"
#include "core/storage.h"

struct AppState;

void texts_adopt(AppState& app, sd::LoadedInbox& in);      // after loading with texts_later
// One slice of work; false when there is nothing to do now (all in, failed, or waiting for the
// page to finish reading the file, which then wakes a frame).
bool texts_step_once(AppState& app);
bool texts_waiting(const AppState& app, const sd::Conversation& c);   // its texts are not in yet
double texts_progress(const AppState& app);               // 0..1 (1 when nothing is pending)
