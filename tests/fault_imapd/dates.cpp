#include "dates.hpp"

#include <array>
#include <cctype>
#include <cstdio>

#include "text.hpp"

namespace fimapd {

namespace {
constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::optional<int> month_number(std::string_view name) {
  for (std::size_t i = 0; i < kMonths.size(); ++i)
    if (iequals(name, kMonths[i])) return static_cast<int>(i) + 1;
  return std::nullopt;
}

// 1..max_digits decimal digits at the start of s (consumed); nullopt when there are none.
std::optional<int> take_number(std::string_view& s, std::size_t max_digits) {
  std::size_t n = 0;
  int v = 0;
  while (n < s.size() && n < max_digits && std::isdigit(static_cast<unsigned char>(s[n])))
    v = v * 10 + (s[n++] - '0');
  if (n == 0) return std::nullopt;
  s.remove_prefix(n);
  return v;
}

bool take_char(std::string_view& s, char c) {
  if (s.empty() || s.front() != c) return false;
  s.remove_prefix(1);
  return true;
}

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

bool valid_date(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= days_in_month(year, month);
}

// Civil date of a day number (Howard Hinnant's algorithm).
void civil_from_days(long z, int& year, int& month, int& day) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
}

long floor_div(long a, long b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }

// "+hhmm" / "-hhmm" as minutes east of UTC.
std::optional<int> numeric_zone(std::string_view z) {
  if (z.size() != 5 || (z[0] != '+' && z[0] != '-')) return std::nullopt;
  for (std::size_t i = 1; i < 5; ++i)
    if (!std::isdigit(static_cast<unsigned char>(z[i]))) return std::nullopt;
  const int hh = (z[1] - '0') * 10 + (z[2] - '0'), mm = (z[3] - '0') * 10 + (z[4] - '0');
  if (mm > 59) return std::nullopt;
  return (z[0] == '-' ? -1 : 1) * (hh * 60 + mm);
}
}  // namespace

long days_from_civil(int year, int month, int day) {
  const long y = year - (month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

long ZonedTime::local_day() const {
  return floor_div(static_cast<long>(utc) + zone_minutes * 60L, 86400);
}

std::optional<long> parse_search_date(std::string_view s) {
  auto day = take_number(s, 2);
  if (!day || !take_char(s, '-') || s.size() < 4) return std::nullopt;
  auto month = month_number(s.substr(0, 3));
  s.remove_prefix(3);
  if (!month || !take_char(s, '-')) return std::nullopt;
  auto year = take_number(s, 4);
  if (!year || !s.empty() || !valid_date(*year, *month, *day)) return std::nullopt;
  return days_from_civil(*year, *month, *day);
}

std::optional<ZonedTime> parse_date_time(std::string_view s) {
  // date-day-fixed = (SP DIGIT) / 2DIGIT; a lone digit is tolerated
  if (s.size() != 26 && s.size() != 25) return std::nullopt;  // 25: a client's "1-Jan-..."
  if (s[0] == ' ') s.remove_prefix(1);
  auto day = take_number(s, 2);
  if (!day || !take_char(s, '-') || s.size() < 3) return std::nullopt;
  auto month = month_number(s.substr(0, 3));
  s.remove_prefix(3);
  if (!month || !take_char(s, '-')) return std::nullopt;
  auto year = take_number(s, 4);
  if (!year || !take_char(s, ' ')) return std::nullopt;
  std::optional<int> hh, mm, ss;
  if (!(hh = take_number(s, 2)) || !take_char(s, ':') || !(mm = take_number(s, 2)) ||
      !take_char(s, ':') || !(ss = take_number(s, 2)) || !take_char(s, ' '))
    return std::nullopt;
  auto zone = numeric_zone(s);
  if (!zone || !valid_date(*year, *month, *day) || *hh > 23 || *mm > 59 || *ss > 60)
    return std::nullopt;
  ZonedTime t;
  t.zone_minutes = *zone;
  const long local = days_from_civil(*year, *month, *day) * 86400L + *hh * 3600L + *mm * 60L + *ss;
  t.utc = static_cast<std::time_t>(local - *zone * 60L);
  return t;
}

std::string format_date_time(const ZonedTime& t) {
  const long local = static_cast<long>(t.utc) + t.zone_minutes * 60L;
  const long day = floor_div(local, 86400);
  const long secs = local - day * 86400;
  int y, m, d;
  civil_from_days(day, y, m, d);
  const int z = t.zone_minutes < 0 ? -t.zone_minutes : t.zone_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%02d-%s-%04d %02ld:%02ld:%02ld %c%02d%02d", d, kMonths[m - 1], y,
                secs / 3600, secs / 60 % 60, secs % 60, t.zone_minutes < 0 ? '-' : '+', z / 60,
                z % 60);
  return buf;
}

std::optional<long> parse_header_date(std::string_view v) {
  // Only the date matters (SEARCH SENT*: "disregarding time and timezone"), so the zone and
  // the time are not needed: [day-of-week ","] day month year ...
  std::string cleaned;  // comments dropped, folding whitespace made single spaces
  int depth = 0;
  for (char c : v) {
    if (c == '(') ++depth;
    else if (c == ')' && depth > 0) --depth;
    else if (depth == 0) cleaned += (c == '\t' || c == '\r' || c == '\n') ? ' ' : c;
  }
  std::string_view s = trim(cleaned);
  if (auto comma = s.find(','); comma != std::string_view::npos && comma <= 10)
    s = trim(s.substr(comma + 1));
  auto day = take_number(s, 2);
  s = trim(s);
  if (!day || s.size() < 3) return std::nullopt;
  auto month = month_number(s.substr(0, 3));
  s.remove_prefix(3);
  while (!s.empty() && std::isalpha(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  s = trim(s);
  const std::size_t before = s.size();
  auto year = take_number(s, 4);
  if (!month || !year) return std::nullopt;
  if (before - s.size() <= 2) *year += *year < 50 ? 2000 : 1900;  // RFC 2822 4.3 obs-year
  else if (before - s.size() == 3) *year += 1900;
  if (!valid_date(*year, *month, *day)) return std::nullopt;
  return days_from_civil(*year, *month, *day);
}

}  // namespace fimapd
