// SPDX-License-Identifier: GPL-2.0
#include "conformance/ktap.h"

#include <sstream>

namespace conformance {

int KtapReport::passed() const {
  int n = 0;
  for (const KtapResult& r : results) {
    n += r.ok && !r.skipped;
  }
  return n;
}

int KtapReport::failed() const {
  int n = 0;
  for (const KtapResult& r : results) {
    n += !r.ok;
  }
  return n;
}

int KtapReport::skipped() const {
  int n = 0;
  for (const KtapResult& r : results) {
    n += r.skipped;
  }
  return n;
}

KtapReport parse_ktap(const std::string& text) {
  KtapReport report;
  std::istringstream in(text);
  std::string line;
  bool version = false;
  bool seen_plan = false;
  std::vector<std::string> pending;  // diagnostics before the first result
  while (std::getline(in, line)) {
    if (line.rfind("KTAP version", 0) == 0 || line.rfind("TAP version", 0) == 0) {
      version = true;
      continue;
    }
    if (line.rfind("1..", 0) == 0) {
      report.planned = std::atoi(line.c_str() + 3);
      seen_plan = true;
      std::size_t hash = line.find('#');
      if (report.planned == 0 && hash != std::string::npos) {
        report.skip_all = line.substr(hash + 1);
        report.skip_all.erase(0, report.skip_all.find_first_not_of(" "));
      }
      report.header = std::move(pending);  // diagnostics before the plan
      pending.clear();
      continue;
    }
    bool ok = line.rfind("ok ", 0) == 0;
    bool not_ok = line.rfind("not ok ", 0) == 0;
    if (ok || not_ok) {
      KtapResult r;
      r.ok = ok;
      std::string rest = line.substr(ok ? 3 : 7);
      std::size_t space = rest.find(' ');
      r.number = std::atoi(rest.substr(0, space).c_str());
      std::string tail = space == std::string::npos ? "" : rest.substr(space + 1);
      std::size_t hash = tail.find(" # ");
      if (hash != std::string::npos) {
        r.directive = tail.substr(hash + 3);
        tail = tail.substr(0, hash);
      }
      if (tail.rfind("- ", 0) == 0) {
        tail = tail.substr(2);
      }
      r.name = tail;
      r.skipped = r.directive.rfind("SKIP", 0) == 0;
      // kselftest prints a test's diagnostics before its result line.
      r.diagnostics = std::move(pending);
      pending.clear();
      report.results.push_back(std::move(r));
      continue;
    }
    std::size_t start = line.find_first_not_of(" \t");
    if (start != std::string::npos && line[start] == '#') {
      pending.push_back(line.substr(start));
      continue;
    }
  }
  report.valid = version && (seen_plan || !report.results.empty());
  if (!version) {
    report.error = "no KTAP/TAP version line";
  }
  return report;
}

}  // namespace conformance
