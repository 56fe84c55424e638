#include "reports/matrix_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "reports/markdown_text.h"
#include "reports/matrix_model.h"
#include "reports/text_escape.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {

void write_matrix_csv(const std::vector<MatrixColumn>& columns, std::ostream& out) {
  out << "protocol,case,level,ref,title";
  for (const MatrixColumn& column : columns) out << "," << csv_field(column.name);
  out << "\r\n";
  for (const MatrixTable& table : matrix_tables(columns)) {
    for (std::size_t row = 0; row < table.ids.size(); ++row) {
      const CaseResult& about = *table.about[row];
      out << csv_field(table.protocol) << "," << csv_field(about.id) << ","
          << to_string(about.level) << "," << csv_field(about.ref) << "," << csv_field(about.title);
      for (const MatrixColumn& column : columns) {
        auto at = std::find(table.columns.begin(), table.columns.end(), &column);
        out << "," << (at == table.columns.end() ? "" : matrix_label(table.cells[row][at - table.columns.begin()]));
      }
      out << "\r\n";
    }
  }
}

void write_matrix_markdown(const std::vector<MatrixColumn>& columns, std::ostream& out) {
  out << "## rfcheck: " << columns.size() << " servers\n\n"
      << "| server | protocol | pass | fail | known | inconclusive | error | skip | result |\n"
      << "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n";
  for (const MatrixColumn& column : columns) {
    const VerdictCounts c = column.run ? count_verdicts(*column.run) : VerdictCounts{};
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", markdown_prose(column.name),
                       markdown_prose(column.protocol), c.pass, c.fail, c.known, c.inconclusive, c.error,
                       c.skip, markdown_prose(matrix_outcome(column)));
  }
  for (const MatrixTable& table : matrix_tables(columns)) {
    std::size_t shown = 0;
    std::string rows;
    for (std::size_t row = 0; row < table.ids.size(); ++row) {
      if (!matrix_row_notable(table.cells[row])) continue;
      ++shown;
      rows += "| " + markdown_prose(table.ids[row]) + " | " + std::string(to_string(table.about[row]->level));
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const CaseResult* r = table.cells[row][c];
        const std::string text = matrix_label(r);
        const bool link = r && r->verdict != Verdict::kPass && !table.columns[c]->html_report.empty();
        rows += " | " + (link ? "[" + text + "](" + matrix_case_link(*table.columns[c], table.ids[row]) + ")" : text);
      }
      rows += " |\n";
    }
    out << "\n### " << markdown_prose(table.protocol) << ": " << shown << " of " << table.ids.size()
        << " cases not passed by every server\n\n";
    if (shown == 0) continue;
    out << "| case | level";
    for (const MatrixColumn* column : table.columns) out << " | " << markdown_prose(column->name);
    out << " |\n| --- | ---" ;
    for (std::size_t c = 0; c < table.columns.size(); ++c) out << " | ---";
    out << " |\n" << rows;
  }
}

}  // namespace rfcheck::reports
