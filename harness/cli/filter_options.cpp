#include "cli/filter_options.h"

namespace rfcheck::cli {

void add_filter_options(CLI::App& app, FilterOptions& o) {
  app.add_option("--filter,--id", o.ids, "Only cases whose id starts with this (repeatable)");
  app.add_option("--tag", o.tags, "Only cases with this tag (repeatable: any of)");
  app.add_option("--exclude-tag", o.exclude_tags, "Leave out cases with this tag (repeatable)");
  app.add_option("--section", o.sections,
                 "Only cases whose ref lies in this section: 4.1.3, 'RFC 2428' (repeatable)");
  app.add_option("--level", o.levels, "Only cases of this level: must, should, may (repeatable)");
  app.add_option("--shard", o.shard, "Run shard i of n (i/n), for CI matrices");
}

std::string to_case_filter(const FilterOptions& o, CaseFilter& filter) {
  filter.id_prefixes = o.ids;
  filter.tags = o.tags;
  filter.exclude_tags = o.exclude_tags;
  filter.sections = o.sections;
  for (const auto& l : o.levels) {
    auto level = parse_level(l);
    if (!level) return "--level takes must, should or may, not '" + l + "'";
    filter.levels.insert(*level);
  }
  if (!o.shard.empty()) {
    auto shard = parse_shard(o.shard);
    if (!shard) return "--shard takes i/n with 1 <= i <= n, not '" + o.shard + "'";
    filter.shard_index = shard->first;
    filter.shard_count = shard->second;
  }
  return {};
}

}  // namespace rfcheck::cli
