// SPDX-License-Identifier: GPL-2.0
// Kernel versions and the ranges a binding says implement a variant.

#include <gtest/gtest.h>

#include "codegen/kernel_versions.h"

namespace codegen {
namespace {

KernelVersion v(const char* text) {
  auto parsed = parse_kernel_version(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(KernelVersion{});
}

TEST(KernelVersion, ReadsPackageAndUnameForms) {
  EXPECT_EQ(v("6.1.192"), (KernelVersion{6, 1, 192}));
  EXPECT_EQ(v("6.12.117+deb12-amd64"), (KernelVersion{6, 12, 117}));
  EXPECT_EQ(v("6.1.0-57-amd64"), (KernelVersion{6, 1, 0}));
  EXPECT_EQ(v("6.3"), (KernelVersion{6, 3, 0}));
  EXPECT_EQ(v(" 5.13.0 "), (KernelVersion{5, 13, 0}));
  EXPECT_FALSE(parse_kernel_version("six").has_value());
  EXPECT_FALSE(parse_kernel_version("6").has_value());
  EXPECT_FALSE(parse_kernel_version("").has_value());
}

TEST(KernelVersion, OrdersNumericallyNotAsText) {
  EXPECT_LT(v("6.2.16"), v("6.3"));
  EXPECT_LT(v("6.9"), v("6.12"));
  EXPECT_LT(v("5.13"), v("6.1.0"));
}

bool in(const char* range, const char* version) {
  std::string error;
  auto r = KernelRange::parse(range, error);
  EXPECT_TRUE(r.has_value()) << range << ": " << error;
  return r && r->contains(v(version));
}

TEST(KernelRange, TheBindingsRanges) {
  EXPECT_TRUE(in("< 6.3", "6.1.192"));
  EXPECT_FALSE(in("< 6.3", "6.12.117"));
  EXPECT_FALSE(in("< 6.3", "6.3.0"));
  EXPECT_TRUE(in(">= 6.3", "6.3"));
  EXPECT_TRUE(in(">= 5.13, < 6.17", "6.12.117"));
  EXPECT_FALSE(in(">= 5.13, < 6.17", "6.17.1"));
  EXPECT_FALSE(in(">= 5.13, < 6.17", "5.12.19"));
  EXPECT_TRUE(in("all", "4.4"));
  EXPECT_FALSE(in("none", "6.1"));
  EXPECT_TRUE(in("== 6.1.192", "6.1.192"));
  EXPECT_FALSE(in("== 6.1", "6.1.192"));  // missing parts are 0
}

TEST(KernelRange, RefusesWhatIsNotARange) {
  for (const char* bad : {"", "6.3", "<", "< six", ">= 5.13,", "=> 6.3", "some"}) {
    std::string error;
    EXPECT_FALSE(KernelRange::parse(bad, error).has_value()) << bad;
    EXPECT_NE(error.find("not a kernel version bound"), std::string::npos) << bad;
  }
}

}  // namespace
}  // namespace codegen
