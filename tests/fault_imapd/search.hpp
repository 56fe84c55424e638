// SEARCH (RFC 3501 6.4.4): the search keys parsed into a tree, and the test of one message
// against it. Strings match as case-insensitive substrings, of the raw text and of its decoded
// form (encoded-words in header fields, transfer encodings of text parts).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flags.hpp"
#include "message.hpp"
#include "parser.hpp"

namespace fimapd {

struct SearchKey {
  enum class Kind {
    All, And, Or, Not, SequenceSet, Uid,
    FlagSet, FlagUnset, Keyword, Unkeyword, New, Old, Recent,  // flags
    Before, On, Since, SentBefore, SentOn, SentSince,           // dates
    Larger, Smaller, Header, Body, Text,
  };
  Kind kind = Kind::All;
  std::vector<SearchKey> children;  // And, Or (two), Not (one)
  SequenceSet set;
  unsigned flag = 0;
  std::string field, value;         // Header (field, value), Body/Text/Keyword (value)
  long day = 0;
  std::uint32_t size = 0;
};

// What a message is tested with.
struct SearchSubject {
  std::uint32_t seq, uid;
  std::uint32_t max_seq, max_uid;  // what "*" stands for
  const MessageData& data;
  const Flags& flags;
  bool recent;
};

enum class SearchParse { Ok, Bad, BadCharset };

// Reads "[CHARSET astring SP] search-key *(SP search-key)" to the end of the arguments.
// ignore_not: fault search-ignores-not.
SearchParse parse_search(Parser& p, SearchKey& out, std::string& error, bool ignore_not);
bool search_matches(const SearchKey& key, const SearchSubject& m);

}  // namespace fimapd
