// SPDX-License-Identifier: GPL-2.0
#pragma once

// Integer semantics shared by constant folding and every engine, so that
// there is exactly one definition of what `/` and `%` mean.

#include <algorithm>
#include <cstdint>
#include <optional>

#include "spec/types.h"

namespace spec::arith {

/// Static bound on any integer value in a model: intervals beyond it are
/// rejected by the checker, so that engines can compute in 64 bits.
inline constexpr Value kMagnitudeLimit = Value{1} << 62;

/// C division (truncation toward zero); nullopt on division by zero.
inline std::optional<Value> div(Value a, Value b) {
  if (b == 0) {
    return std::nullopt;
  }
  return a / b;
}

/// C remainder (sign of the dividend); nullopt on division by zero.
inline std::optional<Value> mod(Value a, Value b) {
  if (b == 0) {
    return std::nullopt;
  }
  return a % b;
}

struct Interval {
  Value lo = 0, hi = 0;

  bool contains(Value v) const { return lo <= v && v <= hi; }
  bool within(const Interval& o) const { return o.lo <= lo && hi <= o.hi; }
};

/// Interval arithmetic; results may exceed kMagnitudeLimit (checked by the caller).
Interval add(Interval a, Interval b);
Interval sub(Interval a, Interval b);
Interval mul(Interval a, Interval b);
Interval div(Interval a, Interval b);
Interval mod(Interval a, Interval b);
Interval neg(Interval a);
Interval hull(Interval a, Interval b);
bool within_limit(Interval a);

}  // namespace spec::arith
