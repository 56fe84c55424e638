#include "reports/csp_hash.h"

#include "runner/base64.h"
#include "runner/sha256.h"

namespace rfcheck::reports {

std::string sha256_base64(std::string_view bytes) { return base64_encode(sha256_digest(bytes)); }

std::string csp_script_hash(std::string_view text) {
  return "'sha256-" + sha256_base64(text) + "'";
}

}  // namespace rfcheck::reports
