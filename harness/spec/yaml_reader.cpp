#include "spec/yaml_reader.h"

#include <algorithm>
#include <charconv>
#include <cstring>

namespace rfcheck::spec {

std::optional<YAML::Node> parse_yaml_file(const std::string& path, LoadErrors& errors) {
  try {
    return YAML::LoadFile(path);
  } catch (const YAML::ParserException& e) {
    errors.push_back({e.msg, {path, e.mark.line + 1, e.mark.column + 1}});
  } catch (const YAML::BadFile&) {
    errors.push_back({"cannot read file", {path, 0, 0}});
  } catch (const YAML::Exception& e) {
    errors.push_back({e.what(), {path, 0, 0}});
  }
  return std::nullopt;
}

SourceLocation YamlReader::where(const YAML::Node& node) const {
  SourceLocation loc;
  loc.file = file_;
  const YAML::Mark mark = node.Mark();
  if (!mark.is_null()) {
    loc.line = mark.line + 1;
    loc.column = mark.column + 1;
  }
  return loc;
}

void YamlReader::error(const YAML::Node& node, std::string message) {
  errors_.push_back({std::move(message), where(node)});
}

bool YamlReader::check_keys(const YAML::Node& node, std::initializer_list<const char*> allowed,
                            std::initializer_list<const char*> required,
                            const std::string& what) {
  if (!node.IsMap()) {
    error(node, what + " must be a mapping");
    return false;
  }
  bool ok = true;
  std::vector<std::string> seen;
  for (const auto& entry : node) {
    const YAML::Node& key = entry.first;
    if (!key.IsScalar()) {
      error(key, what + ": keys must be plain words");
      ok = false;
      continue;
    }
    const std::string name = key.Scalar();
    // yaml-cpp keeps both entries and lookups see only one: a silent loss, so an error.
    if (std::find(seen.begin(), seen.end(), name) != seen.end()) {
      error(key, "duplicate key '" + name + "' in " + what);
      ok = false;
    }
    seen.push_back(name);
    const bool known = std::any_of(allowed.begin(), allowed.end(),
                                   [&](const char* a) { return name == a; });
    if (!known) {
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      error(key, "unknown key '" + name + "' in " + what + " (allowed: " + list + ")");
      ok = false;
    }
  }
  for (const char* r : required) {
    if (!node[r]) {
      error(node, what + " is missing required key '" + r + "'");
      ok = false;
    }
  }
  return ok;
}

std::optional<std::string> YamlReader::string(const YAML::Node& node, const std::string& what) {
  if (!node.IsScalar()) {
    error(node, what + " must be a string");
    return std::nullopt;
  }
  return node.Scalar();
}

std::optional<bool> YamlReader::boolean(const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true") return true;
    if (s == "false") return false;
  }
  error(node, what + " must be true or false");
  return std::nullopt;
}

std::optional<long long> YamlReader::integer(const YAML::Node& node, const std::string& what) {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    long long value = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec == std::errc() && ptr == s.data() + s.size()) return value;
  }
  error(node, what + " must be a whole number");
  return std::nullopt;
}

std::optional<std::vector<std::string>> YamlReader::string_list(const YAML::Node& node,
                                                                const std::string& what) {
  if (!node.IsSequence()) {
    error(node, what + " must be a list");
    return std::nullopt;
  }
  std::vector<std::string> out;
  for (const auto& item : node) {
    auto s = string(item, what + " item");
    if (!s) return std::nullopt;
    out.push_back(*s);
  }
  return out;
}

std::optional<std::chrono::milliseconds> parse_duration(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 9) return std::nullopt;
  const long long n = std::stoll(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  if (unit == "ms") return std::chrono::milliseconds(n);
  if (unit == "s") return std::chrono::milliseconds(n * 1000);
  if (unit == "m") return std::chrono::milliseconds(n * 60'000);
  if (unit == "h") return std::chrono::milliseconds(n * 3'600'000);
  return std::nullopt;
}

std::optional<std::size_t> parse_byte_size(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits == 0 || digits > 12) return std::nullopt;
  const std::size_t n = std::stoull(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  if (unit.empty() || unit == "B") return n;
  if (unit == "KiB") return n << 10;
  if (unit == "MiB") return n << 20;
  if (unit == "GiB") return n << 30;
  return std::nullopt;
}

std::optional<std::chrono::milliseconds> YamlReader::duration(const YAML::Node& node,
                                                              const std::string& what) {
  if (node.IsScalar()) {
    if (auto d = parse_duration(node.Scalar())) return d;
  }
  error(node, what + " must be a duration like 500ms, 5s or 2m");
  return std::nullopt;
}

std::optional<CodeSet> YamlReader::codes(const YAML::Node& node, const std::string& what) {
  CodeSet set;
  auto add_item = [&](const YAML::Node& item) {
    if (item.IsScalar()) {
      if (auto one = CodeSet::parse_item(item.Scalar())) {
        set.add(*one);
        return true;
      }
    }
    error(item, what + ": '" + (item.IsScalar() ? item.Scalar() : std::string("?")) +
                    "' is not a reply code (220) or class (2xx, 55x)");
    return false;
  };
  if (node.IsSequence()) {
    if (node.size() == 0) {
      error(node, what + " must not be empty");
      return std::nullopt;
    }
    for (const auto& item : node) {
      if (!add_item(item)) return std::nullopt;
    }
    return set;
  }
  if (!add_item(node)) return std::nullopt;
  return set;
}

}  // namespace rfcheck::spec
