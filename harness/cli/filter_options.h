// The case-selection options shared by run and list.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "runner/case_filter.h"

namespace rfcheck::cli {

struct FilterOptions {
  std::vector<std::string> ids, tags, exclude_tags, sections, levels;
  std::string shard;
};

void add_filter_options(CLI::App& app, FilterOptions& options);
// Empty on success, else what is wrong.
std::string to_case_filter(const FilterOptions& options, CaseFilter& filter);

}  // namespace rfcheck::cli
