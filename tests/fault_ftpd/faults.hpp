// Switchable faults of fault_ftpd. The table with the RFC rule each one breaks is in main.cpp
// and README.md; the names here are the ones accepted by --fault.
#pragma once

#include <bitset>
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace fftpd {

enum class Fault : std::size_t {
  WrongCode,
  BrokenMultiline,
  BareLf,
  NoLoginRequired,
  TypeICorrupt,
  DataLeftOpen,
  NoReply,
  Crash,
  AcceptBadPassword,
  NoTypeAConversion,
  RestIgnored,
  RntoWithoutRnfr,
  PasvOtherHost,
  CaseSensitive,
  DeleNoop,
  PathEscape,
  QuitNoClose,
  MkdBadQuote,
  Count_,
};

struct FaultInfo {
  Fault fault;
  std::string_view name;
  std::string_view breaks;  // one line: what RFC rule the fault violates
};

std::span<const FaultInfo> all_faults();
std::optional<Fault> fault_from_name(std::string_view name);

class FaultSet {
 public:
  void set(Fault f) { bits_.set(static_cast<std::size_t>(f)); }
  bool has(Fault f) const { return bits_.test(static_cast<std::size_t>(f)); }
  bool any() const { return bits_.any(); }

 private:
  std::bitset<static_cast<std::size_t>(Fault::Count_)> bits_;
};

}  // namespace fftpd
