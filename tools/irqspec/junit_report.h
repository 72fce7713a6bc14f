// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <ostream>
#include <vector>

#include "tools/irqspec/ci_cases.h"

namespace irqspec {

/// JUnit XML as Jenkins, GitLab and the junit-xml schema read it: one
/// <testsuite> per check block or kernel column, one <testcase> per property
/// or variant; an unmet expectation is a <failure>, no verdict (or a suite
/// that could not run) an <error>, never a pass.
void write_junit(const std::vector<CiCase>& cases, std::ostream& out);

}  // namespace irqspec
