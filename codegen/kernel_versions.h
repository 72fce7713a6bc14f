// SPDX-License-Identifier: GPL-2.0
#pragma once

// Kernel versions and the ranges of them that a binding says implement a
// model variant ("ioapic_61": kernels before v6.3). Data, not code: the
// expectation for a kernel follows from its version and the range.

#include <compare>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace codegen {

/// major.minor.patch; a missing part is 0.
struct KernelVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;

  auto operator<=>(const KernelVersion&) const = default;
  std::string str() const;
};

/// Reads the version at the start of `text`: "6.1.192", "6.12.117+deb12",
/// "6.1.0-57-amd64" (uname -r of a Debian kernel: the patch level is the
/// ABI's 0), "6.3". nullopt if it does not start with major.minor.
std::optional<KernelVersion> parse_kernel_version(std::string_view text);

/// A set of kernel versions: "all", "none", or comparisons that must all
/// hold, separated by commas: ">= 5.13, < 6.17".
class KernelRange {
 public:
  /// nullopt, with `error` set, if `text` is not a range.
  static std::optional<KernelRange> parse(std::string_view text, std::string& error);
  static KernelRange all();

  bool contains(const KernelVersion& v) const;
  const std::string& text() const { return text_; }

 private:
  enum class Op { Lt, Le, Gt, Ge, Eq };
  struct Bound {
    Op op;
    KernelVersion version;
  };
  std::string text_;
  bool none_ = false;
  std::vector<Bound> bounds_;
};

}  // namespace codegen
