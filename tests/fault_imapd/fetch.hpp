// FETCH data items (RFC 3501 6.4.5, 7.4.2): parsing the items a client asks for, and writing
// one message's FETCH response. Message texts always go out as literals.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "flags.hpp"
#include "message.hpp"
#include "parser.hpp"

namespace fimapd {

struct Section {
  enum class Text { None, Header, HeaderFields, HeaderFieldsNot, Text, Mime };
  std::vector<std::uint32_t> parts;  // "1.2" is {1, 2}
  Text text = Text::None;
  std::vector<std::string> fields;   // HEADER.FIELDS[.NOT] names
  std::string label;                 // the section as the response repeats it
};

struct FetchItem {
  enum class Kind {
    Envelope, Flags, InternalDate, Rfc822, Rfc822Header, Rfc822Size, Rfc822Text,
    Body, BodyStructure, Uid, Section,
  };
  Kind kind = Kind::Flags;
  bool peek = false;  // BODY.PEEK[...]
  Section section;
  std::optional<std::pair<std::uint32_t, std::uint32_t>> partial;  // <origin.count>

  // RFC 3501 6.4.5: BODY[...], RFC822 and RFC822.TEXT set \Seen; the PEEK forms do not.
  bool sets_seen() const {
    return kind == Kind::Rfc822 || kind == Kind::Rfc822Text || (kind == Kind::Section && !peek);
  }
};

// The fetch argument: a macro (ALL, FAST, FULL), one item, or a parenthesized list.
bool parse_fetch_items(Parser& p, std::vector<FetchItem>& out);

struct FetchFaults {
  bool literal_short = false;    // BODY[] sends one octet less than announced
  bool size_lf = false;          // RFC822.SIZE counts LF line ends
  bool flat_structure = false;   // nested multiparts flattened
  bool header_no_blank = false;  // BODY[HEADER], RFC822.HEADER without the blank line
};

struct FetchMessage {
  std::uint32_t seq, uid;
  const MessageData& data;
  const Flags& flags;
  bool recent;
};

// "n FETCH (...)": the items in the order asked; with add_uid a UID item first when none was
// asked (UID FETCH), with add_flags a FLAGS item last when none was asked (\Seen just set).
std::string render_fetch(const std::vector<FetchItem>& items, const FetchMessage& m, bool add_uid,
                         bool add_flags, const FetchFaults& faults);

}  // namespace fimapd
