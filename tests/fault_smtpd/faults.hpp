// Switchable faults of fault_smtpd. The table with the RFC rule each one breaks is in
// faults.cpp and README.md; the names here are the ones accepted by --fault.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

#include "fault_common/faults.hpp"

namespace fsmtpd {

enum class Fault : std::size_t {
  NoDotUnstuffing,
  RcptBeforeMail,
  RsetNoClear,
  BrokenContinuation,
  No354,
  BareLf,
  SecondMailAccepted,
  PostmasterRejected,
  CaseSensitive,
  QuitNoClose,
  Crash,
  TruncateBody,
  DataEarlyEnd,
  WrongGreeting,
  EhloNoDomain,
  NoopArgRejected,
  LostRecipient,
  Count_,
};

using FaultInfo = fcommon::FaultInfo<Fault>;
using FaultSet = fcommon::FaultSet<Fault>;

std::span<const FaultInfo> all_faults();
std::optional<Fault> fault_from_name(std::string_view name);

}  // namespace fsmtpd
