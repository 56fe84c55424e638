// Strict reading of yaml-cpp nodes: every mistake becomes a LoadError with file:line:col,
// and unknown keys are errors (Tavern's habit). Private to the spec layer.
#pragma once

#include <yaml-cpp/yaml.h>

#include <chrono>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "core/code_set.h"
#include "spec/load_error.h"

namespace rfcheck::spec {

class YamlReader {
 public:
  YamlReader(std::string file, LoadErrors& errors) : file_(std::move(file)), errors_(errors) {}

  SourceLocation where(const YAML::Node& node) const;
  void error(const YAML::Node& node, std::string message);
  const std::string& file() const { return file_; }

  // The node must be a mapping whose keys are all in `allowed`; `required` must be present.
  bool check_keys(const YAML::Node& node, std::initializer_list<const char*> allowed,
                  std::initializer_list<const char*> required, const std::string& what);

  std::optional<std::string> string(const YAML::Node& node, const std::string& what);
  std::optional<bool> boolean(const YAML::Node& node, const std::string& what);
  std::optional<long long> integer(const YAML::Node& node, const std::string& what);
  std::optional<std::vector<std::string>> string_list(const YAML::Node& node,
                                                      const std::string& what);
  // "5s", "200ms", "2m"
  std::optional<std::chrono::milliseconds> duration(const YAML::Node& node,
                                                    const std::string& what);
  // 220, "2xx", [125, 150, "2xx"]
  std::optional<CodeSet> codes(const YAML::Node& node, const std::string& what);

 private:
  std::string file_;
  LoadErrors& errors_;
};

// Parses a YAML file; a syntax error or an unreadable file is one LoadError, never a throw.
std::optional<YAML::Node> parse_yaml_file(const std::string& path, LoadErrors& errors);

// Parses "512MiB", "1GiB", "4096" into bytes.
std::optional<std::size_t> parse_byte_size(const std::string& text);
// Parses "5s", "200ms", "2m", "1h".
std::optional<std::chrono::milliseconds> parse_duration(const std::string& text);

}  // namespace rfcheck::spec
