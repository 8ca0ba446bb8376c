// Mail batches (core/mail_batch.h) written in the tests as the page's packer
// (web/mail/batch.mjs) writes them, to feed the reader good and broken ones.
#pragma once
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "core/mail_batch.h"

namespace batch_test {

// Writes a batch as the page's packer does (little-endian numbers, length-prefixed strings).
struct Packer {
    std::string bytes = "SDMB";
    void u32(uint32_t v) {
        for (int k = 0; k < 4; ++k) bytes.push_back(char(v >> (8 * k) & 0xFF));
    }
    void f64(double d) {
        uint64_t v;
        std::memcpy(&v, &d, sizeof v);
        for (int k = 0; k < 8; ++k) bytes.push_back(char(v >> (8 * k) & 0xFF));
    }
    void text(const std::string& s) {
        u32(uint32_t(s.size()));
        bytes += s;
    }
    void list(const std::vector<std::string>& xs) {
        u32(uint32_t(xs.size()));
        for (const std::string& x : xs) text(x);
    }
};

struct Rec {
    std::string place = "mail at byte 0", message_id = "<a1@relay.walmart.com>", in_reply_to;
    std::vector<std::string> references;
    std::string from_name = "Li Wei", from_address = "li@relay.walmart.com";
    std::vector<std::string> to = {"shop@example.com"};
    std::string subject = "Order 200012345678901";
    double date_ms = 1795510800000;   // 2026-11-24T09:00:00Z
    std::string text = "Where is my parcel?";
    std::vector<std::pair<std::string, double>> attachments;
};

inline void pack_record(Packer& p, const Rec& r) {
    p.text(r.place);
    p.text(r.message_id);
    p.text(r.in_reply_to);
    p.list(r.references);
    p.text(r.from_name);
    p.text(r.from_address);
    p.list(r.to);
    p.text(r.subject);
    p.f64(r.date_ms);
    p.text(r.text);
    p.u32(uint32_t(r.attachments.size()));
    for (const auto& [name, size] : r.attachments) {
        p.text(name);
        p.f64(size);
    }
}

inline std::string batch_of(const std::vector<Rec>& recs, const std::string& file = "inbox.mbox", uint32_t version = 1) {
    Packer p;
    p.u32(version);
    p.u32(uint32_t(recs.size()));
    p.text(file);
    for (const Rec& r : recs) pack_record(p, r);
    return p.bytes;
}

}  // namespace batch_test
