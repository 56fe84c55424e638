// Decoding for SEARCH (RFC 3501 6.4.4 matches strings in the message's text): header values
// with RFC 2047 encoded-words and bodies in quoted-printable or base64 (RFC 2045 6), turned
// into UTF-8 when the charset is UTF-8, US-ASCII or ISO-8859-1 (other charsets: octets as
// they are). Lenient: what does not decode is kept as written.
#pragma once

#include <string>
#include <string_view>

#include "mime.hpp"

namespace fimapd {

std::string decode_header_value(std::string_view value);
// A leaf part's body without its Content-Transfer-Encoding, in UTF-8 when its charset allows.
std::string decoded_body(const BodyPart& part);

}  // namespace fimapd
