// The message texts of a large inbox arrive after its first frame. Loading reads the snapshot
// (everything the list, filters, counts and SLA clocks need) and leaves the texts file for later
// (storage.h, texts_later); this file reads that one a slice per frame, has the core check it
// whole, then fills the texts in. The thread shows "Loading message text…" for a conversation
// whose texts are not in yet, text search waits (it is built from the texts), and whatever needs
// every text (export, import, a new snapshot) calls texts_ensure() first.
//
// The page (web/sellerdesk.js) reads a large texts file from IndexedDB on its own, while the
// snapshot is decoded; until it is in memory platform::file_arriving() says so. A texts file that
// is missing or damaged makes the inbox load again the slow way, which recovers it from the
// previous generation and tells the user (storage.h).
#include <algorithm>
#include <cstdio>

#include "texts.h"

#include "app_state.h"
#include "edits.h"
#include "platform/platform.h"

namespace {

constexpr size_t kReadChunk = size_t(4) << 20;   // bytes read per step
constexpr size_t kFillSlice = size_t(1) << 20;   // bytes checked (x4) or filled per step

std::string path_of(const AppState& app) { return app.data_dir + "/" + app.texts.file; }

void close_reading(TextsState& t) {
    if (t.reading) std::fclose(t.reading);
    t.reading = nullptr;
}

// The file could not be used: inbox.cpp loads the inbox again reading everything, which
// recovers the texts from the previous generation (or says what was lost).
void give_up(AppState& app, const std::string& why) {
    TextsState& t = app.texts;
    close_reading(t);
    t.failed = t.file + ": " + why;
}

void finished(AppState& app) {
    TextsState& t = app.texts;
    t.pending = false;
    t.job = sd::TextsJob();
    t.bytes = std::string();
    if (app.ready && app.startup.texts_ms == 0) app.startup.texts_ms = platform::perf_ms();   // after the first frame
    // The text index waits for the texts (index_step); one built without them meanwhile (a
    // rebuild after conversations were added) is built again.
    if (app.index.text_ready()) app.index.build_begin(app.store);
    write_due_snapshot(app);
    app.view.dirty = true;          // the open thread shows its texts
    platform::request_frames(0);    // the search index starts next frame
}

}  // namespace

// One step: read a chunk, or check / fill a slice. False once there is nothing to do this frame
// (waiting for the page, or failed), true when it did some work.
bool texts_step_once(AppState& app) {
    TextsState& t = app.texts;
    if (!t.pending || !t.failed.empty()) return false;
    if (t.checking) {
        if (sd::texts_next(t.job, app.store, kFillSlice)) {
            if (!t.job.error.empty()) give_up(app, t.job.error);
            else finished(app);
        }
        return true;
    }
    if (!t.reading) {
        const std::string path = path_of(app);
        if (platform::file_arriving(path)) return false;   // sd_texts_arrived() wakes a frame
        t.reading = std::fopen(path.c_str(), "rb");
        if (!t.reading) {
            give_up(app, "is missing");
            return true;
        }
        std::fseek(t.reading, 0, SEEK_END);
        t.size = size_t(std::max(0L, std::ftell(t.reading)));
        std::fseek(t.reading, 0, SEEK_SET);
        t.bytes.clear();
        t.bytes.reserve(t.size);   // filled a chunk per step: fresh memory costs time on first touch
        return true;
    }
    char buf[65536];
    size_t budget = kReadChunk;
    size_t n = 0;
    while (budget > 0 && (n = std::fread(buf, 1, std::min(sizeof buf, budget), t.reading)) > 0) {
        t.bytes.append(buf, n);
        budget -= n;
    }
    if (budget > 0) {   // the end of the file
        const bool bad = std::ferror(t.reading) != 0;
        close_reading(t);
        std::string why;
        if (bad) give_up(app, "cannot be read");
        else if (!sd::begin_texts(std::move(t.bytes), t.link, t.job, why)) give_up(app, why);
        else t.checking = true;
    }
    return true;
}

void texts_adopt(AppState& app, sd::LoadedInbox& in) {
    close_reading(app.texts);
    app.texts = TextsState();
    if (!in.texts_pending) return;
    app.texts.pending = true;
    app.texts.file = in.texts_file;
    app.texts.link = in.texts_link;
}

bool texts_waiting(const AppState& app, const sd::Conversation& c) {
    const TextsState& t = app.texts;
    if (!t.pending) return false;
    const int i = app.store.conversation_index(c.id);
    return i >= 0 && size_t(i) < t.link.conversations && size_t(i) >= (t.checking ? sd::texts_filled(t.job) : 0);
}

double texts_progress(const AppState& app) {
    const TextsState& t = app.texts;
    if (!t.pending) return 1.0;
    // Reading the file is about a third of the work, checking and filling the rest.
    if (t.checking) return 1.0 / 3 + 2.0 / 3 * t.job.progress();
    return t.size ? 1.0 / 3 * double(t.bytes.size()) / double(t.size) : 0.0;
}
