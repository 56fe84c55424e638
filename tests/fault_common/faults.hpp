// Fault tables of the fault servers: each server has its own enum (ending in Count_) and a
// table of {fault, --fault name, rule broken}; these helpers look names up, print the table for
// --help and hold the set switched on.
#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace fcommon {

template <typename E>
struct FaultInfo {
  E fault;
  std::string_view name;
  std::string_view breaks;  // one line: what RFC rule the fault violates
};

template <typename E>
std::optional<E> find_fault(std::span<const FaultInfo<E>> table, std::string_view name) {
  for (const auto& f : table)
    if (f.name == name) return f.fault;
  return std::nullopt;
}

// The "faults:" section of --help: "  NAME<padding to column 24>RULE" per line (the
// integration tests read the names from it).
template <typename E>
std::string fault_usage(std::span<const FaultInfo<E>> table) {
  std::string u = "faults:\n";
  for (const auto& f : table) {
    u += "  ";
    u += f.name;
    u += std::string(f.name.size() < 22 ? 22 - f.name.size() : 1, ' ');
    u += f.breaks;
    u += "\n";
  }
  return u;
}

template <typename E>
class FaultSet {
 public:
  void set(E f) { bits_.set(static_cast<std::size_t>(f)); }
  bool has(E f) const { return bits_.test(static_cast<std::size_t>(f)); }
  bool any() const { return bits_.any(); }

 private:
  std::bitset<static_cast<std::size_t>(E::Count_)> bits_;
};

}  // namespace fcommon
