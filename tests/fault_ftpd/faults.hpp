// Switchable faults of fault_ftpd. The table with the RFC rule each one breaks is in main.cpp
// and README.md; the names here are the ones accepted by --fault.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "fault_common/faults.hpp"

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
  StouUnnamed,
  Count_,
};

using FaultInfo = fcommon::FaultInfo<Fault>;
using FaultSet = fcommon::FaultSet<Fault>;

std::span<const FaultInfo> all_faults();
std::optional<Fault> fault_from_name(std::string_view name);

}  // namespace fftpd
