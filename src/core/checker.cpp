// Reply checker: hand-written scanners over the UTF-8 draft (see checker.h for the contract).
//
// One pass builds a token list (lower-cased ASCII/Latin words with their byte spans); phrase
// rules look phrases up by their first word. Character scanners find e-mail addresses, links,
// phone numbers and placeholders. E-mail and link spans are "claimed" so the later scanners do
// not report the same bytes twice.
#include "checker.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace sd {

// ---- severities ------------------------------------------------------------------------------
const char* to_string(Severity s) {
    switch (s) {
        case Severity::Error: return "error";
        case Severity::Warning: return "warning";
        case Severity::Hint: return "hint";
    }
    return "error";
}

bool parse(std::string_view s, Severity& out) {
    if (s == "error") out = Severity::Error;
    else if (s == "warning") out = Severity::Warning;
    else if (s == "hint") out = Severity::Hint;
    else return false;
    return true;
}

namespace {

// ---- rule table ------------------------------------------------------------------------------
enum RuleId : uint8_t {
    kEmptyReply,
    kUnfilledPlaceholder,
    kEmailAddress,
    kExternalLink,
    kPhoneNumber,
    kOffPlatformContact,
    kOffPlatformPayment,
    kMarketing,
    kMarkup,
    kReviewRequest,
    kWrongLanguage,
    kMixedLanguage,
    kVagueTimeFrame,
    kOverpromise,
    kMissingGreeting,
    kMissingRestatement,
    kMissingSolution,
    kMissingSignoff,
    kTooManyRounds,
    kRuleCount
};

constexpr Severity E = Severity::Error;
constexpr Severity W = Severity::Warning;
constexpr Severity H = Severity::Hint;

const char* const kSrcWalmartContact = "Walmart reply rules: do not contact the customer outside the Message Center";
const char* const kSrcAmazonContact = "Amazon buyer-seller messaging: no e-mail addresses or outside contact";
const char* const kSrcEbayContact = "eBay member-to-member contact policy: keep contact and sales on eBay";
const char* const kSrcWishContact = "Wish merchant policy: no off-platform contact or payment";
const char* const kSrcTmallContact = "Taobao/Tmall rules: keep buyers on the platform (no off-site diversion)";
const char* const kSrcHabits = "Seller guides: good-reply habits";
const char* const kSrcComposer = "SellerDesk composer";
const char* const kSrcAmazonStructure = "Seller guide for Amazon: greeting, restated problem, solution, sign-off";

std::vector<RuleInfo> build_rule_table() {
    // Order: Walmart, Amazon, eBay, Wish, Tmall (int(Marketplace)).
    std::vector<RuleInfo> t;
    t.push_back({"empty_reply", "The reply is empty or only whitespace",
                 {true, true, true, true, true}, {E, E, E, E, E},
                 {kSrcComposer, kSrcComposer, kSrcComposer, kSrcComposer, kSrcComposer}});
    t.push_back({"unfilled_placeholder", "A template placeholder such as {tracking_number} was not filled",
                 {true, true, true, true, true}, {E, E, E, E, E},
                 {kSrcComposer, kSrcComposer, kSrcComposer, kSrcComposer, kSrcComposer}});
    t.push_back({"email_address", "An e-mail address, plain or disguised (\"name at gmail dot com\")",
                 {true, true, true, true, true}, {E, E, E, E, W},
                 {kSrcWalmartContact, "Amazon buyer-seller messaging: no e-mail addresses", kSrcEbayContact,
                  kSrcWishContact, kSrcTmallContact}});
    t.push_back({"external_link", "A link or bare domain outside the marketplace's own domains",
                 {true, true, true, true, true}, {E, E, E, E, W},
                 {"Walmart reply rules: no links to sites outside the marketplace",
                  "Amazon buyer-seller messaging: no links to outside sites",
                  "eBay links policy: no links to sites outside eBay", kSrcWishContact, kSrcTmallContact}});
    t.push_back({"phone_number", "A phone number (order and tracking numbers are not counted)",
                 {true, true, true, true, true}, {E, E, E, E, W},
                 {kSrcWalmartContact, kSrcAmazonContact, kSrcEbayContact, kSrcWishContact, kSrcTmallContact}});
    t.push_back({"off_platform_contact", "Asks the buyer to move off the platform (\"WhatsApp me\", \"call me\")",
                 {true, true, true, true, true}, {E, E, E, E, W},
                 {kSrcWalmartContact, kSrcAmazonContact, kSrcEbayContact, kSrcWishContact, kSrcTmallContact}});
    t.push_back({"off_platform_payment", "Asks for payment details or payment outside the order",
                 {true, true, true, true, true}, {E, E, E, E, E},
                 {kSrcWalmartContact, "Amazon policy: payments only through Amazon",
                  "eBay policy: no offers to buy or sell outside eBay",
                  "Wish merchant policy: no requests for payment details or off-platform payment",
                  "Taobao/Tmall rules: payment only through the order"}});
    t.push_back({"marketing", "Marketing or promotional language (coupons, \"visit our store\", \"% off\")",
                 {true, true, true, true, false}, {E, E, H, H, H},
                 {"Walmart reply rules: no marketing or promotional material",
                  "Amazon buyer-seller messaging: no marketing or promotional messages",
                  "SellerDesk practice: keep case messages about the case",
                  "SellerDesk practice: keep ticket replies about the ticket", ""}});
    // Markup: every marketplace's buyer messages are plain text; a tag or a Markdown image reaches
    // the buyer as raw text, or as a remote image Walmart and Amazon do not allow.
    t.push_back({"markup", "HTML tags, inline images or Markdown images in a plain-text message",
                 {true, true, true, true, true}, {E, E, W, W, W},
                 {"Walmart reply rules: plain messages, no promotional material or outside links",
                  "Amazon buyer-seller messaging: plain text; a logo only as an attached image without a link",
                  "eBay messages: plain text (HTML is not shown)", "Wish tickets: plain text replies",
                  "Taobao/Tmall chat: plain text and the chat's own images"}});
    t.push_back({"review_request", "Asks for a positive review or for a review to be changed",
                 {true, true, false, false, false}, {W, E, H, H, H},
                 {"Walmart reply rules: no misleading or promotional content",
                  "Amazon communication guidelines: no requests for positive or changed reviews", "", "", ""}});
    t.push_back({"wrong_language", "Not written in the buyer's language (e.g. Chinese for a US order)",
                 {true, true, true, true, false}, {E, E, E, E, E},
                 {"Walmart reply rules: English for US orders",
                  "Amazon buyer-seller messaging: use the buyer's language",
                  "SellerDesk practice: write in the buyer's language",
                  "SellerDesk practice: write in the buyer's language", ""}});
    t.push_back({"mixed_language", "Chinese (or other CJK) text inside a reply to a non-CJK buyer",
                 {true, true, true, true, false}, {W, W, W, W, W},
                 {"Walmart reply rules: English for US orders, correct grammar and spelling",
                  "Amazon buyer-seller messaging: use the buyer's language",
                  "SellerDesk practice: no untranslated notes in a buyer reply",
                  "SellerDesk practice: no untranslated notes in a buyer reply", ""}});
    t.push_back({"vague_time_frame", "A vague time frame (\"as soon as possible\", \"soon\")",
                 {true, true, true, true, true}, {W, W, W, W, W},
                 {"Walmart reply rules: no misleading promises",
                  "Seller guide for Amazon: give a concrete time frame (\"within 1-2 working days\")", kSrcHabits,
                  kSrcHabits, "Seller guide for Tmall: tell the customer when the answer will come"}});
    t.push_back({"overpromise", "A promise the seller cannot keep (\"guarantee\", \"100%\", \"never happen again\")",
                 {true, true, true, true, true}, {W, W, W, W, W},
                 {"Walmart reply rules: no misleading promises", kSrcHabits, kSrcHabits, kSrcHabits, kSrcHabits}});
    t.push_back({"missing_greeting", "Amazon structure: no greeting at the start",
                 {false, true, false, false, false}, {H, H, H, H, H},
                 {"", kSrcAmazonStructure, "", "", ""}});
    t.push_back({"missing_restatement", "Amazon structure: the buyer's problem is not restated",
                 {false, true, false, false, false}, {H, H, H, H, H},
                 {"", kSrcAmazonStructure, "", "", ""}});
    t.push_back({"missing_solution", "Amazon structure: no solution or next step is offered",
                 {false, true, false, false, false}, {H, H, H, H, H},
                 {"", kSrcAmazonStructure, "", "", ""}});
    t.push_back({"missing_signoff", "Amazon structure: no sign-off with the sender's name at the end",
                 {false, true, false, false, false}, {H, H, H, H, H},
                 {"", kSrcAmazonStructure, "", "", ""}});
    t.push_back({"too_many_rounds", "eBay: the conversation is past 3 rounds of replies",
                 {false, false, true, false, false}, {W, W, W, W, W},
                 {"", "", "Seller guide for eBay: keep a case to at most 3 rounds of messages", "", ""}});
    return t;
}

// ---- character helpers -----------------------------------------------------------------------
inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }
inline char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c + 32) : c; }
inline bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
inline bool is_hspace(char c) { return c == ' ' || c == '\t'; }

bool ieq(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

std::string lower_copy(std::string_view s) {
    std::string r(s);
    for (char& c : r) c = lower(c);
    return r;
}

// Decodes one code point at i; invalid or truncated sequences give U+FFFD with length 1.
uint32_t decode(std::string_view s, size_t i, size_t& len) {
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) { len = 1; return c; }
    size_t n = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07; }
    else { len = 1; return 0xFFFD; }
    if (i + n > s.size()) { len = 1; return 0xFFFD; }
    for (size_t k = 1; k < n; ++k) {
        unsigned char cc = (unsigned char)s[i + k];
        if ((cc & 0xC0) != 0x80) { len = 1; return 0xFFFD; }
        cp = (cp << 6) | (cc & 0x3F);
    }
    len = n;
    return cp;
}

inline bool is_han(uint32_t cp) {
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x2FFFF);
}
inline bool is_kana(uint32_t cp) { return cp >= 0x3040 && cp <= 0x30FF; }
inline bool is_hangul(uint32_t cp) { return (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0x1100 && cp <= 0x11FF); }
inline bool is_cjk_letter(uint32_t cp) { return is_han(cp) || is_kana(cp) || is_hangul(cp); }
inline bool is_cjk_punct(uint32_t cp) {
    return (cp >= 0x3000 && cp <= 0x303F) || (cp >= 0xFF00 && cp <= 0xFF65) || cp == 0x2014 || cp == 0x2026 ||
           cp == 0x201C || cp == 0x201D;
}
inline bool is_latin_letter_cp(uint32_t cp) {
    return cp < 0x80 ? is_alpha(char(cp)) : (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7);
}
inline bool is_word_cp(uint32_t cp) { return cp < 0x80 ? is_alnum(char(cp)) : is_latin_letter_cp(cp); }

// Shortens a quoted excerpt to at most `max` bytes on a code-point boundary.
// Invalid UTF-8 becomes U+FFFD so messages always serialise as JSON.
std::string excerpt(std::string_view s, size_t max = 60) {
    std::string r;
    size_t i = 0;
    while (i < s.size()) {
        size_t len;
        uint32_t cp = decode(s, i, len);
        if (r.size() + len > max) {
            r += "...";
            break;
        }
        if (cp == 0xFFFD && len == 1) r += "\xEF\xBF\xBD";
        else r.append(s.data() + i, len);
        i += len;
    }
    return r;
}

// ---- tokens ----------------------------------------------------------------------------------
struct Token {
    uint32_t start, end;       // byte span in the original text
    uint32_t key_off, key_len; // lower-cased key in Scan::keys (curly apostrophes made straight)
    uint32_t word;             // id in tables(), kNoWord when the checker has no use for it
};

// ---- static word tables ----------------------------------------------------------------------
enum PhraseFlag : uint8_t {
    kNone = 0,
    kSoonFlag = 1,        // "soon" inside "as soon as <something>" is not vague
    kGuaranteeFlag = 2,   // "A-to-z Guarantee" is a program name, not a promise
    kMaterialFlag = 4,    // "100 percent cotton" describes the item
    kSubscribeFlag = 8,   // "Subscribe & Save" is an Amazon program, not marketing
};

struct PhraseDef {
    const char* text;
    RuleId rule;
    uint8_t flags;
};

const PhraseDef kPhrases[] = {
    // off-platform contact
    {"whatsapp", kOffPlatformContact, 0}, {"whats app", kOffPlatformContact, 0},
    {"what's app", kOffPlatformContact, 0}, {"wechat", kOffPlatformContact, 0},
    {"weixin", kOffPlatformContact, 0}, {"telegram", kOffPlatformContact, 0},
    {"viber", kOffPlatformContact, 0}, {"skype", kOffPlatformContact, 0},
    {"kakaotalk", kOffPlatformContact, 0}, {"line id", kOffPlatformContact, 0},
    {"qq", kOffPlatformContact, 0}, {"call me", kOffPlatformContact, 0},
    {"call us", kOffPlatformContact, 0}, {"give me a call", kOffPlatformContact, 0},
    {"give us a call", kOffPlatformContact, 0}, {"phone me", kOffPlatformContact, 0},
    {"phone us", kOffPlatformContact, 0}, {"ring me", kOffPlatformContact, 0},
    {"text me", kOffPlatformContact, 0}, {"text us", kOffPlatformContact, 0},
    {"sms me", kOffPlatformContact, 0}, {"email me", kOffPlatformContact, 0},
    {"e mail me", kOffPlatformContact, 0}, {"email us", kOffPlatformContact, 0},
    {"e mail us", kOffPlatformContact, 0}, {"mail me", kOffPlatformContact, 0},
    {"send me an email", kOffPlatformContact, 0}, {"send us an email", kOffPlatformContact, 0},
    {"send me an e mail", kOffPlatformContact, 0}, {"send us an e mail", kOffPlatformContact, 0},
    {"contact me at", kOffPlatformContact, 0}, {"contact us at", kOffPlatformContact, 0},
    {"contact me on", kOffPlatformContact, 0}, {"contact us on", kOffPlatformContact, 0},
    {"contact me via", kOffPlatformContact, 0}, {"contact us via", kOffPlatformContact, 0},
    {"contact me directly", kOffPlatformContact, 0}, {"contact us directly", kOffPlatformContact, 0},
    {"reach me at", kOffPlatformContact, 0}, {"reach us at", kOffPlatformContact, 0},
    {"reach me on", kOffPlatformContact, 0}, {"reach us on", kOffPlatformContact, 0},
    {"my phone number", kOffPlatformContact, 0}, {"our phone number", kOffPlatformContact, 0},
    {"my mobile", kOffPlatformContact, 0}, {"my number is", kOffPlatformContact, 0},
    {"our number is", kOffPlatformContact, 0}, {"my email", kOffPlatformContact, 0},
    {"our email", kOffPlatformContact, 0}, {"my e mail", kOffPlatformContact, 0},
    {"our e mail", kOffPlatformContact, 0}, {"add me on", kOffPlatformContact, 0},
    {"add us on", kOffPlatformContact, 0}, {"message me on", kOffPlatformContact, 0},
    {"message us on", kOffPlatformContact, 0}, {"dm me", kOffPlatformContact, 0},
    {"outside of amazon", kOffPlatformContact, 0}, {"outside amazon", kOffPlatformContact, 0},
    {"outside of ebay", kOffPlatformContact, 0}, {"outside ebay", kOffPlatformContact, 0},
    {"outside of walmart", kOffPlatformContact, 0}, {"outside walmart", kOffPlatformContact, 0},
    {"outside of wish", kOffPlatformContact, 0}, {"off the platform", kOffPlatformContact, 0},
    // off-platform payment
    {"paypal me", kOffPlatformPayment, 0}, {"pay me directly", kOffPlatformPayment, 0},
    {"pay us directly", kOffPlatformPayment, 0}, {"pay directly", kOffPlatformPayment, 0},
    {"pay outside", kOffPlatformPayment, 0}, {"bank transfer", kOffPlatformPayment, 0},
    {"wire transfer", kOffPlatformPayment, 0}, {"western union", kOffPlatformPayment, 0},
    {"moneygram", kOffPlatformPayment, 0}, {"zelle", kOffPlatformPayment, 0},
    {"venmo", kOffPlatformPayment, 0}, {"cash app", kOffPlatformPayment, 0},
    {"card number", kOffPlatformPayment, 0}, {"cvv", kOffPlatformPayment, 0},
    {"bank account number", kOffPlatformPayment, 0}, {"bank details", kOffPlatformPayment, 0},
    {"payment details", kOffPlatformPayment, 0}, {"send the money", kOffPlatformPayment, 0},
    {"send money", kOffPlatformPayment, 0},
    // marketing
    {"coupon", kMarketing, 0}, {"coupons", kMarketing, 0}, {"coupon code", kMarketing, 0},
    {"discount code", kMarketing, 0}, {"discount codes", kMarketing, 0}, {"promo code", kMarketing, 0},
    {"promo codes", kMarketing, 0}, {"promotion code", kMarketing, 0}, {"voucher code", kMarketing, 0},
    {"promotion", kMarketing, 0}, {"promotions", kMarketing, 0}, {"promotional", kMarketing, 0},
    {"visit our store", kMarketing, 0}, {"visit our shop", kMarketing, 0},
    {"visit our website", kMarketing, 0}, {"visit our site", kMarketing, 0},
    {"visit our page", kMarketing, 0}, {"visit our storefront", kMarketing, 0},
    {"check out our", kMarketing, 0}, {"our other products", kMarketing, 0},
    {"our other items", kMarketing, 0}, {"our other listings", kMarketing, 0},
    {"our new products", kMarketing, 0}, {"new arrivals", kMarketing, 0}, {"buy more", kMarketing, 0},
    {"buy now", kMarketing, 0}, {"shop now", kMarketing, 0}, {"order now", kMarketing, 0},
    {"special offer", kMarketing, 0}, {"special offers", kMarketing, 0},
    {"exclusive offer", kMarketing, 0}, {"exclusive deal", kMarketing, 0},
    {"limited time", kMarketing, 0}, {"flash sale", kMarketing, 0}, {"big sale", kMarketing, 0},
    {"clearance sale", kMarketing, 0}, {"best deals", kMarketing, 0}, {"hot deals", kMarketing, 0},
    {"follow us", kMarketing, 0}, {"like us on", kMarketing, 0}, {"find us on", kMarketing, 0},
    {"subscribe", kMarketing, kSubscribeFlag}, {"newsletter", kMarketing, 0}, {"free gift", kMarketing, 0},
    {"bogo", kMarketing, 0}, {"percent off", kMarketing, 0},
    {"this week only", kMarketing, 0}, {"this weekend only", kMarketing, 0}, {"today only", kMarketing, 0},
    {"only this week", kMarketing, 0}, {"only today", kMarketing, 0}, {"this month only", kMarketing, 0},
    {"while supplies last", kMarketing, 0}, {"while stocks last", kMarketing, 0},
    {"while stock lasts", kMarketing, 0}, {"last chance", kMarketing, 0}, {"act now", kMarketing, 0},
    {"don't miss out", kMarketing, 0}, {"off your next", kMarketing, 0},
    {"on your next purchase", kMarketing, 0}, {"two for one", kMarketing, 0}, {"2 for 1", kMarketing, 0},
    {"voucher", kMarketing, 0}, {"vouchers", kMarketing, 0},
    {"promo", kMarketing, 0},
    // review requests
    {"positive review", kReviewRequest, 0}, {"positive reviews", kReviewRequest, 0},
    {"positive feedback", kReviewRequest, 0}, {"good review", kReviewRequest, 0},
    {"good reviews", kReviewRequest, 0}, {"good feedback", kReviewRequest, 0},
    {"great review", kReviewRequest, 0}, {"5 star", kReviewRequest, 0}, {"5 stars", kReviewRequest, 0},
    {"five star", kReviewRequest, 0}, {"five stars", kReviewRequest, 0},
    {"remove your review", kReviewRequest, 0}, {"remove the review", kReviewRequest, 0},
    {"delete your review", kReviewRequest, 0}, {"change your review", kReviewRequest, 0},
    {"update your review", kReviewRequest, 0}, {"revise your review", kReviewRequest, 0},
    {"edit your review", kReviewRequest, 0},
    // vague time frames
    {"as soon as possible", kVagueTimeFrame, 0}, {"asap", kVagueTimeFrame, 0},
    {"a s a p", kVagueTimeFrame, 0}, {"soon", kVagueTimeFrame, kSoonFlag},
    {"shortly", kVagueTimeFrame, 0}, {"in a few days", kVagueTimeFrame, 0},
    {"in a couple of days", kVagueTimeFrame, 0}, {"in the near future", kVagueTimeFrame, 0},
    {"in due course", kVagueTimeFrame, 0}, {"as quickly as possible", kVagueTimeFrame, 0},
    {"as fast as possible", kVagueTimeFrame, 0},
    // promises that cannot be kept
    {"guarantee", kOverpromise, kGuaranteeFlag}, {"guarantees", kOverpromise, kGuaranteeFlag},
    {"guaranteed", kOverpromise, kGuaranteeFlag}, {"100 percent", kOverpromise, kMaterialFlag},
    {"never happen again", kOverpromise, 0}, {"won't happen again", kOverpromise, 0},
    {"wont happen again", kOverpromise, 0}, {"will not happen again", kOverpromise, 0},
    {"i promise", kOverpromise, 0}, {"we promise", kOverpromise, 0}, {"promise you", kOverpromise, 0},
    {"definitely arrive", kOverpromise, 0},
    {"absolutely sure", kOverpromise, 0},
};

// Chinese phrases, matched as byte substrings.
struct CjkPhrase {
    const char* text;
    RuleId rule;
};
const CjkPhrase kCjkPhrases[] = {
    {"微信", kOffPlatformContact}, {"加微", kOffPlatformContact}, {"威信", kOffPlatformContact},
    {"薇信", kOffPlatformContact}, {"私下转账", kOffPlatformPayment}, {"直接转账", kOffPlatformPayment},
    {"银行卡号", kOffPlatformPayment}, {"尽快", kVagueTimeFrame}, {"尽早", kVagueTimeFrame},
    // Promotions (off on Tmall, where the store's activities belong in the chat; seed 004).
    {"优惠码", kMarketing}, {"优惠券", kMarketing}, {"折扣码", kMarketing}, {"满减", kMarketing},
    {"限时", kMarketing}, {"促销", kMarketing}, {"买一送一", kMarketing}, {"第二件半价", kMarketing},
};

// Before "code": codes that are not promotions ("tracking code 1Z…", "zip code 10001").
constexpr std::string_view kServiceCodeWords[] = {
    "tracking", "track", "postal", "post", "zip", "area", "country", "product", "error", "reference",
    "confirmation", "return", "returns", "qr", "bar", "access", "verification", "security", "pickup",
    "sku", "item", "order", "rma", "activation", "authorization", "tax", "hs", "customs", "reason",
    "status", "shipping", "parcel", "package", "delivery", "label", "color", "colour", "model", "batch"};
// Before "code": the phrase table already reports "discount code", "promo code"...
constexpr std::string_view kPromoCodeWords[] = {"discount", "promo", "coupon", "voucher", "promotion"};
// What a sale ends on ("ends Sunday").
constexpr std::string_view kSaleEndWords[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                              "sunday", "tonight", "midnight", "today", "tomorrow", "soon"};
constexpr std::string_view kSaleWords[] = {"sale", "offer", "deal", "deals", "promotion", "discount", "coupon",
                                           "code", "price", "prices", "event", "savings"};
constexpr std::string_view kSmallNumbers[] = {"one", "two", "three", "four", "five", "six", "ten"};
// HTML elements a pasted or hand-written reply may carry.
constexpr std::string_view kHtmlTags[] = {
    "a", "img", "b", "i", "u", "s", "p", "br", "hr", "div", "span", "strong", "em", "font", "table", "tr",
    "td", "th", "tbody", "thead", "ul", "ol", "li", "h1", "h2", "h3", "h4", "h5", "h6", "center", "html",
    "body", "head", "style", "script", "iframe", "small", "big", "sup", "sub", "blockquote", "pre", "section",
    "header", "footer", "meta", "link", "title", "svg", "video", "audio", "source", "picture", "figure",
    "button", "form", "input", "mark", "del", "ins", "code", "image"};

// After "100%" / "100 percent": the item's material or a product fact, not a promise.
constexpr std::string_view kMaterialWords[] = {
    "cotton", "polyester", "wool", "silk", "leather", "linen", "nylon", "spandex", "bamboo", "cashmere",
    "acrylic", "rayon", "natural", "recycled", "stainless", "pure", "organic", "copper", "brass", "aluminum",
    "aluminium", "plastic", "genuine", "merino", "down", "real", "solid", "new", "brand", "original",
    "authentic", "polyamide", "viscose", "ceramic", "glass", "steel", "wood", "wooden", "rubber", "latex",
};

constexpr std::string_view kMailProviders[] = {
    "gmail", "googlemail", "yahoo", "hotmail", "outlook", "live", "msn", "aol", "icloud", "mail", "email",
    "protonmail", "proton", "gmx", "web", "qq", "163", "126", "139", "sina", "sohu", "foxmail", "yandex",
    "zoho", "yeah", "aliyun", "ymail", "rocketmail", "mac", "me", "comcast", "verizon", "att",
};

// Top-level domains a bare "word.tld" is recognised by. File extensions that are also TLDs
// (zip, mov) are left out on purpose.
constexpr std::string_view kTlds[] = {
    "com", "net", "org", "edu", "gov", "info", "biz", "io", "co", "ly", "me", "tv", "cc", "ws", "to", "gl",
    "gd", "us", "uk", "de", "fr", "it", "es", "nl", "be", "ch", "at", "se", "dk", "fi", "pl", "pt", "ie",
    "ru", "cn", "hk", "tw", "jp", "kr", "sg", "my", "in", "au", "nz", "ca", "mx", "br", "ar", "cl", "za",
    "ae", "sa", "tr", "eu", "xyz", "top", "site", "online", "shop", "store", "app", "link", "club", "vip",
    "live", "life", "fun", "icu", "buzz", "page", "blog", "news", "email", "cloud", "tech", "art", "asia",
    "mobi", "pro", "ai", "gg", "su", "ua", "vn", "th", "id", "ph", "pk", "ng", "ke", "eg", "il", "gr",
    "cz", "hu", "ro", "sk", "no", "lt", "lv", "ee", "si", "hr", "rs", "bg", "by", "kz", "tk", "ml", "ga",
    "cf", "network", "world", "today", "website", "space", "digital", "global", "services", "center",
    "company", "team", "deals", "sale", "market", "bargains", "cheap", "discount", "coupons", "promo",
};
// TLDs that are also common English words: a bare "word.in" counts only when written in lower
// case (a missing space after a full stop usually capitalises the next word: "it.It").
constexpr std::string_view kWordlikeTlds[] = {"in", "it", "at", "me", "us", "to",
                                              "be", "my", "co", "no", "id", "by"};

constexpr std::string_view kPhoneWords[] = {"phone", "tel", "telephone", "call", "calling", "mobile",
                                            "cell", "cellphone", "whatsapp", "text", "sms", "wechat",
                                            "viber", "fax", "landline", "hotline"};
constexpr std::string_view kOrderWords[] = {
    "order", "orders", "tracking", "track", "item", "transaction", "case", "ticket", "invoice", "waybill",
    "parcel", "package", "shipment", "sku", "asin", "id", "ref", "reference", "no", "nr", "po", "claim",
    "return", "rma", "awb", "confirmation", "receipt", "upc", "ean", "isbn", "model", "serial", "batch",
    "lot", "code"};

// Stop words for the Latin-script language guess. Bit per language.
enum Lang : uint8_t { kEn, kDe, kFr, kEs, kIt, kNl, kPt, kLatinLangCount };
const char* const kLangNames[] = {"English", "German", "French", "Spanish", "Italian", "Dutch", "Portuguese"};
const char* const kLangCodes[] = {"en", "de", "fr", "es", "it", "nl", "pt"};
struct StopWord {
    const char* word;
    uint8_t langs;   // bit (1 << Lang)
};
const StopWord kStopWords[] = {
    {"the", 1 << kEn}, {"and", 1 << kEn}, {"you", 1 << kEn}, {"your", 1 << kEn}, {"we", 1 << kEn},
    {"is", 1 << kEn}, {"to", 1 << kEn}, {"for", 1 << kEn}, {"of", 1 << kEn}, {"please", 1 << kEn},
    {"thank", 1 << kEn}, {"thanks", 1 << kEn}, {"with", 1 << kEn}, {"will", 1 << kEn}, {"this", 1 << kEn},
    {"have", 1 << kEn}, {"are", 1 << kEn}, {"our", 1 << kEn}, {"it", 1 << kEn}, {"that", 1 << kEn},
    {"und", 1 << kDe}, {"der", 1 << kDe}, {"die", 1 << kDe}, {"das", 1 << kDe}, {"ich", 1 << kDe},
    {"sie", 1 << kDe}, {"wir", 1 << kDe}, {"ihre", 1 << kDe}, {"ihr", 1 << kDe}, {"nicht", 1 << kDe},
    {"bitte", 1 << kDe}, {"danke", 1 << kDe}, {"mit", 1 << kDe}, {"für", 1 << kDe}, {"ist", 1 << kDe},
    {"eine", 1 << kDe}, {"ein", 1 << kDe}, {"haben", 1 << kDe}, {"bestellung", 1 << kDe}, {"zu", 1 << kDe},
    {"le", 1 << kFr}, {"les", 1 << kFr}, {"et", 1 << kFr}, {"vous", 1 << kFr}, {"nous", 1 << kFr},
    {"est", 1 << kFr}, {"pour", 1 << kFr}, {"merci", 1 << kFr}, {"votre", 1 << kFr}, {"avec", 1 << kFr},
    {"une", (1 << kFr)}, {"des", (1 << kFr)}, {"du", 1 << kFr}, {"commande", 1 << kFr}, {"pas", 1 << kFr},
    {"el", 1 << kEs}, {"los", 1 << kEs}, {"usted", 1 << kEs}, {"su", 1 << kEs}, {"para", (1 << kEs) | (1 << kPt)},
    {"gracias", 1 << kEs}, {"con", (1 << kEs) | (1 << kIt)}, {"por", (1 << kEs) | (1 << kPt)},
    {"pedido", (1 << kEs) | (1 << kPt)}, {"es", 1 << kEs}, {"una", (1 << kEs) | (1 << kIt)},
    {"que", (1 << kEs) | (1 << kFr) | (1 << kPt)}, {"las", 1 << kEs}, {"y", 1 << kEs},
    {"la", (1 << kEs) | (1 << kFr) | (1 << kIt)}, {"de", (1 << kEs) | (1 << kFr) | (1 << kPt) | (1 << kNl)},
    {"il", (1 << kIt) | (1 << kFr)}, {"di", 1 << kIt}, {"che", 1 << kIt}, {"per", 1 << kIt},
    {"grazie", 1 << kIt}, {"ordine", 1 << kIt}, {"sono", 1 << kIt}, {"vostro", 1 << kIt}, {"non", 1 << kIt},
    {"gli", 1 << kIt}, {"della", 1 << kIt}, {"het", 1 << kNl}, {"een", 1 << kNl}, {"en", 1 << kNl},
    {"u", 1 << kNl}, {"uw", 1 << kNl}, {"wij", 1 << kNl}, {"bedankt", 1 << kNl}, {"bestelling", 1 << kNl},
    {"niet", 1 << kNl}, {"voor", 1 << kNl}, {"obrigado", 1 << kPt}, {"não", 1 << kPt}, {"você", 1 << kPt},
    {"seu", 1 << kPt}, {"sua", 1 << kPt}, {"com", 1 << kPt}, {"um", 1 << kPt}, {"uma", 1 << kPt},
};

constexpr std::string_view kGreetingWords[] = {"dear", "hello", "hi", "hey", "greetings", "thank", "thanks"};
constexpr std::string_view kSignoffWords[] = {"regards", "sincerely", "cheers", "best",  "yours",
                                             "respectfully", "thanks", "thank", "warmly", "wishes",
                                             "team", "cordially"};
const char* const kRestatePhrases[] = {
    "you mentioned", "you said", "you wrote", "you reported", "you asked", "you would like", "you'd like",
    "you want", "you received", "you have not received", "you haven't received", "you ordered",
    "your message", "your order", "your question", "your request", "your parcel", "your package",
    "your item", "your return", "your refund", "your concern", "your feedback", "your inquiry",
    "your enquiry", "regarding", "about your", "i understand", "we understand", "sorry to hear",
    "sorry that", "i see that", "we see that", "i noticed", "we noticed", "we have checked",
    "i have checked", "we checked", "i checked", "has not arrived", "hasn't arrived", "did not arrive",
    "didn't arrive", "not received"};
constexpr std::string_view kSolutionWords[] = {
    "will", "we'll", "i'll", "can", "refund", "refunded", "replacement", "replace", "reship", "resend",
    "return", "options", "option", "please", "steps", "step", "send", "sent", "arrange", "arranged",
    "process", "processed", "cancel", "cancelled", "canceled", "shipped", "tracking", "suggest"};

// Every word the checker cares about gets an id; each token is looked up once.
enum WordFlag : uint16_t {
    kWfGreeting = 1,
    kWfSignoff = 2,
    kWfSolution = 4,
    kWfPhone = 8,
    kWfOrder = 16,
    kWfMaterial = 32,
    kWfPromoCue = 64,   // starts a promotion-code, "buy N get M" or "ends Sunday" check
};
constexpr uint32_t kNoWord = UINT32_MAX;

struct Tables {
    struct Compiled {
        std::vector<uint32_t> words;   // word ids
        RuleId rule;                   // kMissingRestatement marks a restatement phrase (no finding)
        uint8_t flags;
    };
    struct WordInfo {
        std::vector<uint16_t> phrases;   // phrases starting with this word, longest first
        uint8_t stop = 0;                // language bits (Latin stop words)
        uint16_t flags = 0;              // WordFlag
    };
    std::vector<Compiled> phrases;
    std::vector<WordInfo> words;
    std::vector<std::string> names;     // word id -> text
    std::vector<uint32_t> slots;        // open addressing: word ids, kNoWord = empty

    static uint32_t hash(std::string_view w) {   // FNV-1a: no allocation per token
        uint32_t h = 2166136261u;
        for (char c : w) h = (h ^ uint8_t(c)) * 16777619u;
        return h;
    }
    uint32_t find(std::string_view w) const {
        if (slots.empty()) return kNoWord;
        size_t mask = slots.size() - 1;
        for (size_t k = hash(w) & mask;; k = (k + 1) & mask) {
            uint32_t id = slots[k];
            if (id == kNoWord) return kNoWord;
            if (names[id] == w) return id;
        }
    }
    uint32_t intern(const std::string& w) {
        if (slots.empty()) slots.assign(4096, kNoWord);   // far more than the ~600 words: short probes
        uint32_t id = find(w);
        if (id != kNoWord) return id;
        id = uint32_t(words.size());
        words.emplace_back();
        names.push_back(w);
        size_t mask = slots.size() - 1;
        size_t k = hash(w) & mask;
        while (slots[k] != kNoWord) k = (k + 1) & mask;
        slots[k] = id;
        return id;
    }
};

std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> w;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == '-') {
            if (!cur.empty()) w.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) w.push_back(cur);
    return w;
}

const Tables& tables() {
    static const Tables t = [] {
        Tables r;
        auto add_phrase = [&r](std::string_view text, RuleId rule, uint8_t flags) {
            Tables::Compiled c{{}, rule, flags};
            for (const std::string& w : split_words(text)) c.words.push_back(r.intern(w));
            r.phrases.push_back(std::move(c));
        };
        for (const PhraseDef& p : kPhrases) add_phrase(p.text, p.rule, p.flags);
        for (const char* p : kRestatePhrases) add_phrase(p, kMissingRestatement, 0);
        for (size_t i = 0; i < r.phrases.size(); ++i) r.words[r.phrases[i].words[0]].phrases.push_back(uint16_t(i));
        // Longest phrase first so "as soon as possible" wins over shorter ones.
        for (Tables::WordInfo& w : r.words) {
            std::stable_sort(w.phrases.begin(), w.phrases.end(), [&r](uint16_t a, uint16_t b) {
                return r.phrases[a].words.size() > r.phrases[b].words.size();
            });
        }
        for (const StopWord& sw : kStopWords) r.words[r.intern(sw.word)].stop |= sw.langs;
        auto flag = [&r](const auto& list, uint16_t f) {
            for (std::string_view w : list) r.words[r.intern(std::string(w))].flags |= f;
        };
        flag(kGreetingWords, kWfGreeting);
        flag(kSignoffWords, kWfSignoff);
        flag(kSolutionWords, kWfSolution);
        flag(kPhoneWords, kWfPhone);
        flag(kOrderWords, kWfOrder);
        flag(std::array<std::string_view, 5>{"code", "codes", "buy", "ends", "expires"}, kWfPromoCue);
        flag(kMaterialWords, kWfMaterial);
        return r;
    }();
    return t;
}

template <size_t N>
bool in_list(std::string_view w, const std::string_view (&list)[N]) {
    for (std::string_view s : list)
        if (w == s) return true;
    return false;
}

const uint16_t kMaxFindingsPerRule = 50;

// ---- the scan --------------------------------------------------------------------------------
struct Scan {
    std::string_view text;
    const CheckContext& ctx;
    int mk;
    std::vector<Token> toks;
    std::string keys;
    std::vector<Finding> out;
    std::vector<uint8_t> claimed;      // 1 for bytes inside an e-mail address or a link
    const std::vector<RuleInfo>& rules;
    const Tables& words;
    uint16_t per_rule[kRuleCount] = {};
    bool restated = false;   // a restatement phrase was seen (Amazon structure)

    Scan(std::string_view t, const CheckContext& c)
        : text(t), ctx(c), mk(int(c.marketplace)), claimed(t.size(), 0), rules(rule_table()), words(tables()) {}

    uint16_t flags(size_t i) const { return toks[i].word == kNoWord ? 0 : words.words[toks[i].word].flags; }

    std::string_view key(size_t i) const { return std::string_view(keys).substr(toks[i].key_off, toks[i].key_len); }
    std::string_view span(size_t s, size_t e) const { return text.substr(s, e - s); }
    const char* mk_name() const { return display_name(ctx.marketplace); }

    bool enabled(RuleId r) const { return rules[r].enabled[mk]; }

    void add(RuleId r, size_t s, size_t e, std::string msg, int severity_override = -1) {
        const RuleInfo& info = rules[r];
        if (!info.enabled[mk]) return;
        if (per_rule[r] >= kMaxFindingsPerRule) return;   // a pasted log, not a reply: enough said
        ++per_rule[r];
        Finding f;
        f.rule = info.id;
        f.severity = severity_override >= 0 ? Severity(severity_override) : info.severity[mk];
        f.start = s;
        f.end = e;
        f.message = std::move(msg);
        f.source = info.source[mk];
        out.push_back(std::move(f));
    }

    bool is_claimed(size_t pos) const { return pos < claimed.size() && claimed[pos]; }
    void claim(size_t s, size_t e) {
        for (size_t k = s; k < e && k < claimed.size(); ++k) claimed[k] = 1;
    }

    void tokenize() {
        toks.reserve(text.size() / 4 + 4);
        keys.reserve(text.size());
        size_t i = 0;
        const size_t n = text.size();
        while (i < n) {
            if ((unsigned char)text[i] < 0x80 && !is_alnum(text[i])) { ++i; continue; }   // fast path
            size_t len;
            uint32_t cp = decode(text, i, len);
            if (!is_word_cp(cp)) { i += len; continue; }
            Token t;
            t.start = uint32_t(i);
            t.key_off = uint32_t(keys.size());
            while (i < n) {
                if (is_alnum(text[i])) {   // fast path
                    keys += lower(text[i]);
                    ++i;
                    continue;
                }
                cp = decode(text, i, len);
                if (is_word_cp(cp)) {
                    if (len == 1) keys += lower(text[i]);
                    else if (len == 2 && cp >= 0xC0 && cp <= 0xDE && cp != 0xD7) {
                        keys += text[i];
                        keys += char(text[i + 1] + 0x20);
                    } else {
                        keys.append(text.data() + i, len);
                    }
                    i += len;
                    continue;
                }
                // An apostrophe between two word characters stays inside the word ("won't", "won’t").
                if ((cp == '\'' || cp == 0x2019) && i + len < n) {
                    size_t len2;
                    uint32_t next = decode(text, i + len, len2);
                    if (is_word_cp(next)) {
                        keys += '\'';
                        i += len;
                        continue;
                    }
                }
                break;
            }
            t.end = uint32_t(i);
            t.key_len = uint32_t(keys.size() - t.key_off);
            t.word = words.find(std::string_view(keys).substr(t.key_off, t.key_len));
            toks.push_back(t);
        }
    }

    // True when only spaces/hyphens (or, between single letters, full stops) separate tokens a, a+1.
    bool joined(size_t a) const {
        size_t s = toks[a].end, e = toks[a + 1].start;
        if (e - s > 4 || e == s) return false;
        bool single = (toks[a].end - toks[a].start == 1) && (toks[a + 1].end - toks[a + 1].start == 1);
        for (size_t k = s; k < e; ++k) {
            char c = text[k];
            if (c == ' ' || c == '-' || c == '\t' || c == '\n') continue;
            if (c == '.' && single) continue;
            if ((unsigned char)c == 0xC2 && k + 1 < e && (unsigned char)text[k + 1] == 0xA0) { ++k; continue; }
            return false;
        }
        return true;
    }

    // Index of the first token starting at or after byte `pos`.
    size_t token_at_or_after(size_t pos) const {
        auto it = std::lower_bound(toks.begin(), toks.end(), pos,
                                   [](const Token& t, size_t p) { return t.start < p; });
        return size_t(it - toks.begin());
    }

    // "refund 100%", "a 100% refund": the amount of a refund, not a promise.
    bool refund_near(size_t tok_index) const {
        auto refund = [this](size_t k) { return k < toks.size() && key(k).substr(0, 6) == "refund"; };
        return (tok_index >= 1 && refund(tok_index - 1)) || (tok_index >= 2 && refund(tok_index - 2)) ||
               refund(tok_index + 1);
    }

    bool material_follows(size_t tok_index) const {
        return tok_index < toks.size() && (flags(tok_index) & kWfMaterial);
    }

    // ---- placeholders --------------------------------------------------------------------------
    void scan_placeholders() {
        std::vector<std::string> seen;
        const size_t n = text.size();
        for (size_t i = 0; i < n; ++i) {
            if (text[i] != '{') continue;
            size_t j = i + 1;
            while (j < n && j - i <= 64 && (is_alnum(text[j]) || text[j] == '_' || text[j] == ' ')) ++j;
            if (j >= n || text[j] != '}') continue;
            std::string_view inner = text.substr(i + 1, j - i - 1);
            while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
            while (!inner.empty() && inner.back() == ' ') inner.remove_suffix(1);
            if (inner.empty()) continue;
            seen.emplace_back(inner);
            add(kUnfilledPlaceholder, i, j + 1,
                "Placeholder {" + std::string(inner) +
                    "} is still in the text: replace it with the real value or delete it before sending.");
            i = j;
        }
        for (const std::string& name : ctx.unfilled) {
            if (std::find(seen.begin(), seen.end(), name) != seen.end()) continue;
            add(kUnfilledPlaceholder, 0, 0,
                "Placeholder {" + name +
                    "} had no value when the template was filled: check the sentence that used it "
                    "and add the missing information.");
        }
    }

    // ---- e-mail addresses ----------------------------------------------------------------------
    struct Domain {
        size_t end = 0;
        int labels = 0;
        bool spelled_dot = false;
        std::string first, last;
    };

    static bool is_local_char(char c) {
        return is_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    // Matches "dot", "(dot)", "[dot]" at p (after optional spaces); returns the end or npos.
    size_t match_spelled_dot(size_t p) const {
        const size_t n = text.size();
        size_t q = p;
        while (q < n && is_hspace(text[q])) ++q;
        char open = q < n ? text[q] : 0;
        char close = open == '(' ? ')' : open == '[' ? ']' : open == '{' ? '}' : open == '<' ? '>' : 0;
        if (close) {
            ++q;
            while (q < n && is_hspace(text[q])) ++q;
        }
        if (q + 3 > n || !ieq(text.substr(q, 3), "dot")) return std::string_view::npos;
        q += 3;
        if (q < n && is_alnum(text[q])) return std::string_view::npos;
        if (close) {
            while (q < n && is_hspace(text[q])) ++q;
            if (q >= n || text[q] != close) return std::string_view::npos;
            ++q;
        } else if (q == p || !is_hspace(text[p])) {
            return std::string_view::npos;   // a bare "dot" needs a space before it
        }
        while (q < n && is_hspace(text[q])) ++q;
        return q;
    }

    Domain parse_domain(size_t p) const {
        Domain d;
        const size_t n = text.size();
        size_t q = p;
        while (d.labels < 8) {
            size_t ls = q;
            while (q < n && (is_alnum(text[q]) || text[q] == '-')) ++q;
            if (q == ls || !is_alnum(text[ls])) break;
            std::string label = lower_copy(text.substr(ls, q - ls));
            if (d.labels == 0) d.first = label;
            d.last = label;
            ++d.labels;
            d.end = q;
            // Separator: '.' glued on both sides, " . " spaced on both sides, or a spelled-out dot.
            if (q + 1 < n && text[q] == '.' && is_alnum(text[q + 1])) { ++q; continue; }
            if (q + 2 < n && text[q] == ' ' && text[q + 1] == '.' && text[q + 2] == ' ') {
                size_t r = q + 3;
                while (r < n && is_hspace(text[r])) ++r;
                if (r < n && is_alnum(text[r])) { q = r; continue; }
            }
            size_t r = match_spelled_dot(q);
            if (r != std::string_view::npos && r < n && is_alnum(text[r])) {
                d.spelled_dot = true;
                q = r;
                continue;
            }
            break;
        }
        return d;
    }

    void add_email(size_t s, size_t e) {
        claim(s, e);
        add(kEmailAddress, s, e,
            "E-mail address \"" + excerpt(span(s, e)) + "\": " + mk_name() +
                " does not allow sharing e-mail addresses with buyers. Remove it and keep the conversation in " +
                mk_name() + "'s messages.");
    }

    void scan_emails() {
        const size_t n = text.size();
        // 1. A real '@' (or a full-width one), possibly with spaces around it.
        for (size_t i = 0; i < n; ++i) {
            size_t at_len = 0;
            if (text[i] == '@') at_len = 1;
            else if (i + 2 < n && (unsigned char)text[i] == 0xEF && (unsigned char)text[i + 1] == 0xBC &&
                     (unsigned char)text[i + 2] == 0xA0)
                at_len = 3;
            if (!at_len) continue;
            size_t q = i;
            int spaces_left = 0;
            while (q > 0 && is_hspace(text[q - 1]) && spaces_left < 2) { --q; ++spaces_left; }
            size_t ls = q;
            while (ls > 0 && is_local_char(text[ls - 1])) --ls;
            while (ls < q && !is_alnum(text[ls])) ++ls;
            if (ls >= q) continue;
            size_t r = i + at_len;
            int spaces_right = 0;
            while (r < n && is_hspace(text[r]) && spaces_right < 2) { ++r; ++spaces_right; }
            Domain d = parse_domain(r);
            if (d.labels == 0) continue;
            bool spaced = spaces_left > 0 || spaces_right > 0;
            bool ok = !spaced || d.labels >= 2 || in_list(d.first, kMailProviders);
            if (!ok) continue;
            add_email(ls, d.end);
            i = d.end;
        }
        // 2. "at" written out: "name(at)mail.com", "name [at] mail [dot] com", "name at gmail dot com".
        for (size_t k = 1; k < toks.size(); ++k) {
            if (key(k) != "at") continue;
            size_t ts = toks[k].start, te = toks[k].end;
            if (is_claimed(ts)) continue;
            size_t a = ts, b = te;
            while (a > 0 && is_hspace(text[a - 1])) --a;
            while (b < n && is_hspace(text[b])) ++b;
            bool bracketed = false;
            size_t at_s = ts, at_e = te;
            if (a > 0 && b < n) {
                char o = text[a - 1], c = text[b];
                if ((o == '(' && c == ')') || (o == '[' && c == ']') || (o == '{' && c == '}') ||
                    (o == '<' && c == '>')) {
                    bracketed = true;
                    at_s = a - 1;
                    at_e = b + 1;
                }
            }
            // Local part right before.
            size_t q = at_s;
            while (q > 0 && is_hspace(text[q - 1])) --q;
            if (!bracketed && q == at_s) continue;   // "xat" is not "x at"
            size_t ls = q;
            while (ls > 0 && is_local_char(text[ls - 1])) --ls;
            while (ls < q && !is_alnum(text[ls])) ++ls;
            if (ls >= q) continue;
            size_t r = at_e;
            while (r < n && is_hspace(text[r])) ++r;
            if (!bracketed && r == at_e) continue;
            Domain d = parse_domain(r);
            if (d.labels == 0) continue;
            bool ok;
            if (bracketed) {
                ok = true;
            } else {
                bool provider = in_list(d.first, kMailProviders) && d.labels >= 2;
                bool spelled = d.spelled_dot && d.labels >= 2 && in_list(d.last, kTlds);
                ok = provider || spelled;
            }
            if (!ok) continue;
            add_email(ls, d.end);
        }
    }

    // ---- links ---------------------------------------------------------------------------------
    bool is_own_host(std::string_view host) const {
        while (!host.empty() && host.back() == '.') host.remove_suffix(1);
        for (std::string_view d : own_domains(ctx.marketplace)) {
            if (host == d) return true;
            if (host.size() > d.size() && host.substr(host.size() - d.size()) == d &&
                host[host.size() - d.size() - 1] == '.')
                return true;
        }
        return false;
    }

    static bool url_char(char c) {
        unsigned char u = (unsigned char)c;
        return u > 0x20 && u < 0x7F && c != '<' && c != '>' && c != '"';
    }

    size_t trim_url_end(size_t s, size_t e) const {
        while (e > s) {
            char c = text[e - 1];
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == ')' || c == ']' ||
                c == '}' || c == '\'' || c == '"')
                --e;
            else
                break;
        }
        return e;
    }

    void add_link(size_t s, size_t e, std::string_view host) {
        claim(s, e);
        if (is_own_host(lower_copy(host))) return;
        std::string own;
        const auto& od = own_domains(ctx.marketplace);
        if (!od.empty()) own = std::string(od[0]);
        add(kExternalLink, s, e,
            "Link to an outside site \"" + excerpt(span(s, e)) + "\": " + mk_name() +
                " does not allow links to sites outside the marketplace. Remove it and describe the "
                "information in the message itself" +
                (own.empty() ? std::string(".") : " (links to " + own + " are fine)."));
    }

    void scan_links() {
        const size_t n = text.size();
        // 1. Explicit URLs: scheme:// or www.
        for (size_t i = 0; i < n; ++i) {
            char c = lower(text[i]);
            if (c != 'h' && c != 'w' && c != 'f') continue;
            if (i > 0 && (is_alnum(text[i - 1]) || text[i - 1] == '@' || text[i - 1] == '.')) continue;
            size_t host_s;
            std::string_view rest = text.substr(i, 8);
            if (rest.size() >= 7 && ieq(rest.substr(0, 7), "http://")) host_s = i + 7;
            else if (rest.size() >= 8 && ieq(rest.substr(0, 8), "https://")) host_s = i + 8;
            else if (rest.size() >= 6 && ieq(rest.substr(0, 6), "ftp://")) host_s = i + 6;
            else if (rest.size() >= 5 && ieq(rest.substr(0, 4), "www.") && is_alnum(rest[4])) host_s = i;
            else continue;
            if (is_claimed(i)) continue;
            size_t e = i;
            while (e < n && url_char(text[e])) ++e;
            e = trim_url_end(i, e);
            size_t he = host_s;
            while (he < e && (is_alnum(text[he]) || text[he] == '.' || text[he] == '-')) ++he;
            add_link(i, e, text.substr(host_s, he - host_s));
            i = e;
        }
        // 2. Bare domains: "shop.com", "bit.ly/x", "Shop.Example.co.uk/deal".
        for (size_t i = 1; i + 1 < n; ++i) {
            if (text[i] != '.' || !is_alnum(text[i - 1]) || !is_alpha(text[i + 1])) continue;
            if (is_claimed(i)) continue;
            size_t s = i;
            while (s > 0 && (is_alnum(text[s - 1]) || text[s - 1] == '.' || text[s - 1] == '-')) --s;
            size_t e = i + 1;
            while (e < n && (is_alnum(text[e]) || text[e] == '.' || text[e] == '-')) ++e;
            size_t run_end = e;
            bool glued = false;   // part of a path, an e-mail or a word: skip the whole run
            if (s > 0) {
                char p = text[s - 1];
                if (p == '@' || p == '/' || p == ':' || p == '\\' || p == '_') glued = true;
                if ((unsigned char)p >= 0x80) {
                    // A domain glued to Chinese text is still a domain; a Latin letter (é) is not a boundary.
                    size_t back = s - 1;
                    while (back > 0 && ((unsigned char)text[back] & 0xC0) == 0x80) --back;
                    size_t l;
                    if (is_word_cp(decode(text, back, l))) glued = true;
                }
            }
            if (glued) { i = run_end; continue; }
            while (s < i && !is_alnum(text[s])) ++s;
            while (e > i && (text[e - 1] == '.' || text[e - 1] == '-')) --e;
            if (e < n && (unsigned char)text[e] >= 0x80) {
                size_t l;
                if (is_word_cp(decode(text, e, l))) { i = e; continue; }
            }
            std::string_view host = text.substr(s, e - s);
            // Labels: non-empty; the last one alphabetic and a known TLD.
            size_t last_dot = host.rfind('.');
            std::string_view tld = host.substr(last_dot + 1);
            bool ok = last_dot != std::string_view::npos && host.find("..") == std::string_view::npos;
            if (ok) {
                for (char ch : tld) ok = ok && is_alpha(ch);
            }
            std::string tld_l = lower_copy(tld);
            if (ok) ok = in_list(tld_l, kTlds);
            size_t ue = e;
            bool has_path = false;
            if (ok && ue < n && (text[ue] == '/' || text[ue] == ':')) {
                size_t pe = ue;
                while (pe < n && url_char(text[pe])) ++pe;
                pe = trim_url_end(ue, pe);
                if (pe > ue + 1) { has_path = true; ue = pe; }
            }
            if (ok && in_list(tld_l, kWordlikeTlds) && !has_path) {
                // "it.It" / "look.At": a missing space, not a domain.
                bool lower_tld = true;
                for (char ch : tld) lower_tld = lower_tld && !(ch >= 'A' && ch <= 'Z');
                std::string_view first = host.substr(0, host.find('.'));
                ok = lower_tld && first.size() >= 3;
            }
            if (!ok) { i = e; continue; }
            add_link(s, ue, host);
            i = ue;
        }
    }

    // ---- phone numbers -------------------------------------------------------------------------
    // Looks at up to 5 tokens before `pos` on the same line: 1 = phone context, -1 = order or
    // tracking context, 0 = neither.
    int number_context(size_t pos) const {
        size_t ti = token_at_or_after(pos);
        size_t line_start = pos;
        while (line_start > 0 && text[line_start - 1] != '\n') --line_start;
        int ctx_kind = 0;
        for (int back = 0; back < 5 && ti > 0; ++back) {
            --ti;
            if (toks[ti].start < line_start) break;
            uint16_t f = flags(ti);
            if (f & kWfPhone) return 1;
            if (ctx_kind == 0 && (f & kWfOrder)) ctx_kind = -1;
        }
        // Chinese context words just before the number.
        size_t from = pos > 24 ? pos - 24 : 0;
        std::string_view before = text.substr(from, pos - from);
        if (before.find("电话") != std::string_view::npos || before.find("手机") != std::string_view::npos) return 1;
        if (before.find("订单") != std::string_view::npos || before.find("单号") != std::string_view::npos)
            return -1;
        // '#' right before the number ("order #123-4567") marks a reference.
        size_t p = pos;
        while (p > 0 && is_hspace(text[p - 1])) --p;
        if (p > 0 && text[p - 1] == '#') return -1;
        return ctx_kind;
    }

    void scan_phones() {
        const size_t n = text.size();
        size_t i = 0;
        while (i < n) {
            char c = text[i];
            bool start = is_digit(c) || ((c == '+' || c == '(') && i + 1 < n && is_digit(text[i + 1]));
            if (!start) { ++i; continue; }
            if (i > 0) {
                char p = text[i - 1];
                if (is_alnum(p) || p == '_' || p == '/' || p == '.' || p == '-' || p == '$' || p == ',') {
                    // Inside another token (a tracking code, a price, a time): skip the whole run.
                    ++i;
                    while (i < n && (is_alnum(text[i]) || text[i] == '.' || text[i] == '-')) ++i;
                    continue;
                }
            }
            size_t s = i, j = i;
            bool plus = false;
            if (text[j] == '+') { plus = true; ++j; }
            std::vector<int> groups;
            bool sep_dot = false, sep_other = false;
            size_t last_digit_end = j;
            while (j < n) {
                if (text[j] == '(') ++j;
                size_t ds = j;
                while (j < n && is_digit(text[j])) ++j;
                if (j == ds) break;
                groups.push_back(int(j - ds));
                last_digit_end = j;
                // Separator: at most 3 characters of " -.()"; no line breaks.
                size_t ss = j;
                bool this_dot = false, this_other = false;
                while (j < n && j - ss < 3 &&
                       (text[j] == ' ' || text[j] == '-' || text[j] == '.' || text[j] == '(' || text[j] == ')')) {
                    if (text[j] == '.') this_dot = true;
                    else this_other = true;
                    ++j;
                }
                if (j == ss || j >= n || !is_digit(text[j])) break;
                sep_dot = sep_dot || this_dot;
                sep_other = sep_other || (this_other && !(plus && groups.size() == 1));
            }
            size_t e = last_digit_end;
            i = std::max(e, s + 1);
            // Glued to letters, a decimal, a slash or a percent sign: not a phone number.
            if (e < n) {
                char nx = text[e];
                if (is_alnum(nx) || nx == '%' || nx == '/' || nx == '_' ||
                    (nx == '.' && e + 1 < n && is_digit(text[e + 1])) ||
                    (nx == ',' && e + 1 < n && is_digit(text[e + 1])) ||
                    (nx == ':' && e + 1 < n && is_digit(text[e + 1]))) {
                    while (i < n && (is_alnum(text[i]) || text[i] == '.' || text[i] == '-')) ++i;
                    continue;
                }
            }
            if (is_claimed(s)) continue;
            int digits = 0, longest = 0;
            for (int g : groups) { digits += g; longest = std::max(longest, g); }
            if (digits < 7 || digits > 15) continue;
            int context = number_context(s);
            if (context < 0) continue;
            const size_t G = groups.size();
            // Shapes that are never phone numbers, whatever the words around them.
            if (sep_dot && sep_other) continue;                                            // "9.00-17.00"
            if (G == 3 && groups[0] == 2 && groups[1] == 5 && groups[2] == 5) continue;   // eBay order
            if (G == 3 && groups[0] == 3 && groups[1] == 7 && groups[2] == 7) continue;   // Amazon order
            if (G == 3 && ((groups[0] == 4 && groups[1] == 2 && groups[2] == 2) ||
                           (groups[0] == 2 && groups[1] == 2 && groups[2] == 4)))
                continue;                                                                  // a date
            if (G == 2 && groups[0] == 5 && groups[1] == 4 && !plus) continue;            // ZIP+4
            if (!plus && G >= 2) {                                                         // "2025 2026"
                bool years = true;
                size_t p = s;
                for (size_t g = 0; g < G && years; ++g) {
                    while (p < e && !is_digit(text[p])) ++p;
                    std::string_view grp = text.substr(p, size_t(groups[g]));
                    years = grp.size() == 4 && (grp.substr(0, 2) == "19" || grp.substr(0, 2) == "20");
                    p += size_t(groups[g]);
                }
                if (years) continue;
            }
            if (G >= 3) {
                bool all4 = true;
                for (size_t g = 0; g < G; ++g) all4 = all4 && groups[g] == 4;
                if (all4) continue;                                                        // tracking blocks
            }
            // Without a phone word nearby, also leave out bare numbers, long blocks, size lists and
            // thousands ("5551234567" alone is more likely a reference than a phone number).
            if (context == 0 && !plus) {
                if (G == 1 || longest > 6) continue;
                bool short_groups = true, thousands = G >= 3 && groups[0] <= 3;
                for (size_t g = 0; g < G; ++g) short_groups = short_groups && groups[g] <= 2;
                for (size_t g = 1; g < G; ++g) thousands = thousands && groups[g] == 3;
                if ((short_groups && G != 5) || thousands) continue;   // "38 40 42 44", "1 250 000"
            }
            add(kPhoneNumber, s, e,
                "Phone number \"" + excerpt(span(s, e)) + "\": " + mk_name() +
                    " does not allow moving the conversation to the phone or other channels. Remove it" +
                    (ctx.marketplace == Marketplace::Walmart
                         ? std::string("; if you already spoke by phone, write a summary of the call here instead.")
                         : std::string(" and answer in the marketplace messages.")));
        }
    }

    // ---- phrases -------------------------------------------------------------------------------
    std::string phrase_message(RuleId r, std::string_view quoted) const {
        std::string q = "\"" + excerpt(quoted) + "\"";
        std::string m = mk_name();
        switch (r) {
            case kOffPlatformContact:
                return q + " asks the buyer to move off " + m + ". Keep the whole conversation in " + m +
                       "'s messages and answer the question here.";
            case kOffPlatformPayment:
                return q + ": asking for payment details or payment outside the order is not allowed. "
                           "Refunds and extra charges go through " + m + " only.";
            case kMarketing:
                return q + " is promotional language; " + m +
                       " buyer messages must not carry marketing. Stick to the buyer's question.";
            case kReviewRequest:
                return q + ": asking for a positive review or for a review to be changed is not allowed on " + m +
                       ". Solve the problem; at most, ask neutrally for honest feedback.";
            case kVagueTimeFrame:
                return q + " is vague: give a concrete time frame, e.g. \"within 1-2 business days\" or "
                           "\"by Friday\".";
            case kOverpromise:
                return q + " promises something you may not control. Say what you will actually do, e.g. "
                           "\"we will reship it within 2 business days\".";
            default:
                return q;
        }
    }

    void scan_phrases() {
        size_t rule_end[kRuleCount] = {};
        for (size_t i = 0; i < toks.size(); ++i) {
            if (toks[i].word == kNoWord) continue;
            for (uint16_t pi : words.words[toks[i].word].phrases) {
                const Tables::Compiled& ph = words.phrases[pi];
                if (!enabled(ph.rule)) continue;
                if (i < rule_end[ph.rule]) continue;
                size_t nw = ph.words.size();
                if (i + nw > toks.size()) continue;
                bool match = true;
                for (size_t w = 1; w < nw && match; ++w)
                    match = toks[i + w].word == ph.words[w] && joined(i + w - 1);
                if (!match) continue;
                size_t last = i + nw - 1;
                if (ph.rule == kMissingRestatement) {   // not a finding: evidence for the structure check
                    restated = true;
                    continue;
                }
                if ((ph.flags & kSoonFlag) && i > 0 && last + 1 < toks.size() && key(i - 1) == "as" &&
                    key(last + 1) == "as")
                    continue;   // "as soon as it arrives": a condition, not a vague promise
                if ((ph.flags & kGuaranteeFlag) && i > 0 && key(i - 1) == "z") continue;   // A-to-z Guarantee
                if ((ph.flags & kMaterialFlag) && material_follows(last + 1)) continue;
                if ((ph.flags & kSubscribeFlag) && last + 1 < toks.size() &&
                    (key(last + 1) == "save" ||
                     (key(last + 1) == "and" && last + 2 < toks.size() && key(last + 2) == "save")))
                    continue;
                if (is_claimed(toks[i].start)) continue;
                add(ph.rule, toks[i].start, toks[last].end,
                    phrase_message(ph.rule, span(toks[i].start, toks[last].end)));
                rule_end[ph.rule] = last + 1;
                break;
            }
        }
        // "% off" and "100%".
        const size_t n = text.size();
        for (size_t i = 1; i < n; ++i) {
            if (text[i] != '%') continue;
            size_t de = i;
            while (de > 0 && is_hspace(text[de - 1]) && i - de < 2) --de;   // "15 % off"
            size_t ds = de;
            while (ds > 0 && (is_digit(text[ds - 1]) || text[ds - 1] == '.')) --ds;
            if (ds == de || !is_digit(text[ds])) continue;
            size_t j = i + 1;
            while (j < n && is_hspace(text[j])) ++j;
            if (j + 3 <= n && ieq(text.substr(j, 3), "off") && (j + 3 == n || !is_alnum(text[j + 3]))) {
                add(kMarketing, ds, j + 3, phrase_message(kMarketing, span(ds, j + 3)));
                continue;
            }
            if (text.substr(ds, de - ds) == "100" && (ds == 0 || !is_alnum(text[ds - 1]))) {
                if (material_follows(token_at_or_after(i)) || refund_near(token_at_or_after(ds))) continue;
                add(kOverpromise, ds, i + 1, phrase_message(kOverpromise, span(ds, i + 1)));
            }
        }
        // Chinese phrases.
        for (const CjkPhrase& p : kCjkPhrases) {
            if (!enabled(p.rule)) continue;
            std::string_view needle(p.text);
            size_t pos = text.find(needle);
            while (pos != std::string_view::npos) {
                add(p.rule, pos, pos + needle.size(), phrase_message(p.rule, needle));
                pos = text.find(needle, pos + needle.size());
            }
        }
    }

    // ---- language ------------------------------------------------------------------------------
    // Expected languages for a ship-to region (ISO alpha-2). Empty = unknown region.
    static std::vector<std::string_view> expected_languages(std::string_view region) {
        std::string r;
        for (char c : region) r += char(c >= 'a' && c <= 'z' ? c - 32 : c);
        auto is = [&](std::initializer_list<const char*> l) {
            for (const char* x : l)
                if (r == x) return true;
            return false;
        };
        if (is({"US", "GB", "UK", "AU", "NZ", "IE", "IN", "SG", "AE", "SA", "PH", "ZA", "NG", "KE", "MY", "PK"}))
            return {"en"};
        if (r == "CA") return {"en", "fr"};
        if (is({"DE", "AT"})) return {"de"};
        if (r == "CH") return {"de", "fr", "it"};
        if (r == "FR" || r == "LU") return {"fr"};
        if (r == "BE") return {"fr", "nl"};
        if (is({"ES", "MX", "AR", "CL", "CO", "PE"})) return {"es"};
        if (r == "IT") return {"it"};
        if (r == "NL") return {"nl"};
        if (is({"BR", "PT"})) return {"pt"};
        if (r == "JP") return {"ja"};
        if (is({"CN", "TW", "HK", "MO"})) return {"zh", "en"};
        if (r == "KR") return {"ko"};
        return {};
    }

    // Returns the detected dominant language code ("" = not sure) and whether it came from the
    // script (strong evidence) rather than from stop words.
    struct LangGuess {
        std::string code;
        bool by_script = false;
        size_t script_start = 0, script_end = 0;   // span of the dominant non-Latin script
    };

    LangGuess guess_language() const {
        LangGuess g;
        size_t han = 0, kana = 0, hangul = 0, cyr = 0, arabic = 0, thai = 0, latin = 0;
        size_t first_cjk = std::string_view::npos, last_cjk = 0;
        size_t first_other = std::string_view::npos, last_other = 0;
        const size_t n = text.size();
        for (size_t i = 0; i < n;) {
            if ((unsigned char)text[i] < 0x80) {   // fast path
                if (is_alpha(text[i])) ++latin;
                ++i;
                continue;
            }
            size_t len;
            uint32_t cp = decode(text, i, len);
            if (is_cjk_letter(cp)) {
                if (is_han(cp)) ++han;
                else if (is_kana(cp)) ++kana;
                else ++hangul;
                if (first_cjk == std::string_view::npos) first_cjk = i;
                last_cjk = i + len;
            } else if (cp >= 0x0400 && cp <= 0x04FF) {
                ++cyr;
                if (first_other == std::string_view::npos) first_other = i;
                last_other = i + len;
            } else if (cp >= 0x0600 && cp <= 0x06FF) {
                ++arabic;
                if (first_other == std::string_view::npos) first_other = i;
                last_other = i + len;
            } else if (cp >= 0x0E00 && cp <= 0x0E7F) {
                ++thai;
                if (first_other == std::string_view::npos) first_other = i;
                last_other = i + len;
            } else if (is_latin_letter_cp(cp)) {
                ++latin;
            }
            i += len;
        }
        // Rough "words" per script: Latin and Cyrillic ~5-6 letters a word, Chinese ~1.5 characters.
        double w_latin = latin / 5.0, w_cjk = han / 1.5 + kana / 2.0 + hangul / 2.5, w_cyr = cyr / 6.0,
               w_ar = arabic / 5.0, w_th = thai / 4.0;
        double total = w_latin + w_cjk + w_cyr + w_ar + w_th;
        if (total < 2.0) return g;
        double best = std::max({w_cjk, w_cyr, w_ar, w_th});
        if (best >= 0.6 * total && best > w_latin) {
            g.by_script = true;
            if (best == w_cjk) {
                g.code = kana * 4 >= han && kana > 0 ? "ja" : (hangul > han ? "ko" : "zh");
                g.script_start = first_cjk;
                g.script_end = last_cjk;
            } else {
                g.code = best == w_cyr ? "ru" : best == w_ar ? "ar" : "th";
                g.script_start = first_other;
                g.script_end = last_other;
            }
            return g;
        }
        if (w_latin < 0.6 * total) return g;
        // Latin script: count stop words.
        int counts[kLatinLangCount] = {};
        for (const Token& tok : toks) {
            if (tok.word == kNoWord) continue;
            uint8_t bits = words.words[tok.word].stop;
            for (int l = 0; bits && l < kLatinLangCount; ++l)
                if (bits & (1 << l)) ++counts[l];
        }
        int best_l = 0;
        for (int l = 1; l < kLatinLangCount; ++l)
            if (counts[l] > counts[best_l]) best_l = l;
        int second = 0;
        for (int l = 0; l < kLatinLangCount; ++l)
            if (l != best_l) second = std::max(second, counts[l]);
        if (counts[best_l] >= 3 && counts[best_l] >= 2 * second) g.code = kLangCodes[best_l];
        return g;
    }

    static const char* language_name(std::string_view code) {
        for (int l = 0; l < kLatinLangCount; ++l)
            if (code == kLangCodes[l]) return kLangNames[l];
        if (code == "zh") return "Chinese";
        if (code == "ja") return "Japanese";
        if (code == "ko") return "Korean";
        if (code == "ru") return "Russian";
        if (code == "ar") return "Arabic";
        if (code == "th") return "Thai";
        return "another language";
    }

    // Returns the detected language ("" when unsure) for the structure check.
    std::string scan_language() {
        LangGuess g = guess_language();
        if (ctx.marketplace == Marketplace::Tmall) return g.code;
        std::string region = ctx.region;
        if (region.empty() && ctx.marketplace == Marketplace::Walmart) region = "US";
        std::vector<std::string_view> expected = expected_languages(region);
        if (expected.empty()) return g.code;
        std::string want = language_name(expected[0]);
        if (!g.code.empty()) {
            bool fits = std::find(expected.begin(), expected.end(), g.code) != expected.end();
            if (!fits) {
                if (g.by_script) {
                    add(kWrongLanguage, g.script_start, g.script_end,
                        std::string("This reply is written in ") + language_name(g.code) + ", but the order ships to " +
                            region + ": " + mk_name() + " expects " + want +
                            (ctx.marketplace == Marketplace::Walmart ? " for US orders" : " (the buyer's language)") +
                            ". Translate the reply before sending.");
                } else if (ctx.marketplace == Marketplace::Walmart || ctx.marketplace == Marketplace::Amazon) {
                    size_t s = 0, e = text.size();
                    while (s < e && is_space(text[s])) ++s;
                    while (e > s && is_space(text[e - 1])) --e;
                    add(kWrongLanguage, s, e,
                        std::string("This reply reads as ") + language_name(g.code) + ", but the order ships to " +
                            region + ": write it in " + want + " (the buyer's language).",
                        int(Severity::Warning));
                }
                return g.code;
            }
        }
        // Stray CJK text in a reply to a non-CJK buyer (often an agent's note left in the draft).
        bool cjk_ok = false;
        for (std::string_view l : expected) cjk_ok = cjk_ok || l == "zh" || l == "ja" || l == "ko";
        if (cjk_ok || (g.by_script && !g.code.empty())) return g.code;
        const size_t n = text.size();
        int reported = 0;
        for (size_t i = 0; i < n && reported < 20;) {
            if ((unsigned char)text[i] < 0x80) { ++i; continue; }   // fast path
            size_t len;
            uint32_t cp = decode(text, i, len);
            if (!is_cjk_letter(cp)) { i += len; continue; }
            size_t s = i, e = i + len;
            i += len;
            while (i < n) {
                uint32_t c2 = decode(text, i, len);
                if (is_cjk_letter(c2) || is_cjk_punct(c2) || c2 == ' ') {
                    i += len;
                    if (is_cjk_letter(c2)) e = i;
                } else {
                    break;
                }
            }
            add(kMixedLanguage, s, e,
                "Chinese text \"" + excerpt(span(s, e)) + "\" in a reply to a buyer in " + region +
                    ": probably a note left in the draft. Translate it into " + want + " or remove it.");
            ++reported;
        }
        return g.code;
    }

    // ---- promotions the phrase table cannot list ----------------------------------------------
    // A promotion code: 4-20 letters and digits, with a digit or in capitals ("SAVE10", "WELCOME").
    bool code_shaped(size_t i) const {
        size_t s = toks[i].start, e = toks[i].end;
        if (e - s < 4 || e - s > 20) return false;
        bool digit = false, alpha = false, small = false;
        for (size_t k = s; k < e; ++k) {
            if (is_digit(text[k])) digit = true;
            else if (is_alpha(text[k])) alpha = true, small = small || text[k] >= 'a';
            else return false;
        }
        return alpha && (digit || !small);
    }
    bool small_number(size_t i) const {
        if (i >= toks.size()) return false;
        std::string_view k = key(i);
        if (k.size() <= 2 && std::all_of(k.begin(), k.end(), is_digit)) return true;
        return in_list(k, kSmallNumbers);
    }
    // Punctuation, or the start of the text, between token i - 1 and token i: a new clause.
    bool clause_start(size_t i) const {
        if (i == 0) return true;
        for (size_t k = toks[i - 1].end; k < toks[i].start; ++k)
            if (std::strchr(",;:!.?()\n-", text[k])) return true;
        return false;
    }
    void promo(size_t first, size_t last) {
        add(kMarketing, toks[first].start, toks[last].end,
            phrase_message(kMarketing, span(toks[first].start, toks[last].end)));
    }
    // "use code SAVE10" (not "tracking code 1Z…"), "buy 2 get 1 free", "ends Sunday".
    void scan_promotions() {
        if (!enabled(kMarketing)) return;
        for (size_t i = 0; i < toks.size(); ++i) {
            if (!(flags(i) & kWfPromoCue)) continue;
            std::string_view k = key(i);
            if (k == "code" || k == "codes") {
                if (i > 0 && (in_list(key(i - 1), kServiceCodeWords) || in_list(key(i - 1), kPromoCodeWords))) continue;
                size_t j = i + 1;
                if (j < toks.size() && (key(j) == "is" || key(j) == "was")) ++j;
                if (j < toks.size() && code_shaped(j)) promo(i, j);
            } else if (k == "buy" && small_number(i + 1)) {
                for (size_t j = i + 2; j < toks.size() && j <= i + 5; ++j) {
                    if (key(j) != "get") continue;
                    if (!small_number(j + 1) && (j + 1 >= toks.size() || key(j + 1) != "another")) break;
                    size_t last = j + 1;
                    if (last + 1 < toks.size() && (key(last + 1) == "free" || key(last + 1) == "half")) ++last;
                    promo(i, last);
                    break;
                }
            } else if (i + 1 < toks.size() && in_list(key(i + 1), kSaleEndWords)) {   // ends / expires
                if (i > 0 && in_list(key(i - 1), kSaleWords)) promo(i - 1, i + 1);
                else if (clause_start(i)) promo(i, i + 1);
            }
        }
    }

    // ---- markup --------------------------------------------------------------------------------
    void markup(size_t s, size_t e, bool image) {
        std::string q = "\"" + excerpt(span(s, e)) + "\"";
        std::string m = mk_name();
        if (!image)
            return add(kMarkup, s, e, q + " is HTML markup: " + m + " shows messages as plain text, so the buyer "
                                     "would see the tags. Write the text without them.");
        add(kMarkup, s, e, q + " embeds an image: " + m + " messages are plain text. " +
                               (ctx.marketplace == Marketplace::Amazon
                                    ? "Attach the picture as a file (a logo is allowed only without a link)."
                                    : "Attach the picture as a file instead."));
    }
    // HTML tags (<img src=…>, <b>, </a>) and Markdown images (![logo](…)).
    void scan_markup() {
        if (!enabled(kMarkup)) return;
        const size_t n = text.size();
        for (size_t i = 0; i + 1 < n; ++i) {
            if (text[i] == '!' && text[i + 1] == '[') {
                size_t close = text.find("](", i + 2);
                size_t line = text.find('\n', i);
                if (close == std::string_view::npos || close > line) continue;
                size_t end = text.find(')', close + 2);
                if (end == std::string_view::npos || end > line) continue;
                markup(i, end + 1, true);
                i = end;
                continue;
            }
            if (text[i] != '<') continue;
            size_t j = i + 1 + (text[i + 1] == '/');
            size_t ns = j;
            while (j < n && (is_alpha(text[j]) || (j > ns && is_digit(text[j])))) ++j;
            if (j == ns || j - ns > 10 || !in_list(lower_copy(text.substr(ns, j - ns)), kHtmlTags)) continue;
            if (j < n && text[j] != '>' && text[j] != '/' && !is_space(text[j])) continue;
            size_t end = j;
            while (end < n && end - i < 2000 && text[end] != '>' && text[end] != '<') ++end;
            if (end >= n || text[end] != '>') continue;
            std::string name = lower_copy(text.substr(ns, j - ns));
            markup(i, end + 1, name == "img" || name == "image" || name == "svg" || name == "picture");
            i = end;
        }
    }

    // ---- Amazon structure ----------------------------------------------------------------------
    void line_bounds(size_t pos, size_t& s, size_t& e) const {
        s = pos;
        while (s > 0 && text[s - 1] != '\n') --s;
        e = pos;
        while (e < text.size() && text[e] != '\n') ++e;
        while (s < e && is_space(text[s])) ++s;
        while (e > s && is_space(text[e - 1])) --e;
    }

    void scan_structure(const std::string& lang) {
        if (!enabled(kMissingGreeting)) return;
        if (!lang.empty() && lang != "en") return;   // the heuristics are English
        if (toks.empty()) return;
        size_t ts = 0, te = text.size();
        while (ts < te && is_space(text[ts])) ++ts;
        while (te > ts && is_space(text[te - 1])) --te;
        size_t fl_s, fl_e, ll_s, ll_e;
        line_bounds(ts, fl_s, fl_e);
        line_bounds(te > ts ? te - 1 : ts, ll_s, ll_e);

        // Greeting: one of the first three words, on the first line.
        bool greeting = false;
        for (size_t i = 0; i < toks.size() && i < 3 && toks[i].start < fl_e + 1; ++i) {
            std::string_view k = key(i);
            if (flags(i) & kWfGreeting) greeting = true;
            if (k == "good" && i + 1 < toks.size()) {
                std::string_view k2 = key(i + 1);
                if (k2 == "morning" || k2 == "afternoon" || k2 == "evening" || k2 == "day") greeting = true;
            }
        }
        if (!greeting)
            add(kMissingGreeting, fl_s, fl_e,
                "Amazon replies should open with a greeting, e.g. \"Dear {customer_name},\" or \"Hello,\".");

        if (!restated)   // set by scan_phrases()
            add(kMissingRestatement, fl_s, fl_e,
                "Restate the buyer's problem in one sentence (e.g. \"I understand that your parcel has not "
                "arrived yet\") so the buyer sees it was read.");

        bool solution = false;
        for (size_t i = 0; i < toks.size() && !solution; ++i) solution = (flags(i) & kWfSolution) != 0;
        if (!solution)
            add(kMissingSolution, fl_s, fl_e,
                "Offer a solution or a next step, ideally as numbered options (\"1. ... 2. ...\") so the buyer "
                "only has to choose.");

        // Sign-off: a closing word or {agent_name} in the last 250 bytes, or a short last line (a name).
        bool signoff = false;
        size_t tail = te > 250 ? te - 250 : 0;
        for (size_t i = token_at_or_after(tail); i < toks.size() && !signoff; ++i)
            signoff = (flags(i) & kWfSignoff) != 0;
        if (!signoff) signoff = text.substr(tail, te - tail).find("{agent_name}") != std::string_view::npos;
        if (!signoff && ll_s > fl_s) {
            size_t first_tok = token_at_or_after(ll_s), count = 0;
            for (size_t i = first_tok; i < toks.size() && toks[i].start < ll_e; ++i) ++count;
            char last = ll_e > ll_s ? text[ll_e - 1] : '.';
            signoff = count >= 1 && count <= 4 && ll_e - ll_s <= 40 && last != '?' && last != '.' && last != ':';
        }
        if (!signoff)
            add(kMissingSignoff, ll_s, ll_e,
                "End with a sign-off and the sender, e.g. \"Best regards, {agent_name}, {store_name}\".");
    }

    // ---- eBay rounds ---------------------------------------------------------------------------
    void scan_rounds() {
        if (!enabled(kTooManyRounds) || ctx.rounds < 3) return;
        size_t ts = 0;
        while (ts < text.size() && is_space(text[ts])) ++ts;
        size_t s, e;
        line_bounds(ts, s, e);
        add(kTooManyRounds, s, e,
            "This would be reply #" + std::to_string(ctx.rounds + 1) +
                " in this conversation; eBay advises settling a case within 3 rounds. Make this reply final: "
                "offer a concrete resolution (refund or reshipment) and the date it will happen.");
    }
};

}  // namespace

// ---- public API ------------------------------------------------------------------------------
const std::vector<RuleInfo>& rule_table() {
    static const std::vector<RuleInfo> t = build_rule_table();
    return t;
}

const RuleInfo* find_rule(std::string_view id) {
    for (const RuleInfo& r : rule_table())
        if (id == r.id) return &r;
    return nullptr;
}

const std::vector<std::string_view>& own_domains(Marketplace m) {
    static const std::vector<std::string_view> walmart = {"walmart.com", "walmart.ca", "walmart.com.mx",
                                                          "walmartmarketplace.com"};
    static const std::vector<std::string_view> amazon = {
        "amazon.com", "amazon.co.uk", "amazon.de", "amazon.fr", "amazon.it", "amazon.es", "amazon.ca",
        "amazon.co.jp", "amazon.com.au", "amazon.in", "amazon.com.mx", "amazon.nl", "amazon.se", "amazon.pl",
        "amazon.sg", "amazon.ae", "amazon.sa", "amazon.com.br", "amazon.com.tr", "amazon.com.be",
        "amazon.eg", "amazon.ie", "amzn.to", "amzn.com"};
    static const std::vector<std::string_view> ebay = {
        "ebay.com", "ebay.co.uk", "ebay.de", "ebay.fr", "ebay.it", "ebay.es", "ebay.ca", "ebay.com.au",
        "ebay.at", "ebay.ch", "ebay.ie", "ebay.nl", "ebay.be", "ebay.pl", "ebay.com.hk", "ebay.com.sg",
        "ebay.com.my", "ebay.ph", "ebay.in", "ebay.us"};
    static const std::vector<std::string_view> wish = {"wish.com"};
    static const std::vector<std::string_view> tmall = {"tmall.com", "taobao.com", "tmall.hk"};
    switch (m) {
        case Marketplace::Walmart: return walmart;
        case Marketplace::Amazon: return amazon;
        case Marketplace::Ebay: return ebay;
        case Marketplace::Wish: return wish;
        case Marketplace::Tmall: return tmall;
    }
    return wish;
}

std::vector<Finding> check_reply(std::string_view text, const CheckContext& ctx) {
    Scan s(text, ctx);
    bool blank = true;
    for (size_t i = 0; i < text.size() && blank;) {
        size_t len;
        uint32_t cp = decode(text, i, len);
        blank = cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v' || cp == 0xA0 ||
                cp == 0x3000 || cp == 0x200B || cp == 0xFEFF;
        i += len;
    }
    if (blank) {
        s.add(kEmptyReply, 0, text.size(),
              "The reply is empty: write an answer before sending (a blank message does not count as a reply).");
        s.scan_placeholders();
        return std::move(s.out);
    }
    s.tokenize();
    s.scan_placeholders();
    s.scan_emails();
    s.scan_links();
    s.scan_phones();
    s.scan_phrases();
    s.scan_promotions();
    s.scan_markup();
    std::string lang = s.scan_language();
    if (ctx.marketplace == Marketplace::Amazon) s.scan_structure(lang);
    s.scan_rounds();
    std::stable_sort(s.out.begin(), s.out.end(), [](const Finding& a, const Finding& b) {
        if (a.start != b.start) return a.start < b.start;
        return int(a.severity) < int(b.severity);
    });
    return std::move(s.out);
}

bool has_errors(const std::vector<Finding>& findings) {
    return count_severity(findings, Severity::Error) > 0;
}

size_t count_severity(const std::vector<Finding>& findings, Severity sev) {
    size_t n = 0;
    for (const Finding& f : findings)
        if (f.severity == sev) ++n;
    return n;
}

size_t utf16_offset(std::string_view text, size_t byte_offset) {
    size_t end = std::min(byte_offset, text.size());
    size_t units = 0;
    for (size_t i = 0; i < end;) {
        size_t len;
        uint32_t cp = decode(text, i, len);
        units += cp >= 0x10000 ? 2 : 1;
        i += len;
    }
    return units;
}

nlohmann::json findings_to_json(const std::vector<Finding>& findings, std::string_view text) {
    nlohmann::json arr = nlohmann::json::array();
    for (const Finding& f : findings) {
        arr.push_back({{"rule", f.rule},
                       {"severity", to_string(f.severity)},
                       {"start", f.start},
                       {"end", f.end},
                       {"start_utf16", utf16_offset(text, f.start)},
                       {"end_utf16", utf16_offset(text, f.end)},
                       {"message", f.message},
                       {"source", f.source}});
    }
    return arr;
}

}  // namespace sd
