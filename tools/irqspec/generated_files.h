// SPDX-License-Identifier: GPL-2.0
#pragma once

// Writing generated files where a disk can fill up: every write is checked,
// so a full disk or a read-only folder is an error with the OS's reason,
// never a truncated suite that later runs as if it were whole.

#include <ostream>
#include <string>
#include <vector>

#include "codegen/suite_pipeline.h"

namespace irqspec {

/// Writes `content` to `path`; on failure prints "irqspec: error: cannot
/// write PATH: REASON" to `err` and returns false.
bool write_text_file(const std::string& path, const std::string& content, std::ostream& err);

/// Creates `dir` and writes every file into it, stopping at the first error.
bool write_generated_files(const std::string& dir, const std::vector<codegen::GeneratedFile>& files,
                           std::ostream& err);

}  // namespace irqspec
