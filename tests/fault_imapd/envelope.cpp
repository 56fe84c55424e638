#include "envelope.hpp"

#include <vector>

#include "address.hpp"
#include "text.hpp"

namespace fimapd {

namespace {
std::string nstring_field(const BodyPart& m, const char* name) {
  auto v = m.field(name);
  return v ? imap_string(*v) : "NIL";
}

// "((name adl mailbox host) ...)" or NIL when the field is absent or holds no address.
std::optional<std::string> address_list(const BodyPart& m, const char* name) {
  auto v = m.field(name);
  if (!v) return std::nullopt;
  std::vector<Address> list = parse_address_list(*v);
  if (list.empty()) return std::nullopt;
  std::string out = "(";
  for (const auto& a : list)
    out += "(" + imap_nstring(a.name) + " " + imap_nstring(a.adl) + " " + imap_nstring(a.mailbox) +
           " " + imap_nstring(a.host) + ")";
  return out + ")";
}

std::string params_list(const Params& params) {
  if (params.empty()) return "NIL";
  std::string out = "(";
  for (const auto& [name, value] : params) {
    if (out.size() > 1) out += ' ';
    out += imap_string(upper(name)) + " " + imap_string(value);
  }
  return out + ")";
}

std::string disposition(const BodyPart& p) {
  auto v = p.field("Content-Disposition");
  std::string kind;
  Params params;
  if (!v || !parse_disposition(*v, kind, params)) return "NIL";
  return "(" + imap_string(upper(kind)) + " " + params_list(params) + ")";
}

// body-fld-lang: NIL, one string, or a list of them (Content-Language: en, fr).
std::string language(const BodyPart& p) {
  auto v = p.field("Content-Language");
  if (!v) return "NIL";
  std::vector<std::string> tags;
  std::string_view rest = *v;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    auto tag = trim(rest.substr(0, comma));
    if (!tag.empty()) tags.emplace_back(tag);
    rest.remove_prefix(comma == std::string_view::npos ? rest.size() : comma + 1);
  }
  if (tags.empty()) return "NIL";
  if (tags.size() == 1) return imap_string(tags[0]);
  std::string out = "(";
  for (const auto& t : tags) out += (out.size() > 1 ? " " : "") + imap_string(t);
  return out + ")";
}

// body-fields: params id description encoding size
std::string body_fields(const BodyPart& p) {
  auto encoding = p.field("Content-Transfer-Encoding");
  return params_list(p.params) + " " + nstring_field(p, "Content-ID") + " " +
         nstring_field(p, "Content-Description") + " " +
         imap_string(encoding && !encoding->empty() ? upper(*encoding) : "7BIT") + " " +
         std::to_string(p.body.size());
}

void add_children(const BodyPart& p, const StructureStyle& style, std::string& out);

std::string part_structure(const BodyPart& p, const StructureStyle& style) {
  if (p.is_multipart() && !p.children.empty()) {
    std::string out = "(";
    add_children(p, style, out);
    out += " " + imap_string(upper(p.subtype));
    if (style.extensible)  // body-ext-mpart
      out += " " + params_list(p.params) + " " + disposition(p) + " " + language(p) + " " +
             nstring_field(p, "Content-Location");
    return out + ")";
  }
  std::string out = "(" + imap_string(upper(p.type)) + " " + imap_string(upper(p.subtype)) + " " +
                    body_fields(p);
  if (p.is_message() && !p.message.empty())  // body-type-msg
    out += " " + envelope(p.message[0]) + " " + part_structure(p.message[0], style) + " " +
           std::to_string(count_lines(p.body));
  else if (p.type == "text")  // body-type-text
    out += " " + std::to_string(count_lines(p.body));
  if (style.extensible)  // body-ext-1part
    out += " " + nstring_field(p, "Content-MD5") + " " + disposition(p) + " " + language(p) + " " +
           nstring_field(p, "Content-Location");
  return out + ")";
}

void add_children(const BodyPart& p, const StructureStyle& style, std::string& out) {
  for (const auto& child : p.children) {
    if (style.flatten && child.is_multipart() && !child.children.empty())
      add_children(child, style, out);  // the fault: no parenthesis nesting for the inner one
    else
      out += part_structure(child, style);
  }
}
}  // namespace

std::string envelope(const BodyPart& m) {
  auto from = address_list(m, "From");
  // RFC 3501 7.4.2: a missing or empty Sender or Reply-To takes the value of From.
  auto sender = address_list(m, "Sender");
  auto reply_to = address_list(m, "Reply-To");
  auto or_nil = [](const std::optional<std::string>& s) { return s ? *s : std::string("NIL"); };
  return "(" + nstring_field(m, "Date") + " " + nstring_field(m, "Subject") + " " + or_nil(from) +
         " " + or_nil(sender ? sender : from) + " " + or_nil(reply_to ? reply_to : from) + " " +
         or_nil(address_list(m, "To")) + " " + or_nil(address_list(m, "Cc")) + " " +
         or_nil(address_list(m, "Bcc")) + " " + nstring_field(m, "In-Reply-To") + " " +
         nstring_field(m, "Message-ID") + ")";
}

std::string body_structure(const BodyPart& message, const StructureStyle& style) {
  return part_structure(message, style);
}

}  // namespace fimapd
