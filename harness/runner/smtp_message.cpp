#include "runner/smtp_message.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <thread>

namespace rfcheck {
namespace {

namespace fs = std::filesystem;

std::string lf_only(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    out += text[i];
  }
  return out;
}

std::string read_file(const fs::path& path, std::size_t limit) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return {};
  std::ifstream in(path, std::ios::binary);
  std::string data;
  data.resize(std::min<std::size_t>(size, limit));
  in.read(data.data(), static_cast<std::streamsize>(limit));
  data.resize(static_cast<std::size_t>(in.gcount()));
  return data;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string smtp_data_content(const std::string& text) {
  std::string out;
  out.reserve(text.size() + 8);
  bool line_start = true;
  for (char c : text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = c == '\n';
  }
  if (!ends_with(out, "\r\n")) out += "\r\n";
  return out + ".\r\n";
}

MailboxMatch find_delivered(const std::string& maildir, const std::string& message,
                            net::Deadline deadline) {
  // A delivered message ends in a line end; the sent text may not (send_message adds it).
  std::string wanted = lf_only(message);
  if (wanted.empty() || wanted.back() != '\n') wanted += '\n';
  constexpr std::size_t kMaxMessage = 64 << 20;
  MailboxMatch match;
  for (;;) {
    std::optional<fs::file_time_type> newest;
    for (const char* sub : {"new", "cur"}) {
      std::error_code ec;
      for (auto it = fs::directory_iterator(fs::path(maildir) / sub, ec);
           !ec && it != fs::directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec)) continue;
        ++match.scanned;
        const std::string content = lf_only(read_file(it->path(), kMaxMessage));
        if (ends_with(content, wanted)) {
          match.found = true;
          match.file = it->path().string();
          return match;
        }
        const auto when = it->last_write_time(ec);
        if (!ec && (!newest || when >= *newest)) {
          newest = when;
          match.closest = content.size() > 600 ? content.substr(content.size() - 600) : content;
        }
      }
    }
    if (net::Clock::now() >= deadline) return match;
    match.scanned = 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

}  // namespace rfcheck
