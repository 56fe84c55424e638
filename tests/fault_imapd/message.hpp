// One message's immutable data: its text as IMAP sends it (CRLF line ends), internal date and
// parsed MIME structure. Shared (std::shared_ptr) by the mailbox, by the sessions that still
// see the message after another session expunged it, and by COPY's copies.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "dates.hpp"
#include "mime.hpp"

namespace fimapd {

class MessageData {
 public:
  MessageData(std::string crlf_text, ZonedTime internal_date);
  MessageData(const MessageData&) = delete;  // structure points into text
  MessageData& operator=(const MessageData&) = delete;

  const std::string text;       // RFC822 form, CRLF line ends
  const ZonedTime internal_date;
  const BodyPart structure;     // views into text
  const std::optional<long> sent_day;  // the Date field's date (SEARCH SENT*), if it parses
  std::size_t size() const { return text.size(); }
  std::size_t lf_size() const;  // each CRLF counted as one octet (fault size-lf)
};

}  // namespace fimapd
