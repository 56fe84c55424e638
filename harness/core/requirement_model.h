// The requirements catalogue (docs/requirements.md): what each RFC the suites claim requires of
// a server, sentence by sentence, so that coverage is a number anyone can check.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/spec_model.h"

namespace rfcheck {

// The RFC's own keyword, as the catalogue states it; counting folds them into three classes.
enum class RequirementClass { kMust, kShould, kMay };
// MUST, MUST NOT, SHALL, SHALL NOT, REQUIRED -> kMust; SHOULD, SHOULD NOT, RECOMMENDED ->
// kShould; MAY, OPTIONAL -> kMay; nullopt for anything else.
std::optional<RequirementClass> requirement_class(std::string_view keyword);
std::string_view to_string(RequirementClass c);

struct Requirement {
  std::string id;       // "rfc959-4.1.1-pass-after-user"
  int rfc = 0;
  std::string section;  // "4.1.1"
  std::string keyword;  // "MUST NOT"
  RequirementClass level = RequirementClass::kMust;
  bool implied = false;  // stated without a keyword (a reply table, a definition)
  bool testable = true;
  std::string why_untestable;
  std::string text;  // the RFC's words, white space collapsed
  SourceLocation where;
};

// A keyword sentence that binds no server (the client, a definition), with the reason.
struct NonRequirement {
  std::string section;
  std::string text;
  std::string why;
  SourceLocation where;
};

struct Catalogue {
  int rfc = 0;
  std::string title;
  std::vector<std::string> complete_sections;  // "4", "5.4", "*"
  std::vector<Requirement> requirements;
  std::vector<NonRequirement> others;
  std::string file;
};

struct CatalogueSet {
  std::vector<Catalogue> catalogues;  // ordered by RFC number
  // id -> requirement, for `covers:` lookups.
  std::map<std::string, const Requirement*> by_id() const;
  const Catalogue* find(int rfc) const;
};

}  // namespace rfcheck
