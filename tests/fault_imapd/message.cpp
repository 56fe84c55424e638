#include "message.hpp"

namespace fimapd {

namespace {
std::optional<long> date_field_day(const BodyPart& m) {
  auto date = m.field("Date");
  return date ? parse_header_date(*date) : std::nullopt;
}
}  // namespace

MessageData::MessageData(std::string crlf_text, ZonedTime internal)
    : text(std::move(crlf_text)),
      internal_date(internal),
      structure(parse_message(text)),
      sent_day(date_field_day(structure)) {}

std::size_t MessageData::lf_size() const {
  std::size_t crlf = 0;
  for (std::size_t i = 0; i + 1 < text.size(); ++i)
    if (text[i] == '\r' && text[i + 1] == '\n') ++crlf;
  return text.size() - crlf;
}

}  // namespace fimapd
