#include "grade/grade_store.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <fstream>

#include "run_report/run_report_reader.h"

namespace rfcheck::grade {
namespace {

using json = nlohmann::ordered_json;

json score_json(const Score& score) {
  json items = json::array();
  for (const ItemScore& item : score.items) {
    items.push_back({{"name", item.name}, {"points", item.points}, {"max", item.max},
                     {"passed", item.passed}, {"total", item.total}, {"missed", item.missed}});
  }
  return {{"earned", score.earned}, {"penalty", score.penalty},
          {"cap", score.cap ? json(*score.cap) : json(nullptr)},
          {"total", score.total}, {"max", score.max}, {"items", items}};
}

Score read_score(const json& j) {
  Score score;
  score.earned = j.at("earned").get<double>();
  score.penalty = j.at("penalty").get<double>();
  if (!j.at("cap").is_null()) score.cap = j.at("cap").get<double>();
  score.total = j.at("total").get<double>();
  score.max = j.at("max").get<double>();
  for (const auto& item : j.at("items")) {
    score.items.push_back({item.at("name").get<std::string>(), item.at("points").get<double>(),
                           item.at("max").get<double>(), item.at("passed").get<int>(),
                           item.at("total").get<int>(),
                           item.at("missed").get<std::vector<std::string>>()});
  }
  return score;
}

}  // namespace

std::string store_grade(const std::string& path, const SubmissionGrade& grade,
                        const std::string& rubric_digest) {
  json verdicts = json::object();
  for (const auto& [id, verdict] : grade.verdicts) verdicts[id] = std::string(to_string(verdict));
  const json doc = {{"schema", "rfcheck-grade/1"},     {"rubric_sha256", rubric_digest},
                    {"id", grade.id},                  {"status", grade.status},
                    {"detail", grade.detail},          {"score", score_json(grade.score)},
                    {"verdicts", verdicts},            {"build_seconds", grade.build_seconds},
                    {"run_seconds", grade.run_seconds}, {"left_nothing", grade.left_nothing}};
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << doc.dump(2, ' ', false, json::error_handler_t::replace) << '\n';
    out.flush();
    if (!out) return "cannot write " + temporary;
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) return "cannot rename " + temporary + " to " + path;
  return {};
}

std::optional<SubmissionGrade> load_grade(const std::string& path, const std::string& rubric_digest) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  const json doc = json::parse(in, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object() || doc.value("schema", "") != "rfcheck-grade/1" ||
      doc.value("rubric_sha256", "") != rubric_digest) {
    return std::nullopt;
  }
  try {
    SubmissionGrade grade;
    grade.id = doc.at("id").get<std::string>();
    grade.status = doc.at("status").get<std::string>();
    grade.detail = doc.at("detail").get<std::string>();
    grade.score = read_score(doc.at("score"));
    for (const auto& [id, verdict] : doc.at("verdicts").items()) {
      if (auto v = parse_verdict(verdict.get<std::string>())) grade.verdicts[id] = *v;
    }
    grade.build_seconds = doc.at("build_seconds").get<double>();
    grade.run_seconds = doc.at("run_seconds").get<double>();
    grade.left_nothing = doc.at("left_nothing").get<bool>();
    grade.resumed = true;
    return grade;
  } catch (const json::exception&) {
    return std::nullopt;  // half a file of an older format: grade it again
  }
}

}  // namespace rfcheck::grade
