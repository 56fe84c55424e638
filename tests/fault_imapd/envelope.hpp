// ENVELOPE, BODY and BODYSTRUCTURE (RFC 3501 7.4.2) of a parsed message.
#pragma once

#include <string>

#include "mime.hpp"

namespace fimapd {

// (date subject from sender reply-to to cc bcc in-reply-to message-id) of a message's header.
std::string envelope(const BodyPart& message);

struct StructureStyle {
  bool extensible = true;  // BODYSTRUCTURE (true) or BODY (false: no extension data)
  bool flatten = false;    // fault bodystructure-flat: nested multiparts merged into the parent
};
// The body structure of a message (or of an encapsulated message).
std::string body_structure(const BodyPart& message, const StructureStyle& style);

}  // namespace fimapd
