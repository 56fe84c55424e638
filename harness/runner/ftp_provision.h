// Against an FTP server rfcheck did not launch, the suite's fixture files are uploaded before
// the run (STOR in TYPE I over PASV), as one synthetic case so it is reported like any other.
#pragma once

#include <optional>
#include <string>

#include "core/spec_model.h"

namespace rfcheck {

// nullopt when the specs lack the fixtures it builds on (login, type-i, pasv).
std::optional<Case> ftp_provision_case(const SpecSet& specs);

}  // namespace rfcheck
