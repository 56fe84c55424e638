// Switchable faults of fault_pop3d. The table with the RFC rule each one breaks is in
// faults.cpp and README.md; the names here are the ones accepted by --fault.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "fault_common/faults.hpp"

namespace fpop3d {

enum class Fault : std::size_t {
  RenumberAfterDele,
  DeleImmediate,
  RsetNoUnmark,
  UpdateOnDrop,
  UpdateRemovesRetrieved,
  StatCountsDeleted,
  ListDeleted,
  LfOctets,
  NoByteStuffing,
  NoTerminator,
  LowercaseOk,
  BareLf,
  LongGreeting,
  CaseSensitive,
  StatBeforeLogin,
  PassWithoutUser,
  AnyPassword,
  ApopAnyDigest,
  ApopNoTimestamp,
  SameTimestamp,
  NoLock,
  TopIgnoresCount,
  TopNoBlankLine,
  UidlUnstable,
  UidlTooLong,
  TopUnavailable,
  PipeliningDrops,
  CapaShrinks,
  ShortCommandLimit,
  QuitNoClose,
  Count_,
};

using FaultInfo = fcommon::FaultInfo<Fault>;
using FaultSet = fcommon::FaultSet<Fault>;

std::span<const FaultInfo> all_faults();
std::optional<Fault> fault_from_name(std::string_view name);

}  // namespace fpop3d
