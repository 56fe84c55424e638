// The matrix as one self-contained HTML page: no script or style from elsewhere, readable with
// scripts off; with them on, a switch hides the rows every server passed.
#include <fmt/format.h>

#include "reports/matrix_model.h"
#include "reports/text_escape.h"
#include "reports/verdict_counts.h"

namespace rfcheck::reports {
namespace {

constexpr const char* kStyle = R"(
body{font-family:system-ui,sans-serif;margin:1rem;color:#222}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}
th,td{border:1px solid #ccc;padding:.2rem .45rem;font-size:.85rem;text-align:left}
thead th{position:sticky;top:0;background:#f4f4f4}
td.v{text-align:center;font-weight:600}
.PASS{background:#d9f2d9}.FAIL{background:#f8c9c9}.KNOWN{background:#fde5bf}
.ERROR{background:#e5d0f5}.INCONCLUSIVE{background:#e8e8e8}.SKIP{background:#f6f6f6;color:#777}
td.v a{color:inherit}
.wrap{overflow-x:auto}
code{font-size:.85rem}
)";

constexpr const char* kScript = R"(
document.getElementById('notable').addEventListener('change', function (e) {
  document.querySelectorAll('tr[data-all-pass]').forEach(function (row) {
    row.hidden = e.target.checked;
  });
});
)";

void write_summary(const std::vector<MatrixColumn>& columns, std::ostream& out) {
  out << "<table><thead><tr><th>server</th><th>protocol</th><th>profile</th><th>pass</th>"
         "<th>fail</th><th>known</th><th>inconclusive</th><th>error</th><th>skip</th><th>result</th>"
         "</tr></thead><tbody>\n";
  for (const MatrixColumn& column : columns) {
    const VerdictCounts c = column.run ? count_verdicts(*column.run) : VerdictCounts{};
    out << fmt::format(
        "<tr><th>{}</th><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        html_escape(column.name), html_escape(column.protocol), html_escape(column.profile), c.pass,
        c.fail, c.known, c.inconclusive, c.error, c.skip, html_escape(matrix_outcome(column)));
  }
  out << "</tbody></table>\n";
}

void write_cell(const MatrixColumn& column, const std::string& id, const CaseResult* r, std::ostream& out) {
  const std::string text = matrix_label(r);
  if (text.empty()) {
    out << "<td class=\"v\">&ndash;</td>";
    return;
  }
  const std::string tip = r->verdict == Verdict::kPass ? "" : " title=\"" + html_escape(r->reason) + "\"";
  out << "<td class=\"v " << text << "\"" << tip << ">";
  if (!column.html_report.empty()) {
    out << "<a href=\"" << html_escape(matrix_case_link(column, id)) << "\">" << text << "</a>";
  } else {
    out << text;
  }
  out << "</td>";
}

void write_table(const MatrixTable& table, std::ostream& out) {
  out << "<h2>" << html_escape(table.protocol) << " (" << table.ids.size() << " cases)</h2>\n"
      << "<div class=\"wrap\"><table><thead><tr><th>case</th><th>level</th>";
  for (const MatrixColumn* column : table.columns) out << "<th>" << html_escape(column->name) << "</th>";
  out << "</tr></thead><tbody>\n";
  for (std::size_t row = 0; row < table.ids.size(); ++row) {
    const CaseResult& about = *table.about[row];
    out << "<tr" << (matrix_row_notable(table.cells[row]) ? "" : " data-all-pass") << "><td title=\""
        << html_escape(about.title + " (" + about.ref + ")") << "\"><code>" << html_escape(table.ids[row])
        << "</code></td><td>" << to_string(about.level) << "</td>";
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      write_cell(*table.columns[c], table.ids[row], table.cells[row][c], out);
    }
    out << "</tr>\n";
  }
  out << "</tbody></table></div>\n";
}

}  // namespace

void write_matrix_html(const std::vector<MatrixColumn>& columns, std::ostream& out) {
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
         "<title>rfcheck: "
      << columns.size() << " servers</title><style>" << kStyle << "</style></head><body>\n"
      << "<h1>rfcheck: " << columns.size() << " servers</h1>\n";
  write_summary(columns, out);
  out << "<p><label><input type=\"checkbox\" id=\"notable\"> only the cases some server did not "
         "pass</label></p>\n";
  for (const MatrixTable& table : matrix_tables(columns)) write_table(table, out);
  out << "<script>" << kScript << "</script>\n</body></html>\n";
}

}  // namespace rfcheck::reports
