#include "search.hpp"

#include "decode.hpp"
#include "text.hpp"

namespace fimapd {

namespace {
constexpr int kMaxNesting = 64;  // "NOT NOT NOT ..." and nested parentheses

using Kind = SearchKey::Kind;

struct SearchParser {
  Parser& p;
  std::string& error;
  bool ignore_not;

  bool fail(const std::string& why) {
    error = why;
    return false;
  }

  bool key(SearchKey& k, int depth);

  // Keys separated by SP until `closing` (or the end of the arguments when it is 0).
  bool key_list(SearchKey& k, char closing, int depth) {
    k.kind = Kind::And;
    do {
      SearchKey child;
      if (!key(child, depth + 1)) return false;
      k.children.push_back(std::move(child));
    } while (p.sp());
    if (closing ? !p.consume(closing) : !p.at_end()) return fail("syntax error in the search keys");
    return true;
  }

  bool astring_arg(std::string& out) {
    auto s = p.sp() ? p.astring() : std::nullopt;
    if (!s) return fail("a string was expected");
    out = *s;
    return true;
  }

  bool date_arg(long& out) {
    auto d = p.sp() ? p.search_date() : std::nullopt;
    if (!d) return fail("a date (d-Mon-yyyy) was expected");
    out = *d;
    return true;
  }

  bool sub_keys(SearchKey& k, std::size_t count, int depth) {
    for (std::size_t i = 0; i < count; ++i) {
      SearchKey child;
      if (!p.sp() || !key(child, depth + 1)) return error.empty() ? fail("search key expected") : false;
      k.children.push_back(std::move(child));
    }
    return true;
  }

  bool named_key(const std::string& name, SearchKey& k, int depth);
};

struct FlagKey {
  const char* name;
  unsigned flag;
  bool set;
};
constexpr FlagKey kFlagKeys[] = {
    {"ANSWERED", kAnswered, true},  {"DELETED", kDeleted, true},    {"DRAFT", kDraft, true},
    {"FLAGGED", kFlagged, true},    {"SEEN", kSeen, true},          {"UNANSWERED", kAnswered, false},
    {"UNDELETED", kDeleted, false}, {"UNDRAFT", kDraft, false},     {"UNFLAGGED", kFlagged, false},
    {"UNSEEN", kSeen, false},
};

struct DateKey {
  const char* name;
  Kind kind;
};
constexpr DateKey kDateKeys[] = {
    {"BEFORE", Kind::Before},         {"ON", Kind::On},         {"SINCE", Kind::Since},
    {"SENTBEFORE", Kind::SentBefore}, {"SENTON", Kind::SentOn}, {"SENTSINCE", Kind::SentSince},
};

// FROM, TO, ... are HEADER searches of that field.
constexpr const char* kHeaderKeys[] = {"BCC", "CC", "FROM", "SUBJECT", "TO"};

bool SearchParser::key(SearchKey& k, int depth) {
  if (depth > kMaxNesting) return fail("search keys nested too deeply");
  if (p.consume('(')) return key_list(k, ')', depth);
  const std::size_t start = p.position();
  if (auto set = p.sequence_set()) {
    k.kind = Kind::SequenceSet;
    k.set = *set;
    return true;
  }
  p.rewind(start);
  auto name = p.atom();
  if (!name) return fail("search key expected");
  return named_key(upper(*name), k, depth);
}

bool SearchParser::named_key(const std::string& name, SearchKey& k, int depth) {
  for (const auto& f : kFlagKeys)
    if (name == f.name) {
      k.kind = f.set ? Kind::FlagSet : Kind::FlagUnset;
      k.flag = f.flag;
      return true;
    }
  for (const auto& d : kDateKeys)
    if (name == d.name) {
      k.kind = d.kind;
      return date_arg(k.day);
    }
  for (const char* h : kHeaderKeys)
    if (name == h) {
      k.kind = Kind::Header;
      k.field = h;
      return astring_arg(k.value);
    }
  if (name == "ALL") return k.kind = Kind::All, true;
  if (name == "NEW") return k.kind = Kind::New, true;
  if (name == "OLD") return k.kind = Kind::Old, true;
  if (name == "RECENT") return k.kind = Kind::Recent, true;
  if (name == "BODY") return k.kind = Kind::Body, astring_arg(k.value);
  if (name == "TEXT") return k.kind = Kind::Text, astring_arg(k.value);
  if (name == "KEYWORD" || name == "UNKEYWORD") {
    k.kind = name == "KEYWORD" ? Kind::Keyword : Kind::Unkeyword;
    auto kw = p.sp() ? p.atom() : std::nullopt;
    if (!kw) return fail("a keyword was expected");
    k.value = *kw;
    return true;
  }
  if (name == "HEADER") {
    k.kind = Kind::Header;
    return astring_arg(k.field) && astring_arg(k.value);
  }
  if (name == "LARGER" || name == "SMALLER") {
    k.kind = name == "LARGER" ? Kind::Larger : Kind::Smaller;
    auto n = p.sp() ? p.number() : std::nullopt;
    if (!n) return fail("a number was expected");
    k.size = *n;
    return true;
  }
  if (name == "UID") {
    k.kind = Kind::Uid;
    auto set = p.sp() ? p.sequence_set() : std::nullopt;
    if (!set) return fail("a UID set was expected");
    k.set = *set;
    return true;
  }
  if (name == "NOT") {
    k.kind = ignore_not ? Kind::And : Kind::Not;  // the fault: NOT k is k
    return sub_keys(k, 1, depth);
  }
  if (name == "OR") {
    k.kind = Kind::Or;
    return sub_keys(k, 2, depth);
  }
  return fail("unknown search key " + name);
}

// Every occurrence of the field: raw (unfolded) or decoded, contains the value.
bool header_contains(const BodyPart& m, const std::string& field, const std::string& value) {
  for (const auto& f : m.fields) {
    if (!iequals(f.name, field)) continue;
    const std::string raw = unfold(f.value);
    if (icontains(raw, value) || icontains(decode_header_value(raw), value)) return true;
  }
  return false;
}

// The body as written, or any text part of it decoded.
bool body_contains(const BodyPart& part, const std::string& value, int depth = 0) {
  if (depth == 0 && icontains(part.body, value)) return true;
  if (depth > kMaxDepth) return false;
  for (const auto& child : part.children)
    if (body_contains(child, value, depth + 1)) return true;
  for (const auto& inner : part.message)
    if (icontains(inner.header, value) || body_contains(inner, value, depth + 1)) return true;
  if (part.children.empty() && part.message.empty() && part.type == "text")
    return icontains(decoded_body(part), value);
  return false;
}

bool header_text_contains(const BodyPart& m, const std::string& value) {
  if (icontains(m.header, value)) return true;
  for (const auto& f : m.fields)
    if (icontains(decode_header_value(unfold(f.value)), value)) return true;
  return false;
}
}  // namespace

SearchParse parse_search(Parser& p, SearchKey& out, std::string& error, bool ignore_not) {
  if (p.keyword("CHARSET")) {
    auto charset = p.sp() ? p.astring() : std::nullopt;
    if (!charset || !p.sp()) {
      error = "syntax: SEARCH CHARSET name key...";
      return SearchParse::Bad;
    }
    // Strings are matched as octets, which serves both of these.
    if (!iequals(*charset, "US-ASCII") && !iequals(*charset, "UTF-8")) return SearchParse::BadCharset;
  }
  SearchParser sp{p, error, ignore_not};
  return sp.key_list(out, 0, 0) ? SearchParse::Ok : SearchParse::Bad;
}

bool search_matches(const SearchKey& k, const SearchSubject& m) {
  const BodyPart& msg = m.data.structure;
  switch (k.kind) {
    case Kind::All: return true;
    case Kind::And:
      for (const auto& c : k.children)
        if (!search_matches(c, m)) return false;
      return true;
    case Kind::Or: return search_matches(k.children[0], m) || search_matches(k.children[1], m);
    case Kind::Not: return !search_matches(k.children[0], m);
    case Kind::SequenceSet: return k.set.contains(m.seq, m.max_seq);
    case Kind::Uid: return k.set.contains(m.uid, m.max_uid);
    case Kind::FlagSet: return m.flags.has(k.flag);
    case Kind::FlagUnset: return !m.flags.has(k.flag);
    case Kind::Keyword: return m.flags.has_keyword(k.value);
    case Kind::Unkeyword: return !m.flags.has_keyword(k.value);
    case Kind::New: return m.recent && !m.flags.has(kSeen);
    case Kind::Old: return !m.recent;
    case Kind::Recent: return m.recent;
    case Kind::Before: return m.data.internal_date.local_day() < k.day;
    case Kind::On: return m.data.internal_date.local_day() == k.day;
    case Kind::Since: return m.data.internal_date.local_day() >= k.day;
    // No parseable Date field: the internal date stands in for it.
    case Kind::SentBefore: return m.data.sent_day.value_or(m.data.internal_date.local_day()) < k.day;
    case Kind::SentOn: return m.data.sent_day.value_or(m.data.internal_date.local_day()) == k.day;
    case Kind::SentSince: return m.data.sent_day.value_or(m.data.internal_date.local_day()) >= k.day;
    case Kind::Larger: return m.data.size() > k.size;
    case Kind::Smaller: return m.data.size() < k.size;
    case Kind::Header: return header_contains(msg, k.field, k.value);
    case Kind::Body: return body_contains(msg, k.value);
    case Kind::Text: return header_text_contains(msg, k.value) || body_contains(msg, k.value);
  }
  return false;
}

}  // namespace fimapd
