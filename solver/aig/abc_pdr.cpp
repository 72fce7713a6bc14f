// SPDX-License-Identifier: GPL-2.0
#include "solver/aig/abc_pdr.h"

#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include "solver/aig/blif_function.h"
#include "solver/aig/safety_circuit.h"
#include "solver/subprocess.h"

namespace solver::aig {
namespace {

namespace fs = std::filesystem;
using backend::ChcAnswer;
using backend::ChcResult;
using smt::Term;

/// A directory of its own for one run's files, removed with it.
struct ScratchDir {
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "irqspec-pdr-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("cannot make a temporary directory for ABC");
    }
    path = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  fs::path path;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// ABC prints the invariant's complement, the union of the cubes it
/// blocked, as the function "inv" of the latches pi0, pi1, ...; the
/// invariant of the system is its negation read over the state, or an
/// initial state where the circuit's first frame is not one. (ABC assumes
/// the property `!hit` in its induction; it is 0 in the states read back.)
Term invariant_term(const TransitionSystem& ts, const SafetyCircuit& c, const std::string& blif,
                    smt::TermManager& tm) {
  std::map<std::string, Term> latches;
  for (std::size_t k = 0; k < c.latches.size(); ++k) {
    latches["pi" + std::to_string(k)] = latch_term(tm, ts, c.latches[k]);
  }
  Term blocked = blif_function(blif, "inv", latches, tm);
  // The latches hold a slot's bits within its range only. (The clauses are
  // made first: a conjunction lists its terms in the order they were made,
  // and the text of the invariant should start with what ABC found.)
  Term clauses = tm.mk_not(blocked);
  Term inv = tm.mk_and(clauses, tm.import(*ts.terms, ts.domain));
  return c.open_first_frame ? tm.mk_or(tm.import(*ts.terms, ts.init), inv) : inv;
}

ChcAnswer answer_of(const CommandResult& run, const std::string& program) {
  const std::string& out = run.output;
  if (run.status == 127) {
    return {ChcResult::Unknown, program + " is not installed (Debian package berkeley-abc)",
            nullptr};
  }
  if (out.find("Property proved") != std::string::npos) {
    return {ChcResult::Holds, "", nullptr};
  }
  if (out.find("was asserted in frame") != std::string::npos) {
    return {ChcResult::Violated, "", nullptr};
  }
  std::size_t reached = out.find("Reached timeout");
  if (reached != std::string::npos || out.find("[timed out after") != std::string::npos) {
    std::string why = reached == std::string::npos
                          ? "timeout"
                          : out.substr(reached, out.find('\n', reached) - reached);
    ChcAnswer a{ChcResult::Unknown, why, nullptr};
    a.ran_out = true;
    return a;
  }
  std::string last;
  std::istringstream lines(out);
  for (std::string l; std::getline(lines, l);) {
    if (l.find_first_not_of(" \t") != std::string::npos) {
      last = l;
    }
  }
  return {ChcResult::Unknown, last.empty() ? "no output" : last, nullptr};
}

}  // namespace

std::string abc_program() {
  const char* env = std::getenv("IRQSPEC_ABC");
  return env != nullptr && *env != '\0' ? env : "berkeley-abc";
}

ChcAnswer abc_pdr(const TransitionSystem& ts, std::size_t obligation, double timeout_seconds,
                  const std::vector<Term>& assumed, const std::string& dump_path) {
  SafetyCircuit circuit;
  try {
    circuit = safety_circuit(ts, obligation, assumed);
  } catch (const std::runtime_error& e) {
    return {ChcResult::Unknown, std::string("no bit-level circuit: ") + e.what(), nullptr};
  }
  ScratchDir dir;
  fs::path aiger = dir.path / "circuit.aig", blif = dir.path / "invariant.blif";
  {
    std::ofstream out(aiger, std::ios::binary);
    circuit.aig.write_aiger(out);
  }
  if (!dump_path.empty()) {
    fs::copy_file(aiger, dump_path, fs::copy_options::overwrite_existing);
  }
  // pdr's own limit first, then ours on the process.
  std::string limit = timeout_seconds > 0
                          ? " -T " + std::to_string(std::max(1L, std::lround(timeout_seconds)))
                          : "";
  std::string script =
      "read_aiger " + aiger.string() + "; pdr" + limit + "; inv_get; write_blif " + blif.string();
  std::string program = abc_program();
  double wall = timeout_seconds > 0 ? timeout_seconds + 10 : 1e7;
  ChcAnswer a = answer_of(run_command({program, "-c", script}, {}, wall), program);
  if (a.result == ChcResult::Holds) {
    auto found = std::make_shared<backend::ChcInvariant>();
    found->terms = std::make_shared<smt::TermManager>();
    try {
      found->term = invariant_term(ts, circuit, read_file(blif), *found->terms);
    } catch (const std::runtime_error& e) {
      found->refused = e.what();
    }
    a.invariant = found;
  }
  return a;
}

}  // namespace solver::aig
