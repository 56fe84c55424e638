// Switchable faults of fault_imapd. The table with the RFC rule each one breaks is in
// faults.cpp and README.md; the names here are the ones accepted by --fault.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "fault_common/faults.hpp"

namespace fimapd {

enum class Fault : std::size_t {
  LiteralShort,
  BareLf,
  WrongTag,
  CaseSensitive,
  LogoutNoBye,
  ExamineNoReadOnly,
  SelectNoUidvalidity,
  UidvalidityChanges,
  FailedSelectKeepsMailbox,
  UnseenCount,
  ListPercentStar,
  RenameInboxKeeps,
  AppendCreates,
  NoAppendExists,
  CopyNoTrycreate,
  UidReuse,
  CloseSendsExpunge,
  ExpungeOriginalNumbers,
  ExpungeDuringFetch,
  RecentTwice,
  PeekSetsSeen,
  SilentStoreFetch,
  StoreNoFetch,
  SearchIgnoresNot,
  BodystructureFlat,
  SizeLf,
  HeaderNoBlankLine,
  Count_,
};

using FaultInfo = fcommon::FaultInfo<Fault>;
using FaultSet = fcommon::FaultSet<Fault>;

std::span<const FaultInfo> all_faults();
std::optional<Fault> fault_from_name(std::string_view name);

}  // namespace fimapd
