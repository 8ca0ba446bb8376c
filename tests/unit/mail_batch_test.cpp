// The binary batch of mail records from the page's workers (core/mail_batch.h): read field by
// field as web/mail/batch.mjs writes it, the same messages as the JSON record gives, and every
// malformed batch refused whole with a reason that names the record and the field.
#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>
#include <limits>

#include "batch_packer.h"
#include "core/time.h"

using namespace sd;
using batch_test::Rec;
using batch_test::batch_of;

namespace {

std::string refusal(const std::string& bytes) {
    MailBatch b;
    b.file = "untouched";
    std::string why;
    CHECK_FALSE(read_mail_batch(bytes, b, why));
    CHECK(b.file == "untouched");   // nothing of a refused batch is kept
    CHECK(b.messages.empty());
    return why;
}

}  // namespace

TEST_CASE("a mail batch is read field by field", "[mail][batch]") {
    Rec a;
    a.references = {"<p1@x>", " <p2@x> "};
    a.in_reply_to = "<p2@x>";
    a.attachments = {{"photo.jpg", 20480}, {"", 0}};
    Rec b;
    b.place = "mail at byte 5120";
    b.message_id = "m2@x";
    b.from_name = "王芳";
    b.subject = "退货 – 订单";
    b.text = "包裹还没到。\nThanks";
    b.date_ms = std::numeric_limits<double>::quiet_NaN();
    b.to = {};
    MailBatch out;
    std::string why;
    REQUIRE(read_mail_batch(batch_of({a, b}, "邮件.mbox"), out, why));
    CHECK(out.file == "邮件.mbox");
    REQUIRE(out.messages.size() == 2);
    const InMessage& m = out.messages[0];
    CHECK(m.file == "邮件.mbox");
    CHECK(m.place == "mail at byte 0");
    CHECK(m.mail_id == "a1@relay.walmart.com");   // <> taken off, as the JSON record's
    CHECK(m.in_reply_to == "p2@x");
    CHECK(m.references == std::vector<std::string>{"p1@x", "p2@x"});
    CHECK(m.from_name == "Li Wei");
    CHECK(m.from_address == "li@relay.walmart.com");
    CHECK(m.to == std::vector<std::string>{"shop@example.com"});
    CHECK(m.subject == "Order 200012345678901");
    Time t = 0;
    REQUIRE(parse_iso8601("2026-11-24T09:00:00Z", t));
    CHECK(m.at == t);
    CHECK(m.text == "Where is my parcel?");
    REQUIRE(m.attachments.size() == 2);
    CHECK(m.attachments[0].name == "photo.jpg");
    CHECK(m.attachments[0].size == 20480);
    CHECK(m.attachments[1].name == "attachment");   // a part without a name still shows
    const InMessage& n = out.messages[1];
    CHECK(n.mail_id == "m2@x");
    CHECK(n.from_name == "王芳");
    CHECK(n.subject == "退货 – 订单");
    CHECK(n.text == "包裹还没到。\nThanks");
    CHECK(n.at == kNoTime);   // NaN: the mail has no date
    CHECK(n.to.empty());
    CHECK(n.attachments.empty());
}

TEST_CASE("a mail batch's dates are whole seconds, rounded down", "[mail][batch]") {
    Rec a;
    a.date_ms = 1795510800999;
    Rec b;
    b.date_ms = -1500;   // before 1970: still down, not towards zero
    MailBatch out;
    std::string why;
    REQUIRE(read_mail_batch(batch_of({a, b}), out, why));
    CHECK(out.messages[0].at == 1795510800);
    CHECK(out.messages[1].at == -2);
}

TEST_CASE("an empty mail batch is read as no records", "[mail][batch]") {
    MailBatch out;
    std::string why;
    REQUIRE(read_mail_batch(batch_of({}, "a.eml"), out, why));
    CHECK(out.file == "a.eml");
    CHECK(out.messages.empty());
}

TEST_CASE("a malformed mail batch is refused whole with the reason", "[mail][batch]") {
    Rec ok, bad;
    CHECK(refusal("") == "not a mail batch (it does not start with \"SDMB\")");
    CHECK(refusal("[{\"file\":\"a\"}]") == "not a mail batch (it does not start with \"SDMB\")");
    CHECK(refusal(batch_of({ok}, "a", 2)) == "mail batch version 2 is not supported (this build reads version 1)");
    CHECK(refusal(batch_of({ok}) + "x") == "the mail batch has 1 bytes after its last record");

    std::string many = batch_of({ok});
    many[8] = char(200);   // the record count's low byte: 200 records in a batch of one
    CHECK(refusal(many).find("claims 200 records") != std::string::npos);

    bad.text = "caf\xC3";   // a UTF-8 sequence cut in the middle
    CHECK(refusal(batch_of({ok, bad})) == "mail batch of inbox.mbox: record 2's \"text\" is not valid UTF-8");
    bad = Rec();
    bad.subject = "\xED\xA0\x80";   // a UTF-16 surrogate written as UTF-8
    CHECK(refusal(batch_of({bad})) == "mail batch of inbox.mbox: record 1's \"subject\" is not valid UTF-8");
    bad = Rec();
    bad.date_ms = std::numeric_limits<double>::infinity();
    CHECK(refusal(batch_of({bad})).find("record 1's \"date\" is not a time") != std::string::npos);
    bad = Rec();
    bad.attachments = {{"a.pdf", -1}};
    CHECK(refusal(batch_of({bad})) == "mail batch of inbox.mbox: record 1's attachment size is not a whole number of bytes");
    bad.attachments = {{"a.pdf", 10.5}};
    CHECK(refusal(batch_of({bad})) == "mail batch of inbox.mbox: record 1's attachment size is not a whole number of bytes");
}

TEST_CASE("a mail batch cut short anywhere is refused", "[mail][batch]") {
    Rec a;
    a.references = {"<r@x>"};
    a.attachments = {{"photo.jpg", 2048}};
    const std::string whole = batch_of({a, a});
    for (size_t n = 0; n < whole.size(); ++n) {
        MailBatch out;
        std::string why;
        INFO("cut at byte " << n);
        CHECK_FALSE(read_mail_batch(std::string_view(whole).substr(0, n), out, why));
        CHECK_FALSE(why.empty());
        CHECK(out.messages.empty());
    }
    // A length that runs past the end names the field it belongs to.
    const std::string cut = whole.substr(0, whole.size() - 3);
    std::string why;
    MailBatch out;
    CHECK_FALSE(read_mail_batch(cut, out, why));
    CHECK(why == "mail batch of inbox.mbox: record 2's attachment size runs past the end of the batch");
}
