#include "runner/fixture_variables.h"

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

std::map<std::string, std::string> fixture_variables(const std::vector<FixtureFile>& files) {
  std::map<std::string, std::string> vars;
  for (const auto& f : files) {
    const std::string prefix = "files." + f.key + ".";
    vars[prefix + "name"] = f.name;
    vars[prefix + "size"] = std::to_string(f.content.size());
    vars[prefix + "sha256"] = sha256_hex(f.content);
    vars[prefix + "crlf_sha256"] = sha256_hex(to_crlf(f.content));
  }
  return vars;
}

}  // namespace rfcheck
