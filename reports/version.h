// The version the reports name as their tool's ("0.1.0"): RFCHECK_VERSION, which CMake
// defines for this library only.
#pragma once

namespace rfcheck::reports {

#ifdef RFCHECK_VERSION
inline constexpr const char* kToolVersion = RFCHECK_VERSION;
#else
inline constexpr const char* kToolVersion = "unknown";
#endif

}  // namespace rfcheck::reports
