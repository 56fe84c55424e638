// A small MIME parser (RFC 2045, RFC 2046, RFC 2822 header fields) for BODYSTRUCTURE, ENVELOPE,
// BODY[section] and SEARCH: it splits a message (CRLF line ends) into its header fields and a
// tree of body parts, remembering where each header and body lies in the message text.
// Malformed input never fails: a missing boundary ends the part at the end of the text, a
// broken Content-Type counts as text/plain, and nesting stops at kMaxDepth.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fimapd {

struct HeaderField {
  std::string_view name;   // as written
  std::string_view value;  // after the ':', still folded
  std::string_view whole;  // the field's lines with their CRLF (HEADER.FIELDS copies these)
};

using Params = std::vector<std::pair<std::string, std::string>>;  // name as written, value unquoted

struct BodyPart {
  std::string_view header;  // header lines, with the blank line after them when there is one
  std::string_view body;    // what follows the blank line
  std::vector<HeaderField> fields;
  std::string type = "text", subtype = "plain";  // lower case
  Params params;
  bool default_type = true;  // no (valid) Content-Type field: text/plain; charset=us-ascii
  std::vector<BodyPart> children;  // multipart/*: the body parts, in order
  std::vector<BodyPart> message;   // message/rfc822: one element, the encapsulated message

  bool is_multipart() const { return type == "multipart"; }
  bool is_message() const { return type == "message" && subtype == "rfc822"; }
  // The first field of that name (case-insensitive), unfolded and trimmed.
  std::optional<std::string> field(std::string_view name) const;
  std::optional<std::string> param(std::string_view name) const;
};

constexpr int kMaxDepth = 24;  // deeper parts are taken as leaves (hostile APPEND data)

// The whole message: header, body and its parts.
BodyPart parse_message(std::string_view text);

// RFC 2822 2.2.3: CRLF followed by white space is removed (the white space stays).
std::string unfold(std::string_view value);
// RFC 2045 5.1: "type/subtype *(; name=value)" with comments; false when it is not valid.
bool parse_content_type(std::string_view value, std::string& type, std::string& subtype,
                        Params& params);
// "value *(; name=value)" of Content-Disposition: the value (lower case) and the parameters.
bool parse_disposition(std::string_view value, std::string& kind, Params& params);
// The number of lines of a body: its line ends, plus one for a last line without one.
std::size_t count_lines(std::string_view body);

}  // namespace fimapd
