// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/sweep.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "solver/clock.h"
#include "tools/irqspec/json_report.h"
#include "tools/irqspec/verify_specs.h"

namespace irqspec {
namespace {

/// One value's run, summed up.
struct SweepRow {
  long long value = 0;
  double seconds = 0;  // the whole run, wall clock
  int checks = 0, met = 0, unmet = 0, inconclusive = 0;
  unsigned long long states = 0;  // the most any property stored (explicit engine)
  int depth = 0;                  // the deepest any property reached
  ExitCode exit = ExitCode::Ok;
};

SweepRow summarize(long long value, double seconds, const VerificationRun& run) {
  SweepRow row{value, seconds};
  row.checks = static_cast<int>(run.checks.size());
  for (const CheckReport& c : run.checks) {
    for (const PropertyReport& p : c.properties) {
      row.met += p.outcome == Outcome::Met;
      row.unmet += p.outcome == Outcome::Unmet || p.outcome == Outcome::InternalError;
      row.inconclusive += p.outcome == Outcome::Inconclusive;
      row.states = std::max<unsigned long long>(row.states, p.result.states);
      row.depth = std::max(row.depth, p.result.depth);
    }
  }
  row.exit = run.exit_code();
  return row;
}

void print_table(const std::string& name, const std::vector<SweepRow>& rows, std::ostream& out) {
  char line[160];
  std::snprintf(line, sizeof line, "%8s %10s %7s %5s %6s %13s %10s %6s\n", name.c_str(), "seconds",
                "checks", "met", "unmet", "inconclusive", "states", "depth");
  out << line;
  for (const SweepRow& r : rows) {
    std::snprintf(line, sizeof line, "%8lld %10.2f %7d %5d %6d %13d %10llu %6d\n", r.value,
                  r.seconds, r.checks, r.met, r.unmet, r.inconclusive, r.states, r.depth);
    out << line;
  }
}

nlohmann::json row_json(const SweepRow& r, const VerificationRun& run) {
  return {{"value", r.value},   {"seconds", r.seconds}, {"checks", r.checks},
          {"met", r.met},       {"unmet", r.unmet},     {"inconclusive", r.inconclusive},
          {"states", r.states}, {"depth", r.depth},     {"report", json_report(run)}};
}

}  // namespace

std::optional<SweepRange> parse_sweep(const std::string& text, std::string& error) {
  std::size_t eq = text.find('='), dots = text.find("..");
  SweepRange r;
  auto number = [&](std::size_t from, std::size_t to, long long& v) {
    const char* end = text.data() + to;
    auto [ptr, ec] = std::from_chars(text.data() + from, end, v);
    return ec == std::errc() && ptr == end && from < to;
  };
  if (eq == std::string::npos || eq == 0 || dots == std::string::npos || dots < eq ||
      !number(eq + 1, dots, r.low) || !number(dots + 2, text.size(), r.high)) {
    error = "expected NAME=LO..HI with integers LO and HI";
    return std::nullopt;
  }
  if (r.low > r.high || r.high - r.low >= 1000) {
    error = "LO must not be above HI, and the range at most 1000 values";
    return std::nullopt;
  }
  r.name = text.substr(0, eq);
  return r;
}

ExitCode run_sweep(const VerifyOptions& options, std::ostream& out, std::ostream& err) {
  const SweepRange& range = *options.sweep;
  for (const spec::ConstSetting& s : options.settings) {
    if (s.name == range.name) {
      err << "irqspec: error: --sweep " << range.name << " and --set " << s.name
          << " set the same constant\n";
      return ExitCode::BadInput;
    }
  }
  std::vector<SweepRow> rows;
  nlohmann::json runs = nlohmann::json::array();
  ExitCode worst = ExitCode::Ok;
  for (long long v = range.low; v <= range.high; ++v) {
    VerifyOptions one = options;
    one.sweep.reset();
    one.settings.push_back({range.name, std::to_string(v)});
    double start = solver::now_seconds();
    std::optional<VerificationRun> run = run_verification(one, err);
    if (!run || run->bad_input) {
      return ExitCode::BadInput;  // the same for every value: said once, on err
    }
    rows.push_back(summarize(v, solver::now_seconds() - start, *run));
    worst = worst_of(worst, rows.back().exit);
    if (options.format == OutputFormat::Json) {
      runs.push_back(row_json(rows.back(), *run));
    }
  }
  if (options.format == OutputFormat::Json) {
    out << nlohmann::json{{"version", 1}, {"sweep", range.name}, {"runs", runs}}.dump(2) << "\n";
  } else {
    print_table(range.name, rows, out);
  }
  return worst;
}

}  // namespace irqspec
