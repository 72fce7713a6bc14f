// SPDX-License-Identifier: GPL-2.0
#pragma once

#include <string>
#include <vector>

namespace conformance {

/// One result line of a KTAP/TAP stream, with the diagnostics that follow it.
struct KtapResult {
  int number = 0;
  std::string name;
  bool ok = false;
  bool skipped = false;
  std::string directive;                 // text after '#' on the result line
  std::vector<std::string> diagnostics;  // "# ..." lines before the next result
};

struct KtapReport {
  bool valid = false;  // a version line and a plan were seen
  int planned = 0;
  std::vector<std::string> header;  // diagnostics before the plan
  std::vector<KtapResult> results;
  std::string error;     // why it is not valid
  std::string skip_all;  // "1..0 # SKIP reason": the whole program skipped

  int passed() const;
  int failed() const;
  int skipped() const;
};

/// Parses the top level of a KTAP ("KTAP version 1") or TAP 13 stream.
KtapReport parse_ktap(const std::string& text);

}  // namespace conformance
