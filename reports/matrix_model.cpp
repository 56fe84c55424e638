#include "reports/matrix_model.h"

#include <algorithm>
#include <map>

#include "reports/case_anchor.h"
#include "reports/text_escape.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {

std::vector<MatrixTable> matrix_tables(const std::vector<MatrixColumn>& columns) {
  std::vector<MatrixTable> tables;
  for (const MatrixColumn& column : columns) {
    auto it = std::find_if(tables.begin(), tables.end(),
                           [&](const MatrixTable& t) { return t.protocol == column.protocol; });
    if (it == tables.end()) it = tables.insert(tables.end(), MatrixTable{column.protocol, {}, {}, {}, {}});
    it->columns.push_back(&column);
  }
  for (MatrixTable& table : tables) {
    std::map<std::string, std::vector<const CaseResult*>> rows;
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (!table.columns[c]->run) continue;
      for (const CaseResult& r : table.columns[c]->run->cases) {
        auto& row = rows[r.id];
        row.resize(table.columns.size(), nullptr);
        row[c] = &r;
      }
    }
    for (auto& [id, row] : rows) {
      table.ids.push_back(id);
      table.about.push_back(*std::find_if(row.begin(), row.end(), [](auto* r) { return r != nullptr; }));
      table.cells.push_back(std::move(row));
    }
  }
  return tables;
}

std::string matrix_label(const CaseResult* r) { return r ? std::string(verdict_label(*r)) : ""; }

bool matrix_row_notable(const std::vector<const CaseResult*>& row) {
  return std::any_of(row.begin(), row.end(),
                     [](const CaseResult* r) { return r && r->verdict != Verdict::kPass; });
}

std::string matrix_case_link(const MatrixColumn& column, const std::string& id) {
  return case_link(percent_encode_path(column.html_report), id);
}

std::string matrix_outcome(const MatrixColumn& column) {
  if (!column.problem.empty()) return column.problem;
  switch (column.exit_code) {
    case 0: return "passed";
    case 1: return "failed the gate";
    case 4: return "nothing judged at the gate";
    default: return "exit " + std::to_string(column.exit_code);
  }
}

}  // namespace rfcheck::reports
