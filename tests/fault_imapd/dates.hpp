// Dates of IMAP (RFC 3501 9: date, date-time) and of the RFC 2822 Date header field, as day
// numbers for SEARCH's date keys and as instants with a zone for INTERNALDATE.
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

namespace fimapd {

// Days since 1970-01-01 of a civil date (proleptic Gregorian).
long days_from_civil(int year, int month, int day);

// An instant and the zone it was given in (minutes east of UTC): INTERNALDATE keeps the zone
// of APPEND's date-time.
struct ZonedTime {
  std::time_t utc = 0;
  int zone_minutes = 0;
  long local_day() const;  // the date in its own zone, as days since the epoch
};

// RFC 3501 date-text "1-Feb-1994" (the caller removed any quotes); nullopt when invalid.
std::optional<long> parse_search_date(std::string_view text);
// RFC 3501 date-time "dd-Mon-yyyy hh:mm:ss +zzzz" without the quotes; day may be " 1" or "01".
std::optional<ZonedTime> parse_date_time(std::string_view text);
// "dd-Mon-yyyy hh:mm:ss +zzzz" (INTERNALDATE), in the time's own zone.
std::string format_date_time(const ZonedTime& t);
// The date of an RFC 2822 (or RFC 822) Date field, in the field's own zone; obsolete forms
// (two-digit years, named zones, comments) are accepted.
std::optional<long> parse_header_date(std::string_view value);

}  // namespace fimapd
