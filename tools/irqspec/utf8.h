// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>

namespace irqspec {

/// `text` with every byte that does not start or continue a well-formed
/// UTF-8 sequence replaced by U+FFFD: a kernel's console can print anything,
/// and XML and JSON readers reject what is not UTF-8.
std::string valid_utf8(const std::string& text);

}  // namespace irqspec
