#include "runner/ftp_provision.h"

#include "runner/built_steps.h"

namespace rfcheck {

std::optional<Case> ftp_provision_case(const SpecSet& specs) {
  Case c;
  c.id = "rfcheck.provision.fixture-files";
  c.title = "Upload the suite's fixture files";
  c.ref = "RFC 959 4.1.3";
  c.suite = "rfcheck/provision";
  c.quote = "STORE (STOR) causes the server-DTP to accept the data transferred via the data "
            "connection and to store the data as a file at the server site.";
  for (const char* name : {"login", "type-i"}) {
    auto it = specs.fixtures.find(name);
    if (it == specs.fixtures.end()) return std::nullopt;
    c.steps.insert(c.steps.end(), it->second.begin(), it->second.end());
  }
  auto pasv = specs.fixtures.find("pasv");
  if (pasv == specs.fixtures.end()) return std::nullopt;
  for (const auto& file : specs.files) {
    c.steps.insert(c.steps.end(), pasv->second.begin(), pasv->second.end());
    c.steps.push_back(send_step("STOR " + file.name));
    c.steps.push_back(expect_step(CodeSet::of({125, 150})));
    Step data;
    data.kind = Step::Kind::kData;
    data.data.kind = DataAction::Kind::kSend;
    data.data.payload_file = file.key;
    c.steps.push_back(data);
    c.steps.push_back(expect_step(CodeSet::of({226, 250})));
  }
  c.steps.push_back(send_step("QUIT"));
  return c;
}

}  // namespace rfcheck
