// The matrix's rows and columns, shared by its writers (matrix_report.cpp, matrix_html.cpp).
#pragma once

#include <string>
#include <vector>

#include "reports/matrix_report.h"

namespace rfcheck::reports {

// One protocol's part of the matrix: its servers, and every case any of them ran.
struct MatrixTable {
  std::string protocol;
  std::vector<const MatrixColumn*> columns;
  std::vector<std::string> ids;                        // sorted
  std::vector<std::vector<const CaseResult*>> cells;   // [row][column]; null: not run there
  std::vector<const CaseResult*> about;                // per row: title, level, ref
};

// Points into `columns`, which must outlive the tables.
std::vector<MatrixTable> matrix_tables(const std::vector<MatrixColumn>& columns);

// PASS, FAIL, KNOWN...; "" for a case the server did not run.
std::string matrix_label(const CaseResult* result);

// A row worth a reader's eye: some server did not pass it.
bool matrix_row_notable(const std::vector<const CaseResult*>& row);

// The case's anchor in the server's HTML report (column.html_report must be set).
std::string matrix_case_link(const MatrixColumn& column, const std::string& id);

// How a server's run ended, in a few words: "passed", "failed the gate", or its problem.
std::string matrix_outcome(const MatrixColumn& column);

}  // namespace rfcheck::reports
