// Reply checker speed: microseconds per check for 1,000- and 10,000-character drafts.
// The target is under 1 ms for 10,000 characters natively (the checker runs on every keystroke
// in the composer, and WebAssembly is 1.5-2.5x slower than native).
//
//   ./checker_bench            # prints one line per size
#include <chrono>
#include <cstdio>
#include <string>

#include "core/checker.h"

namespace {

// A realistic draft: English prose with an order number, a tracking number, a Chinese note, a
// link, a phone number and a vague time frame, repeated up to `chars` bytes.
std::string make_draft(size_t chars) {
    const char* paragraphs[] = {
        "Dear Maria,\n\nThank you for contacting us, and we are sorry that your order 112-4839201-5583920 has "
        "not arrived yet. We checked the tracking details: your parcel (USPS, tracking number "
        "9400111899223197428490) is still in transit and has been delayed on its way to you.\n\n",
        "Please let us know which option you prefer:\n1. Wait for the parcel. We will keep an eye on the "
        "tracking and update you if anything changes.\n2. Receive a full refund now.\n\n",
        "You can also see it on amazon.com/orders, or at www.example-shop.com if you like. It arrived at the "
        "post office on Monday; please look at it again. We will reply as soon as possible (记得改单号).\n\n",
        "If you prefer, call 555-123-4567, or write to help at gmail dot com. The shirt is 100% cotton and "
        "we guarantee it will arrive soon.\n\n",
    };
    std::string s;
    size_t i = 0;
    while (s.size() < chars) s += paragraphs[i++ % 4];
    s.resize(chars);
    // Do not end inside a UTF-8 sequence.
    while (!s.empty() && (static_cast<unsigned char>(s.back()) & 0x80)) s.pop_back();
    s += "\n\nBest regards,\nLin\nMaple Home Goods";
    return s;
}

void bench(size_t chars) {
    std::string draft = make_draft(chars);
    sd::CheckContext ctx;
    ctx.marketplace = sd::Marketplace::Amazon;
    ctx.region = "US";
    ctx.rounds = 1;
    size_t findings = sd::check_reply(draft, ctx).size();   // warm-up (builds the static tables)
    // Best of 5 batches: the machine may be busy with other work; the minimum is the checker's cost.
    int iterations = chars >= 10000 ? 400 : 2000;
    size_t sink = 0;
    double best = 1e30, total = 0;
    for (int batch = 0; batch < 5; ++batch) {
        auto t0 = std::chrono::steady_clock::now();
        for (int i = 0; i < iterations; ++i) sink += sd::check_reply(draft, ctx).size();
        auto t1 = std::chrono::steady_clock::now();
        double us = std::chrono::duration<double, std::micro>(t1 - t0).count() / iterations;
        best = us < best ? us : best;
        total += us;
    }
    std::printf("checker: %6zu chars  %8.1f us/check best, %8.1f mean  (%zu findings, 5 x %d iterations, sink %zu)\n",
                draft.size(), best, total / 5, findings, iterations, sink % 7);
}

}  // namespace

int main() {
    bench(1000);
    bench(10000);
    return 0;
}
