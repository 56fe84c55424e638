#include "reports/matrix_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "reports/matrix_model.h"
#include "reports/text_escape.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {
namespace {

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string csv_field(std::string_view raw) {
  const std::string text = printable(raw);
  if (text.find_first_of(",\"") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Text in a Markdown table cell: one line, and what Markdown or HTML would act on escaped.
std::string md(std::string_view raw) {
  std::string out;
  for (char c : printable(raw)) {
    if (std::string_view("\\`*_[]<>|#").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}


}  // namespace

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
    out << fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", md(column.name),
                       md(column.protocol), c.pass, c.fail, c.known, c.inconclusive, c.error,
                       c.skip, md(matrix_outcome(column)));
  }
  for (const MatrixTable& table : matrix_tables(columns)) {
    std::size_t shown = 0;
    std::string rows;
    for (std::size_t row = 0; row < table.ids.size(); ++row) {
      if (!matrix_row_notable(table.cells[row])) continue;
      ++shown;
      rows += "| " + md(table.ids[row]) + " | " + std::string(to_string(table.about[row]->level));
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        const CaseResult* r = table.cells[row][c];
        const std::string text = matrix_label(r);
        const bool link = r && r->verdict != Verdict::kPass && !table.columns[c]->html_report.empty();
        rows += " | " + (link ? "[" + text + "](" + matrix_case_link(*table.columns[c], table.ids[row]) + ")" : text);
      }
      rows += " |\n";
    }
    out << "\n### " << md(table.protocol) << ": " << shown << " of " << table.ids.size()
        << " cases not passed by every server\n\n";
    if (shown == 0) continue;
    out << "| case | level";
    for (const MatrixColumn* column : table.columns) out << " | " << md(column->name);
    out << " |\n| --- | ---" ;
    for (std::size_t c = 0; c < table.columns.size(); ++c) out << " | ---";
    out << " |\n" << rows;
  }
}

}  // namespace rfcheck::reports
