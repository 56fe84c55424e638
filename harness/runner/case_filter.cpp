#include "runner/case_filter.h"

#include <algorithm>

namespace rfcheck {
namespace {

// "4.1" covers "4.1" and "4.1.3" but not "4.10".
bool section_prefix(const std::string& value, const std::string& prefix) {
  if (value.compare(0, prefix.size(), prefix) != 0) return false;
  return value.size() == prefix.size() || value[prefix.size()] == '.' ||
         value[prefix.size()] == ' ' || value[prefix.size()] == ',';
}

}  // namespace

std::optional<std::pair<int, int>> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  try {
    std::size_t used = 0;
    const int i = std::stoi(text.substr(0, slash), &used);
    if (used != slash) return std::nullopt;
    const std::string rest = text.substr(slash + 1);
    const int n = std::stoi(rest, &used);
    if (used != rest.size() || n < 1 || i < 1 || i > n) return std::nullopt;
    return std::pair{i, n};
  } catch (...) {
    return std::nullopt;
  }
}

bool ref_in_section(const std::string& ref, const std::string& section) {
  if (section.rfind("RFC", 0) == 0) return section_prefix(ref, section);
  // Without "RFC n", compare with the section part of the ref: what follows "RFC n ".
  const auto first = ref.find(' ');
  const auto second = first == std::string::npos ? first : ref.find(' ', first + 1);
  if (second == std::string::npos) return false;
  return section_prefix(ref.substr(second + 1), section);
}

bool case_matches(const Case& c, const CaseFilter& filter) {
  auto any = [](const std::vector<std::string>& list, auto pred) {
    return list.empty() || std::any_of(list.begin(), list.end(), pred);
  };
  return any(filter.id_prefixes, [&](const std::string& p) { return c.id.rfind(p, 0) == 0; }) &&
         any(filter.tags, [&](const std::string& t) { return c.has_tag(t); }) &&
         std::none_of(filter.exclude_tags.begin(), filter.exclude_tags.end(),
                      [&](const std::string& t) { return c.has_tag(t); }) &&
         any(filter.sections, [&](const std::string& s) { return ref_in_section(c.ref, s); }) &&
         (filter.levels.empty() || filter.levels.count(c.level));
}

std::vector<const Case*> select_cases(const SpecSet& specs, const CaseFilter& filter) {
  std::vector<const Case*> selected;
  for (const Case* c : specs.all_cases()) {
    if (case_matches(*c, filter)) selected.push_back(c);
  }
  if (filter.shard_count > 1) {
    std::vector<const Case*> shard;
    for (std::size_t i = 0; i < selected.size(); ++i) {
      if (static_cast<int>(i % filter.shard_count) + 1 == filter.shard_index) shard.push_back(selected[i]);
    }
    return shard;
  }
  return selected;
}

}  // namespace rfcheck
