// SPDX-License-Identifier: GPL-2.0
#include "spec/arith.h"

#include <vector>

namespace spec::arith {
namespace {

// Intervals stay within ±2^62 before every operation, so products of two
// bounds fit in 128 bits; results are saturated back to 64 bits.
Value saturate(__int128 v) {
  const __int128 max = static_cast<__int128>(INT64_MAX);
  const __int128 min = static_cast<__int128>(INT64_MIN);
  return static_cast<Value>(std::clamp(v, min, max));
}

}  // namespace

Interval add(Interval a, Interval b) {
  return {saturate(static_cast<__int128>(a.lo) + b.lo),
          saturate(static_cast<__int128>(a.hi) + b.hi)};
}

Interval sub(Interval a, Interval b) {
  return {saturate(static_cast<__int128>(a.lo) - b.hi),
          saturate(static_cast<__int128>(a.hi) - b.lo)};
}

Interval mul(Interval a, Interval b) {
  __int128 c[4] = {static_cast<__int128>(a.lo) * b.lo, static_cast<__int128>(a.lo) * b.hi,
                   static_cast<__int128>(a.hi) * b.lo, static_cast<__int128>(a.hi) * b.hi};
  return {saturate(*std::min_element(c, c + 4)), saturate(*std::max_element(c, c + 4))};
}

Interval div(Interval a, Interval b) {
  // For a fixed sign of b, a/b is monotone in each argument, so the extremes
  // lie at the ends of a and at the ends of b or at ±1.
  std::vector<Value> divisors;
  for (Value d : {b.lo, b.hi, Value{-1}, Value{1}}) {
    if (d != 0 && b.contains(d)) {
      divisors.push_back(d);
    }
  }
  if (divisors.empty()) {
    return {0, 0};  // b is exactly 0: every evaluation is a runtime error
  }
  Value lo = INT64_MAX, hi = INT64_MIN;
  for (Value x : {a.lo, a.hi}) {
    for (Value d : divisors) {
      Value q = (x == INT64_MIN && d == -1) ? INT64_MAX : x / d;
      lo = std::min(lo, q);
      hi = std::max(hi, q);
    }
  }
  return {lo, hi};
}

Interval mod(Interval a, Interval b) {
  Value bmax =
      std::max(b.lo == INT64_MIN ? INT64_MAX : (b.lo < 0 ? -b.lo : b.lo), b.hi < 0 ? -b.hi : b.hi);
  Value m = bmax > 0 ? bmax - 1 : 0;
  Value lo = a.lo >= 0 ? 0 : -std::min(m, a.lo == INT64_MIN ? INT64_MAX : -a.lo);
  Value hi = a.hi <= 0 ? 0 : std::min(m, a.hi);
  return {lo, hi};
}

Interval neg(Interval a) {
  return {saturate(-static_cast<__int128>(a.hi)), saturate(-static_cast<__int128>(a.lo))};
}

Interval hull(Interval a, Interval b) {
  return {std::min(a.lo, b.lo), std::max(a.hi, b.hi)};
}

bool within_limit(Interval a) {
  return a.lo >= -kMagnitudeLimit && a.hi <= kMagnitudeLimit;
}

}  // namespace spec::arith
