#include "spec/catalogue_loader.h"

#include <re2/re2.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "spec/yaml_reader.h"

namespace rfcheck {
namespace {

namespace fs = std::filesystem;
using spec::YamlReader;

// An entry's text as found in the RFC: its start offsets, or an error naming what is missing.
struct Excerpt {
  std::vector<std::size_t> starts;
  std::size_t length = 0;
};

Excerpt locate(YamlReader& r, const YAML::Node& node, const RfcText& text, int rfc,
               const std::string& excerpt, const std::string& what) {
  Excerpt found{text.find_all(excerpt), RfcText::collapse(excerpt).size()};
  if (found.starts.empty()) {
    r.error(node, what + ": text is not in RFC " + std::to_string(rfc) + ": '" +
                      RfcText::collapse(excerpt).substr(0, 100) + "'");
  }
  return found;
}

std::optional<Requirement> parse_requirement(YamlReader& r, const YAML::Node& node, int rfc) {
  if (!r.check_keys(node, {"id", "section", "level", "implied", "testable", "why", "text"},
                    {"id", "section", "level", "text"}, "requirement")) {
    return std::nullopt;
  }
  auto id = r.string(node["id"], "id");
  auto section = r.string(node["section"], "section");
  auto keyword = r.string(node["level"], "level");
  auto text = r.string(node["text"], "text");
  if (!id || !section || !keyword || !text) return std::nullopt;
  Requirement req;
  req.id = *id;
  req.rfc = rfc;
  req.section = *section;
  req.keyword = *keyword;
  req.text = RfcText::collapse(*text);
  req.where = r.where(node);
  bool ok = true;
  // The id carries its RFC and section ("rfc959-4.1.1-...", "rfc959-appendix-ii-...").
  static const RE2 section_shape("[A-Za-z0-9]+(?:[.-][A-Za-z0-9]+)*");
  static const RE2 slug_shape("[a-z0-9]+(?:-[a-z0-9]+)*");
  std::string lower_section = req.section;
  for (auto& ch : lower_section) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  const std::string prefix = "rfc" + std::to_string(rfc) + "-" + lower_section + "-";
  if (!RE2::FullMatch(req.section, section_shape)) {
    r.error(node["section"], "section '" + req.section + "' must look like 4.1.1 or appendix-ii");
    ok = false;
  } else if (req.id.rfind(prefix, 0) != 0 ||
             !RE2::FullMatch(req.id.substr(prefix.size()), slug_shape)) {
    r.error(node["id"], "requirement id '" + req.id + "' must be " + prefix +
                            "<slug> (lowercase words joined by '-')");
    ok = false;
  }
  if (auto level = requirement_class(req.keyword)) {
    req.level = *level;
  } else {
    r.error(node["level"], "level must be MUST, MUST NOT, SHALL, SHALL NOT, REQUIRED, SHOULD, "
                           "SHOULD NOT, RECOMMENDED, MAY or OPTIONAL");
    ok = false;
  }
  if (node["implied"]) {
    auto implied = r.boolean(node["implied"], "implied");
    if (!implied) return std::nullopt;
    req.implied = *implied;
  }
  if (node["testable"]) {
    auto testable = r.boolean(node["testable"], "testable");
    if (!testable) return std::nullopt;
    req.testable = *testable;
  }
  if (node["why"]) {
    auto why = r.string(node["why"], "why");
    if (!why) return std::nullopt;
    req.why_untestable = *why;
  }
  if (!req.testable && req.why_untestable.empty()) {
    r.error(node, "requirement " + req.id + ": testable: false needs why: (what keeps a client "
                                            "from observing it)");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return req;
}

std::optional<NonRequirement> parse_other(YamlReader& r, const YAML::Node& node) {
  if (!r.check_keys(node, {"section", "text", "why"}, {"section", "text", "why"}, "other")) {
    return std::nullopt;
  }
  auto section = r.string(node["section"], "section");
  auto text = r.string(node["text"], "text");
  auto why = r.string(node["why"], "why");
  if (!section || !text || !why) return std::nullopt;
  return NonRequirement{*section, RfcText::collapse(*text), *why, r.where(node)};
}

// The sentence holding `offset`, as far as ". " on either side (at most 300 characters).
std::string sentence_around(const std::string& text, std::size_t offset) {
  const std::size_t window = 300;
  std::size_t from = offset > window ? offset - window : 0;
  auto stop = text.rfind(". ", offset);
  if (stop != std::string::npos && stop + 2 > from) from = stop + 2;
  auto end = text.find(". ", offset);
  end = end == std::string::npos ? text.size() : std::min(end + 1, offset + window);
  return text.substr(from, end - from);
}

// Every keyword of a `complete` section lies inside some entry's text: else a requirement may
// have been missed, and the catalogue cannot claim the section.
void check_complete(YamlReader& r, const YAML::Node& root, const Catalogue& catalogue,
                    const RfcText& text,
                    const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  for (std::size_t offset : text.keyword_offsets()) {
    const std::string section = text.section_at(offset);
    const bool claimed = std::any_of(
        catalogue.complete_sections.begin(), catalogue.complete_sections.end(),
        [&](const std::string& c) { return section_within(section, c); });
    if (!claimed) continue;
    const bool inside = std::any_of(spans.begin(), spans.end(), [&](const auto& span) {
      return span.first <= offset && offset < span.second;
    });
    if (inside) continue;
    r.error(root["complete"], "RFC " + std::to_string(catalogue.rfc) + " section " + section +
                                  ": a keyword sentence is neither a requirement nor under "
                                  "other: '" + sentence_around(text.text(), offset) + "'");
  }
}

// Requirement entries first, then the others; each text located in the RFC, and every place
// it occurs recorded as a span for the completeness check.
void parse_entries(YamlReader& r, const YAML::Node& root, Catalogue& catalogue,
                   const RfcText* text,
                   std::vector<std::pair<std::size_t, std::size_t>>& spans) {
  auto record = [&](const YAML::Node& node, const std::string& excerpt, const std::string& what,
                    const std::string& section) {
    if (!text) return;
    auto found = locate(r, node, *text, catalogue.rfc, excerpt, what);
    // An entry filed under a section the text marks must be where its text is.
    if (auto found_in = text->misplaced(found.starts, section)) {
      r.error(node, "the text is in RFC " + std::to_string(catalogue.rfc) + " section " +
                        *found_in + ", not in section " + section);
    }
    for (auto start : found.starts) spans.emplace_back(start, start + found.length);
  };
  if (root["requirements"] && root["requirements"].IsSequence()) {
    for (const auto& node : root["requirements"]) {
      auto req = parse_requirement(r, node, catalogue.rfc);
      if (!req) continue;
      record(node["text"], req->text, req->id, req->section);
      catalogue.requirements.push_back(std::move(*req));
    }
  } else if (root["requirements"]) {
    r.error(root["requirements"], "requirements must be a list");
  }
  if (root["other"] && root["other"].IsSequence()) {
    for (const auto& node : root["other"]) {
      auto other = parse_other(r, node);
      if (!other) continue;
      record(node["text"], other->text, "other (section " + other->section + ")", other->section);
      catalogue.others.push_back(std::move(*other));
    }
  } else if (root["other"]) {
    r.error(root["other"], "other must be a list");
  }
}

std::optional<Catalogue> load_catalogue(const std::string& path, const RfcTextSet& texts,
                                        LoadErrors& errors) {
  auto root = spec::parse_yaml_file(path, errors);
  if (!root) return std::nullopt;
  YamlReader r(path, errors);
  if (!r.check_keys(*root, {"rfc", "title", "complete", "requirements", "other"},
                    {"rfc", "title", "requirements"}, "catalogue")) {
    return std::nullopt;
  }
  Catalogue catalogue;
  catalogue.file = path;
  auto rfc = r.integer((*root)["rfc"], "rfc");
  auto title = r.string((*root)["title"], "title");
  if (!rfc || !title) return std::nullopt;
  catalogue.rfc = static_cast<int>(*rfc);
  catalogue.title = *title;
  if ((*root)["complete"]) {
    auto complete = r.string_list((*root)["complete"], "complete");
    if (!complete) return std::nullopt;
    catalogue.complete_sections = *complete;
  }
  auto text = texts.find(catalogue.rfc);
  if (text == texts.end()) {
    r.error((*root)["rfc"], "no text of RFC " + std::to_string(catalogue.rfc) +
                                " (rfc/rfc" + std::to_string(catalogue.rfc) + ".txt)");
  }
  std::vector<std::pair<std::size_t, std::size_t>> spans;
  parse_entries(r, *root, catalogue, text == texts.end() ? nullptr : &text->second, spans);
  if (text != texts.end()) check_complete(r, *root, catalogue, text->second, spans);
  return catalogue;
}

}  // namespace

CatalogueLoadResult load_catalogues(const std::string& specs_root) {
  CatalogueLoadResult result;
  result.texts = load_rfc_texts((fs::path(specs_root) / "rfc").string());
  const fs::path dir = fs::path(specs_root) / "requirements";
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return result;
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    if (auto catalogue = load_catalogue(file, result.texts, result.errors)) {
      result.catalogues.catalogues.push_back(std::move(*catalogue));
    }
  }
  auto& all = result.catalogues.catalogues;
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.rfc < b.rfc; });
  std::set<std::string> seen;
  for (const auto& catalogue : all) {
    for (const auto& req : catalogue.requirements) {
      if (!seen.insert(req.id).second) {
        result.errors.push_back({"duplicate requirement id " + req.id, req.where});
      }
    }
  }
  return result;
}

}  // namespace rfcheck
