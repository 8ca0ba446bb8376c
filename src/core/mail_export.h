// Replies out by mail: a reply as an RFC 5322 message (.eml) to the buyer's relay address, in
// answer to the last buyer mail, and an outbox of such messages as one mbox file, so replies
// written offline can be sent from the agent's mail client later (docs/import.md).
//
//   sd::EmlOptions o;  o.date = now;  o.from_address = "support@brightnest.example";
//   std::string eml, why;
//   if (!sd::reply_eml(*conversation, draft, o, eml, why)) show(why);   // eBay: answer through eBay
//   std::string box = sd::mbox_of({{eml, now}});
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model.h"

namespace sd {

struct EmlOptions {
    Time date = 0;
    std::string from_name;                // the store's name
    std::string from_address;             // the seller's address ("" = left to the mail client)
    std::string message_id;               // without <>; "" = derived from the conversation, text and date
};

// Why a conversation cannot be answered by mail ("" when it can): it did not come by mail, or
// its marketplace (eBay) takes answers only through its own message centre.
std::string reply_eml_refusal(const Conversation& c);
// The reply `body` to conversation c: To the relay address, Subject "Re: …", In-Reply-To the last
// buyer mail, References the thread's mail, UTF-8 text in quoted-printable, CRLF line ends.
bool reply_eml(const Conversation& c, std::string_view body, const EmlOptions& o, std::string& out, std::string& error);

// Quoted-printable (RFC 2045) of UTF-8 text: lines of at most 76 characters, CRLF line ends.
std::string quoted_printable(std::string_view text);
// A header value as RFC 2047 encoded words when it is not plain ASCII.
std::string header_words(std::string_view text);
// "Tue, 24 Nov 2026 10:15:00 +0000"
std::string rfc5322_date(Time t);

// Messages (RFC 5322 text, CRLF or LF) with their dates as one mbox (mboxrd: "From " lines
// escaped with '>'), LF line ends, as Thunderbird and the Gmail Takeout write it.
std::string mbox_of(const std::vector<std::pair<std::string, Time>>& messages);

}  // namespace sd
