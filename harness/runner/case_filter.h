// Which cases a run executes: filters by id prefix, tag, level and RFC section, then a shard.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/level.h"
#include "core/spec_model.h"

namespace rfcheck {

struct CaseFilter {
  std::vector<std::string> id_prefixes;   // any of; empty: all
  std::vector<std::string> tags;          // any of; empty: all
  std::vector<std::string> exclude_tags;  // none of
  std::vector<std::string> sections;      // "4.1.3", "RFC 2428", "RFC 959 4.2"; any of
  std::set<Level> levels;                 // empty: all
  int shard_index = 1;                    // 1-based
  int shard_count = 1;
};

// Parses "i/n" with 1 <= i <= n; nullopt when malformed.
std::optional<std::pair<int, int>> parse_shard(const std::string& text);

// True when `ref` ("RFC 959 4.1.3") lies in `section` ("4.1", "RFC 959 4", "RFC 2428").
bool ref_in_section(const std::string& ref, const std::string& section);

// Whether one case is selected by the filter's ids, tags, excluded tags, sections and levels
// (not its shard): what select_cases and a grading rubric's items both select by.
bool case_matches(const Case& c, const CaseFilter& filter);

// The selected cases, sorted by id so shards are stable across machines.
std::vector<const Case*> select_cases(const SpecSet& specs, const CaseFilter& filter);

}  // namespace rfcheck
