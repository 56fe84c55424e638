#include "runner/fixture_variables.h"

#include <cstring>

#include "runner/sha256.h"

namespace rfcheck {

std::string to_crlf(const std::string& in) {
  std::string out;
  out.reserve(in.size() + in.size() / 16);
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] == '\n' && (i == 0 || in[i - 1] != '\r')) out += '\r';
    out += in[i];
  }
  return out;
}

namespace {

// sha256_hex(to_crlf(text)) without making the converted copy: fixture files run to
// megabytes.
std::string crlf_sha256_hex(std::string_view text) {
  Sha256 hash;
  std::size_t from = 0;
  while (from < text.size()) {
    const auto* lf = static_cast<const char*>(std::memchr(text.data() + from, '\n', text.size() - from));
    const std::size_t end = lf ? static_cast<std::size_t>(lf - text.data()) : text.size();
    hash.update(text.substr(from, end - from));
    if (!lf) break;
    hash.update(end == 0 || text[end - 1] != '\r' ? "\r\n" : "\n");
    from = end + 1;
  }
  return hash.hex();
}

}  // namespace

std::map<std::string, std::string> fixture_variables(const std::vector<FixtureFile>& files) {
  std::map<std::string, std::string> vars;
  for (const auto& f : files) {
    const std::string prefix = "files." + f.key + ".";
    vars[prefix + "name"] = f.name;
    vars[prefix + "size"] = std::to_string(f.content.size());
    vars[prefix + "sha256"] = sha256_hex(f.content);
    vars[prefix + "crlf_sha256"] = crlf_sha256_hex(f.content);
  }
  return vars;
}

std::map<std::string, std::string> maildrop_variables(const std::vector<MaildropMessage>& messages) {
  std::map<std::string, std::string> vars;
  if (messages.empty()) return vars;
  std::size_t total = 0;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    const auto& m = messages[i];
    const std::size_t octets = m.crlf().size();
    total += octets;
    vars["msg." + m.key + ".number"] = std::to_string(i + 1);
    vars["msg." + m.key + ".octets"] = std::to_string(octets);
    vars["msg." + m.key + ".lines"] = std::to_string(m.body_lines());
  }
  vars["maildrop.count"] = std::to_string(messages.size());
  vars["maildrop.octets"] = std::to_string(total);
  return vars;
}

}  // namespace rfcheck
