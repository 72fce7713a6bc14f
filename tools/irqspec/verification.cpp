// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/verification.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <set>
#include <thread>

#include "solver/resources.h"
#include "solver/verifier.h"
#include "spec/front_end.h"
#include "tools/irqspec/heartbeat.h"

namespace irqspec {

namespace fs = std::filesystem;

ExitCode VerificationRun::exit_code() const {
  bool unmet = false, inconclusive = false, internal = false;
  for (const CheckReport& c : checks) {
    for (const PropertyReport& p : c.properties) {
      unmet = unmet || p.outcome == Outcome::Unmet;
      inconclusive = inconclusive || p.outcome == Outcome::Inconclusive;
      internal = internal || p.outcome == Outcome::InternalError;
    }
  }
  if (internal) {
    return ExitCode::Internal;
  }
  if (bad_input) {
    return ExitCode::BadInput;
  }
  if (unmet) {
    return ExitCode::Unmet;
  }
  if (inconclusive) {
    return ExitCode::Inconclusive;
  }
  return ExitCode::Ok;
}

Outcome judge(const solver::ObligationResult& r, spec::Expectation expected, bool accept_bounded) {
  using solver::Verdict;
  if (r.internal_error) {
    return Outcome::InternalError;
  }
  if (expected == spec::Expectation::Holds) {
    switch (r.verdict) {
      case Verdict::Proved:
        return Outcome::Met;
      case Verdict::Violated:
        return Outcome::Unmet;
      case Verdict::Bounded:
        return accept_bounded ? Outcome::Met : Outcome::Inconclusive;
      case Verdict::Unknown:
        return Outcome::Inconclusive;
    }
  }
  switch (r.verdict) {
    case Verdict::Violated:
      return Outcome::Met;
    case Verdict::Proved:
      return Outcome::Unmet;
    // The violation was looked for up to the bound and not found.
    case Verdict::Bounded:
      return Outcome::Unmet;
    case Verdict::Unknown:
      return Outcome::Inconclusive;
  }
  return Outcome::Inconclusive;
}

std::vector<std::string> collect_model_files(const std::vector<std::string>& paths,
                                             std::ostream& diag_out, bool& bad_input) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::end(it);
           it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".irqspec") {
          found.push_back(it->path().string());
        }
      }
      std::sort(found.begin(), found.end());
      if (found.empty()) {
        diag_out << p << ": error: no .irqspec files in this folder\n";
        bad_input = true;
      }
      files.insert(files.end(), found.begin(), found.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      diag_out << p << ": error: no such file or folder\n";
      bad_input = true;
    }
  }
  return files;
}

namespace {

solver::Limits limits_for(const VerifyOptions& options, const spec::Model& model) {
  solver::Limits limits;
  limits.depth = model.check.depth ? model.check.depth : options.depth;
  limits.timeout_seconds = options.timeout_seconds;
  limits.max_states = options.max_states;
  limits.max_memory_bytes = solver::Resources::process().memory_limit();
  return limits;
}

solver::VerifyRequest request_for(const VerifyOptions& options, const spec::Model& model,
                                  std::shared_ptr<solver::Progress> progress) {
  solver::VerifyRequest r;
  r.engine = options.engine;
  r.solvers = options.solver == "both" ? std::vector<std::string>{"z3", "cvc5"}
                                       : std::vector<std::string>{options.solver};
  r.limits = limits_for(options, model);
  r.limits.progress = std::move(progress);
  r.jobs = options.jobs;
  r.dump_dir = options.dump_smt2;
  r.certify = options.certify;
  r.symmetry = options.symmetry;
  return r;
}

CheckReport run_check(const VerifyOptions& options, std::shared_ptr<const spec::Model> model,
                      std::shared_ptr<solver::Progress> progress) {
  CheckReport report;
  report.file = model->file;
  report.check = model->check.name;
  report.model = model;
  std::vector<int> obligations;
  for (const spec::Expect& e : model->check.expects) {
    obligations.push_back(e.obligation);
  }
  std::vector<solver::ObligationResult> results =
      solver::verify_obligations(*model, obligations, request_for(options, *model, progress));
  for (std::size_t i = 0; i < results.size(); ++i) {
    const spec::Expect& e = model->check.expects[i];
    const spec::Obligation& o = model->obligations[e.obligation];
    PropertyReport p;
    p.name = o.name;
    p.kind = o.kind;
    p.expected = e.expected;
    p.outcome = judge(results[i], e.expected, options.accept_bounded);
    p.result = std::move(results[i]);
    report.properties.push_back(std::move(p));
  }
  return report;
}

}  // namespace

namespace {

/// Every --set must name a constant of some model and every --check a check
/// of some model: known before any work starts, reported all at once.
bool selection_is_valid(const VerifyOptions& options,
                        const std::vector<std::unique_ptr<spec::Document>>& docs,
                        std::ostream& diag_out) {
  bool ok = true;
  for (const spec::ConstSetting& s : options.settings) {
    bool used = std::any_of(docs.begin(), docs.end(),
                            [&](const auto& d) { return d->declares_constant(s.name); });
    if (!used) {
      diag_out << "irqspec: error: --set " << s.name << ": no model has a constant named '"
               << s.name << "'\n";
      ok = false;
    }
  }
  for (const std::string& c : options.checks) {
    bool used =
        std::any_of(docs.begin(), docs.end(), [&](const auto& d) { return d->has_check(c); });
    if (!used) {
      diag_out << "irqspec: error: --check " << c << ": no model has a check named '" << c << "'\n";
      ok = false;
    }
  }
  return ok;
}

/// The checks of one file that the options select, elaborated.
void elaborate_checks(const VerifyOptions& options, spec::Document& doc,
                      std::vector<std::shared_ptr<const spec::Model>>& pending,
                      std::ostream& diag_out, bool& bad_input) {
  std::vector<spec::ConstSetting> settings;
  std::copy_if(options.settings.begin(), options.settings.end(), std::back_inserter(settings),
               [&](const spec::ConstSetting& s) { return doc.declares_constant(s.name); });
  // The implicit job first: an error in the model itself is reported once,
  // not once per check.
  if (!doc.elaborate("", settings, diag_out)) {
    bad_input = true;
    return;
  }
  for (const std::string& name : doc.check_names()) {
    if (!options.checks.empty() &&
        std::find(options.checks.begin(), options.checks.end(), name) == options.checks.end()) {
      continue;
    }
    if (auto model = doc.elaborate(name, settings, diag_out)) {
      pending.push_back(std::move(model));
    } else {
      bad_input = true;  // reported; the other checks still run
    }
  }
}

/// BMC proves only where a check's state space closes within its bound (the
/// completeness threshold); without --depth, say the bound before the wait.
void announce_bmc_bound(const VerifyOptions& options,
                        const std::vector<std::shared_ptr<const spec::Model>>& pending,
                        std::ostream& diag_out) {
  if (options.engine != solver::EngineKind::Bmc || options.depth) {
    return;
  }
  bool unbounded = std::any_of(pending.begin(), pending.end(),
                               [](const auto& m) { return !m->check.depth.has_value(); });
  if (unbounded) {
    diag_out << "irqspec: note: --engine bmc without --depth: a check that names no depth "
                "stops at "
             << solver::EngineOptions{}.default_bound
             << " steps unless every reachable state is seen sooner; beyond that it is "
                "bounded("
             << solver::EngineOptions{}.default_bound << "), not proved\n";
  }
}

}  // namespace

VerificationRun verify(const VerifyOptions& options, std::ostream& diag_out) {
  VerificationRun run;
  std::vector<std::string> paths = options.paths;
  if (paths.empty()) {
    paths.push_back("models");
  }
  std::vector<std::unique_ptr<spec::Document>> docs;
  for (const std::string& path : collect_model_files(paths, diag_out, run.bad_input)) {
    if (std::unique_ptr<spec::Document> doc = spec::Document::open(path, diag_out)) {
      docs.push_back(std::move(doc));
    } else {
      run.bad_input = true;
    }
  }
  if (!selection_is_valid(options, docs, diag_out)) {
    run.bad_input = true;
    return run;
  }
  std::vector<std::shared_ptr<const spec::Model>> pending;  // verified below
  for (auto& doc : docs) {
    elaborate_checks(options, *doc, pending, diag_out, run.bad_input);
  }
  if (run.bad_input) {
    return run;  // every error known before the work is reported before it
  }
  solver::Resources& resources = solver::Resources::process();
  if (options.memory_mib != 0) {
    resources.set_memory_limit(static_cast<std::uint64_t>(options.memory_mib) << 20);
  }
  solver::Resources::Watch watch(resources);
  announce_bmc_bound(options, pending, diag_out);
  Heartbeat heartbeat(diag_out, options.progress_seconds, pending.size());
  // Checks are independent: verify them `jobs` at a time, report in order.
  run.checks.resize(pending.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t n = next++; n < pending.size(); n = next++) {
      std::string name = pending[n]->file + " check " + pending[n]->check.name;
      auto progress = std::make_shared<solver::Progress>();
      heartbeat.started(name, progress);
      run.checks[n] = run_check(options, pending[n], progress);
      heartbeat.finished(name);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < std::min<int>(options.jobs, static_cast<int>(pending.size())); ++t) {
    threads.emplace_back(worker);
  }
  worker();
  for (std::thread& t : threads) {
    t.join();
  }
  return run;
}

}  // namespace irqspec
