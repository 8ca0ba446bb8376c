// Redaction for demo and training exports: customer names, e-mail addresses, street addresses and
// phone numbers are replaced by made-up ones, in customer records and inside every text (subjects,
// message bodies, drafts, remarks, notes). One Redaction maps consistently: the same real value
// always becomes the same fake value, so a thread still reads naturally ("Hi Maria" and the
// customer "Maria Lopez" both become "Avery").
//
//   sd::Redaction r;
//   std::string name = sd::redact_name(r, "Maria Lopez");               // "Avery Brooks"
//   std::string mail = sd::redact_email(r, "maria.lopez@example.com");  // "buyer1@example.com"
//   std::string body = sd::redact_text(r, text, {"Maria Lopez", "maria.lopez@example.com"});
//
// Found in free text by pattern: e-mail addresses; phone numbers written with a leading "+", an
// area code in parentheses, or at least 10 digits in groups ("+44 20 7946 0958", "(555) 010-2030");
// street addresses in the usual US/UK ("742 Maple Ave, Apt 3B", "Flat 2, 88 Victoria Street"),
// German ("Lindenstrasse 12") and French ("12 rue des Lilas") forms. The customer's own name,
// its parts and their e-mail handle are replaced wherever they stand as words. Limits (written
// down in docs/export-format.md): a stranger's name in a text, or an address in another form, is
// not recognised; order IDs and tracking numbers are kept on purpose (not personal data, and the
// thread still has to make sense).
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>

namespace sd {

struct Redaction {
    std::unordered_map<std::string, std::string> names;       // one word of a name -> fake word
    std::unordered_map<std::string, std::string> handles;     // e-mail local part -> fake
    std::unordered_map<std::string, std::string> phones;
    std::unordered_map<std::string, std::string> addresses;
};

struct KnownPerson {
    std::string_view name;
    std::string_view email;
};

std::string redact_name(Redaction& r, std::string_view name);
std::string redact_email(Redaction& r, std::string_view email);
std::string redact_text(Redaction& r, std::string_view text, const KnownPerson& who);

}  // namespace sd
