#include "fetch.hpp"

#include "envelope.hpp"
#include "text.hpp"

namespace fimapd {

namespace {
using Kind = FetchItem::Kind;

struct SimpleItem {
  const char* name;
  Kind kind;
};
// keyword() checks that a name ends where the item does: "RFC822" never takes the start of
// "RFC822.SIZE", nor "BODY" of "BODYSTRUCTURE".
constexpr SimpleItem kSimpleItems[] = {
    {"ENVELOPE", Kind::Envelope},         {"FLAGS", Kind::Flags},
    {"INTERNALDATE", Kind::InternalDate}, {"RFC822.HEADER", Kind::Rfc822Header},
    {"RFC822.SIZE", Kind::Rfc822Size},    {"RFC822.TEXT", Kind::Rfc822Text},
    {"RFC822", Kind::Rfc822},             {"BODYSTRUCTURE", Kind::BodyStructure},
    {"UID", Kind::Uid},
};

bool parse_header_list(Parser& p, Section& s) {
  if (!p.sp() || !p.consume('(')) return false;
  s.label += " (";
  do {
    auto name = p.astring();
    if (!name || name->empty()) return false;
    if (s.fields.size()) s.label += ' ';
    s.label += imap_astring(*name);
    s.fields.push_back(*name);
  } while (p.sp());
  s.label += ')';
  return p.consume(')');
}

// section-msgtext / "MIME" (MIME only after part numbers).
bool parse_section_text(Parser& p, Section& s) {
  using T = Section::Text;
  if (p.keyword("HEADER.FIELDS.NOT")) {
    s.text = T::HeaderFieldsNot;
    s.label += "HEADER.FIELDS.NOT";
    return parse_header_list(p, s);
  }
  if (p.keyword("HEADER.FIELDS")) {
    s.text = T::HeaderFields;
    s.label += "HEADER.FIELDS";
    return parse_header_list(p, s);
  }
  if (p.keyword("HEADER")) return s.text = T::Header, s.label += "HEADER", true;
  if (p.keyword("TEXT")) return s.text = T::Text, s.label += "TEXT", true;
  if (!s.parts.empty() && p.keyword("MIME")) return s.text = T::Mime, s.label += "MIME", true;
  return false;
}

// "[" [section-spec] "]" after BODY or BODY.PEEK, then an optional <origin.count>.
bool parse_section(Parser& p, FetchItem& item) {
  Section& s = item.section;
  if (!p.consume(']')) {
    if (!p.peek_digit()) {
      if (!parse_section_text(p, s)) return false;
    } else {
      while (true) {  // section-part ["." section-text]
        auto n = p.nz_number();
        if (!n) return false;
        s.label += (s.parts.empty() ? "" : ".") + std::to_string(*n);
        s.parts.push_back(*n);
        if (!p.consume('.')) break;
        if (!p.peek_digit()) {
          s.label += '.';
          if (!parse_section_text(p, s)) return false;
          break;
        }
      }
    }
    if (!p.consume(']')) return false;
  }
  if (p.consume('<')) {
    auto origin = p.number();
    if (!origin || !p.consume('.')) return false;
    auto count = p.nz_number();
    if (!count || !p.consume('>')) return false;
    item.partial = std::make_pair(*origin, *count);
  }
  return true;
}

bool parse_item(Parser& p, FetchItem& item) {
  if (p.keyword("BODY.PEEK[")) {
    item.kind = Kind::Section;
    item.peek = true;
    return parse_section(p, item);
  }
  if (p.keyword("BODY[")) {
    item.kind = Kind::Section;
    return parse_section(p, item);
  }
  if (p.keyword("BODY")) return item.kind = Kind::Body, true;
  for (const auto& s : kSimpleItems)
    if (p.keyword(s.name)) return item.kind = s.kind, true;
  return false;
}

bool has_blank_line(std::string_view header) {
  return header == "\r\n" || (header.size() >= 4 && header.substr(header.size() - 4) == "\r\n\r\n");
}

std::string_view without_blank_line(std::string_view header) {
  if (has_blank_line(header)) header.remove_suffix(2);
  return header;
}

std::string header_subset(const BodyPart& m, const Section& s, bool wanted) {
  std::string out;
  for (const auto& f : m.fields) {
    bool listed = false;
    for (const auto& name : s.fields) listed = listed || iequals(f.name, name);
    if (listed == wanted) out += f.whole;
  }
  // RFC 3501 6.4.5: the blank line is included in all header fetches.
  if (has_blank_line(m.header)) out += "\r\n";
  return out;
}

// The part a list of part numbers names, or nullptr (RFC 3501 6.4.5: a non-multipart message
// has only a part 1; the numbers after a MESSAGE/RFC822 part's number count its message's parts).
const BodyPart* find_part(const BodyPart& message, const std::vector<std::uint32_t>& parts) {
  const BodyPart* node = &message;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::uint32_t n = parts[i];
    if (i > 0 && node->is_message()) {
      if (node->message.empty()) return nullptr;
      node = &node->message[0];
    } else if (i > 0 && !node->is_multipart()) {
      return nullptr;  // a leaf part has no parts below it
    }
    if (node->is_multipart() && !node->children.empty()) {
      if (n > node->children.size()) return nullptr;
      node = &node->children[n - 1];
    } else if (n != 1) {
      return nullptr;  // a non-multipart message: part 1 is its body
    }
  }
  return node;
}

// The section's text; nullopt when the message has no such part (answered NIL).
std::optional<std::string> section_text(const MessageData& d, const Section& s, const FetchFaults& f) {
  using T = Section::Text;
  const BodyPart* node = s.parts.empty() ? &d.structure : find_part(d.structure, s.parts);
  if (!node) return std::nullopt;
  if (s.text == T::None) return s.parts.empty() ? d.text : std::string(node->body);
  if (s.text == T::Mime) return std::string(node->header);
  // HEADER, HEADER.FIELDS[.NOT], TEXT: of the message, or of a MESSAGE/RFC822 part's message.
  const BodyPart* msg = node;
  if (!s.parts.empty()) {
    if (!node->is_message() || node->message.empty()) return std::nullopt;
    msg = &node->message[0];
  }
  switch (s.text) {
    case T::Header:
      return std::string(f.header_no_blank ? without_blank_line(msg->header) : msg->header);
    case T::HeaderFields: return header_subset(*msg, s, true);
    case T::HeaderFieldsNot: return header_subset(*msg, s, false);
    default: return std::string(msg->body);
  }
}

std::string section_item(const FetchItem& item, const MessageData& d, const FetchFaults& f) {
  std::string name = "BODY[" + item.section.label + "]";
  auto text = section_text(d, item.section, f);
  if (!text) return name + " NIL";
  std::string_view v = *text;
  if (item.partial) {
    const auto [origin, count] = *item.partial;
    v = origin >= v.size() ? std::string_view() : v.substr(origin, count);
    name += "<" + std::to_string(origin) + ">";
  }
  const bool whole = item.section.parts.empty() && item.section.text == Section::Text::None;
  if (whole && f.literal_short && !v.empty())  // announce n, send n - 1
    return name + " {" + std::to_string(v.size()) + "}\r\n" + std::string(v.substr(0, v.size() - 1));
  return name + " " + imap_literal(v);
}

std::string render_item(const FetchItem& item, const FetchMessage& m, const FetchFaults& f) {
  const MessageData& d = m.data;
  switch (item.kind) {
    case Kind::Envelope: return "ENVELOPE " + envelope(d.structure);
    case Kind::Flags: return "FLAGS " + imap_flag_list(m.flags, m.recent);
    case Kind::InternalDate: return "INTERNALDATE \"" + format_date_time(d.internal_date) + "\"";
    case Kind::Rfc822: return "RFC822 " + imap_literal(d.text);
    case Kind::Rfc822Header:
      return "RFC822.HEADER " + imap_literal(f.header_no_blank ? without_blank_line(d.structure.header)
                                                               : d.structure.header);
    case Kind::Rfc822Size: return "RFC822.SIZE " + std::to_string(f.size_lf ? d.lf_size() : d.size());
    case Kind::Rfc822Text: return "RFC822.TEXT " + imap_literal(d.structure.body);
    case Kind::Body: return "BODY " + body_structure(d.structure, {false, f.flat_structure});
    case Kind::BodyStructure: return "BODYSTRUCTURE " + body_structure(d.structure, {true, f.flat_structure});
    case Kind::Uid: return "UID " + std::to_string(m.uid);
    case Kind::Section: return section_item(item, d, f);
  }
  return "";
}
}  // namespace

bool parse_fetch_items(Parser& p, std::vector<FetchItem>& out) {
  auto simple = [&out](std::initializer_list<Kind> kinds) {
    for (Kind k : kinds) {
      FetchItem item;
      item.kind = k;
      out.push_back(std::move(item));
    }
    return true;
  };
  if (p.keyword("ALL")) return simple({Kind::Flags, Kind::InternalDate, Kind::Rfc822Size, Kind::Envelope});
  if (p.keyword("FAST")) return simple({Kind::Flags, Kind::InternalDate, Kind::Rfc822Size});
  if (p.keyword("FULL"))
    return simple({Kind::Flags, Kind::InternalDate, Kind::Rfc822Size, Kind::Envelope, Kind::Body});
  const bool list = p.consume('(');
  do {
    FetchItem item;
    if (!parse_item(p, item)) return false;
    out.push_back(std::move(item));
  } while (list && p.sp());
  return !list || p.consume(')');
}

std::string render_fetch(const std::vector<FetchItem>& items, const FetchMessage& m, bool add_uid,
                         bool add_flags, const FetchFaults& faults) {
  std::string out = std::to_string(m.seq) + " FETCH (";
  bool first = true, has_uid = false, has_flags = false;
  auto add = [&](const std::string& s) {
    if (!first) out += ' ';
    out += s;
    first = false;
  };
  for (const auto& i : items) {
    has_uid = has_uid || i.kind == Kind::Uid;
    has_flags = has_flags || i.kind == Kind::Flags;
  }
  if (add_uid && !has_uid) add("UID " + std::to_string(m.uid));
  for (const auto& i : items) add(render_item(i, m, faults));
  if (add_flags && !has_flags) add("FLAGS " + imap_flag_list(m.flags, m.recent));
  return out + ")";
}

}  // namespace fimapd
