// SPDX-License-Identifier: GPL-2.0
// The irqspec command line. This is the only file that includes CLI11 (it is
// slow to compile); every subcommand's work lives in its own file.

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <functional>
#include <iostream>
#include <map>
#include <memory>

#include "solver/backend/backend.h"
#include "tools/irqspec/check_trace.h"
#include "tools/irqspec/conform.h"
#include "tools/irqspec/exit_codes.h"
#include "tools/irqspec/export_rv.h"
#include "tools/irqspec/gate.h"
#include "tools/irqspec/gen_tests.h"
#include "tools/irqspec/options.h"
#include "tools/irqspec/sweep.h"
#include "tools/irqspec/verify_specs.h"

namespace {

using irqspec::OutputFormat;

std::map<std::string, solver::EngineKind> engine_names() {
  std::map<std::string, solver::EngineKind> names;
  for (solver::EngineKind k : solver::engine_kinds()) {
    names[solver::to_string(k)] = k;
  }
  return names;
}

/// --format with the formats this subcommand can write, and no others.
void add_format(CLI::App& app, OutputFormat& format, const std::vector<std::string>& offered) {
  static const std::map<std::string, OutputFormat> all{
      {"text", OutputFormat::Text},       {"json", OutputFormat::Json},
      {"junit", OutputFormat::Junit},     {"sarif", OutputFormat::Sarif},
      {"mermaid", OutputFormat::Mermaid}, {"dot", OutputFormat::Dot}};
  std::map<std::string, OutputFormat> names;
  std::string help = "output:";
  for (const std::string& f : offered) {
    names[f] = all.at(f);
    help += (help.back() == ':' ? " " : "|") + f;
  }
  app.add_option("--format", format, help)
      ->transform(CLI::CheckedTransformer(names, CLI::ignore_case));
}

void setup_verify_specs(CLI::App& app, irqspec::VerifyOptions& o, std::vector<std::string>& sets,
                        std::string& sweep) {
  app.add_option("paths", o.paths, ".irqspec files or folders (default: models/)");
  // One value per occurrence, so `--check pic FILE` does not swallow FILE.
  app.add_option("--check", o.checks, "only this check block (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--set", sets, "override a constant: NAME=VALUE (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--engine", o.engine, "engine: auto|explicit|bmc|kind|chc|pdr")
      ->transform(CLI::CheckedTransformer(engine_names(), CLI::ignore_case));
  app.add_option("--solver", o.solver, "SMT solver: z3|cvc5|both")
      ->check(CLI::IsMember({"z3", "cvc5", "both"}));
  app.add_option("--depth", o.depth, "bound for checks that name no depth")
      ->check(CLI::Range(0, 1000000));
  app.add_option("--timeout", o.timeout_seconds,
                 "seconds per check and engine phase; running out is `unknown`")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--jobs", o.jobs, "checks and queries run in parallel (default: one per CPU)")
      ->check(CLI::Range(1, 256));
  add_format(app, o.format, {"text", "json", "junit", "sarif", "mermaid", "dot"});
  app.add_flag("--certify", o.certify,
               "re-check every proof by 1-induction with the other solver (initiation, "
               "consecution per action) before reporting it; gate always does");
  app.add_flag("!--no-symmetry", o.symmetry,
               "k-induction asks every instance of a forall, not one per orbit of "
               "interchangeable values (for comparison)");
  app.add_flag("--accept-bounded", o.accept_bounded,
               "let `bounded` meet `holds` (quick runs; never for a gate)");
  app.add_option("--memory-limit", o.memory_mib,
                 "MiB for every solver and the explicit store together; reaching it is "
                 "`unknown` (default: 3/4 of the machine's memory)")
      ->check(CLI::Range(1ull, 1ull << 30));
  // Often where someone watches, seldom in a CI log.
  o.progress_seconds = isatty(STDERR_FILENO) ? 5 : 60;
  app.add_option("--progress", o.progress_seconds,
                 "print a 'still working' line on stderr this often, in seconds: the checks "
                 "running, their engine and depth, memory (default: 5 on a terminal, else 60; 0: "
                 "never)")
      ->check(CLI::Range(0.0, 86400.0));
  app.add_flag_callback(
      "-q,--quiet", [&o] { o.progress_seconds = 0; }, "no progress lines");
  app.add_option("--sweep", sweep,
                 "verify once per value of a constant, NAME=LO..HI, and print a scaling table");
  app.add_option("--dump-smt2", o.dump_smt2, "write every SMT query to this folder (SMT-LIB2)");
  app.add_option("--max-states", o.max_states, "explicit engine: stop (bounded) after this many")
      ->check(CLI::Range(1ull, 4'000'000'000ull));
}

void setup_gen_tests(CLI::App& app, irqspec::GenTestsOptions& o, std::vector<std::string>& sets) {
  app.add_option("model", o.model, "the .irqspec model")->required();
  app.add_option("--target", o.target, "kernel-src|host-kvm|kmod|qemu|kselftest")
      ->check(CLI::IsMember({"kernel-src", "host-kvm", "kmod", "qemu", "kselftest"}));
  app.add_option("-o,--output", o.out_dir, "folder for the generated suite")->required();
  app.add_flag("--from-counterexample", o.from_counterexample,
               "only reproducers of the check's expected violations");
  app.add_option("--binding", o.binding, "binding file (default: MODEL.TARGET.json beside it)");
  app.add_option("--check", o.check, "check block to generate for (default: the binding's)");
  app.add_option("--set", sets, "override a constant: NAME=VALUE")->allow_extra_args(false);
  app.add_option("--bound", o.bound, "longest test, in steps")->check(CLI::Range(1, 200));
  app.add_option("--arch", o.arch,
                 "host-kvm, qemu: generate the variants of this architecture (default: the host's)")
      ->check(CLI::IsMember({"x86_64", "arm64"}));
  app.add_option("--solver", o.solver, "SMT solver for the test plan")
      ->check(CLI::IsMember(solver::backend::available_solvers()));
}

void setup_conform(CLI::App& app, irqspec::ConformOptions& o) {
  app.add_option("models", o.models,
                 "models (default: irqbypass for kernel-src, oneshot_forwarding for host-kvm, "
                 "both for qemu)");
  app.add_option("--target", o.target, "kernel-src|host-kvm|qemu")
      ->check(CLI::IsMember({"kernel-src", "host-kvm", "qemu"}));
  app.add_option("--source", o.sources,
                 "a kernel tree (or a folder with irqbypass.c and irqbypass.h) to test "
                 "instead of Debian's linux-source packages (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--kernel", o.versions,
                 "a Debian kernel: linux-source (kernel-src) or linux-image (qemu) version "
                 "(repeatable; default: 6.1 and 6.12)")
      ->check(CLI::IsMember({"6.1", "6.12"}))
      ->allow_extra_args(false);
  app.add_option("--arch", o.arch, "qemu: the kernels' architecture")
      ->check(CLI::IsMember({"x86_64", "arm64"}));
  app.add_option("--kernel-image", o.kernel_image,
                 "qemu: boot this kernel (one you built) instead of Debian's")
      ->check(CLI::ExistingFile);
  app.add_option("--modules", o.modules_dir,
                 "qemu: its modules (the INSTALL_MOD_PATH of make modules_install)")
      ->check(CLI::ExistingDirectory);
  app.add_option("--headers", o.headers_dir, "qemu: its build tree, for test modules")
      ->check(CLI::ExistingDirectory);
  app.add_option("--timeout", o.boot_timeout, "qemu: seconds one boot may take")
      ->check(CLI::Range(10, 86400));
  app.add_option("--guest-command", o.guest_commands,
                 "qemu: also run this shell command in each guest and show its output "
                 "(repeatable; e.g. 'cat /proc/interrupts')")
      ->allow_extra_args(false);
  app.add_option("--record-trace", o.record_trace,
                 "qemu: record the kernel's ftrace while the KVM programs run, one file a test: "
                 "DIR/CHECK/KERNEL/TEST.ftrace");
  app.add_option("--trace-event", o.trace_events,
                 "qemu: with --record-trace, record this tracepoint, SYSTEM:EVENT [FILTER] "
                 "(repeatable; replaces the default list)")
      ->allow_extra_args(false);
  app.add_option("--cache", o.cache_dir, "where extracted kernel sources are kept");
  app.add_option("--work", o.work_dir, "where suites and harnesses are built");
  app.add_option("--bound", o.bound, "longest test, in steps")->check(CLI::Range(1, 200));
  app.add_flag("-v,--verbose", o.verbose, "print every test's diagnostics");
  app.add_option("--repeat", o.repeat, "host-kvm: run every test this many times")
      ->check(CLI::Range(1, 10000));
  add_format(app, o.format, {"text", "json", "junit", "sarif"});
  app.add_option("--kernel-version", o.kernel_version,
                 "the kernel version of --source trees that do not say (a folder with "
                 "irqbypass.c and irqbypass.h): what the binding's expectations use");
  app.add_flag("!--no-expect", o.expect_versions,
               "report the matrix without expectations (a patched kernel whose version says "
               "nothing about how it behaves)");
}

void setup_gate(CLI::App& app, irqspec::GateOptions& o) {
  app.add_option("paths", o.paths, "models to verify (default: models/)");
  app.add_option("--target", o.targets, "conformance targets (default: kernel-src host-kvm qemu)")
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"kernel-src", "host-kvm", "qemu"}));
  app.add_option("--source", o.sources, "kernel-src: a kernel tree to check (repeatable)")
      ->allow_extra_args(false);
  app.add_option("--timeout", o.timeout_seconds, "seconds per property")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--jobs", o.jobs, "parallel checks")->check(CLI::Range(1, 256));
  add_format(app, o.format, {"text", "junit", "sarif"});
}

void setup_check_trace(CLI::App& app, irqspec::CheckTraceOptions& o,
                       std::vector<std::string>& sets) {
  app.add_option("model", o.model, "the .irqspec model")->required()->check(CLI::ExistingFile);
  app.add_option("trace", o.trace,
                 "the recording: irqspec's JSON (verify-specs --format json), ITF, or an "
                 "ftrace log")
      ->required();
  app.add_option("--check", o.check, "the check block it was recorded for (its constants)");
  app.add_option("--set", sets, "override a constant: NAME=VALUE")->allow_extra_args(false);
  app.add_option("--binding", o.binding,
                 "ftrace logs: which tracepoints are which actions and events (default: "
                 "MODEL's folder/NAME.ftrace.json)")
      ->check(CLI::ExistingFile);
  add_format(app, o.format, {"text", "json"});
  app.add_option("--timeout", o.timeout_seconds, "seconds for the search; running out is exit 3")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-states", o.max_states, "states the search may hold (exit 3 beyond)")
      ->check(CLI::Range(1ull, 4'000'000'000ull));
}

void setup_export(CLI::App& app, irqspec::ExportOptions& o, std::vector<std::string>& sets) {
  app.add_option("model", o.model, "the .irqspec model")->required()->check(CLI::ExistingFile);
  app.add_flag("--rv", o.rv, "the event automaton as DOT for the kernel's RV tools (dot2k, rvgen)")
      ->required();
  app.add_option("--check", o.check, "the check block whose constants to use");
  app.add_option("--set", sets, "override a constant: NAME=VALUE")->allow_extra_args(false);
  app.add_flag("--actions", o.actions, "actions are events of the automaton too");
  app.add_option("-o,--output", o.output,
                 "the .dot file (dot2k names the monitor after it; default: standard output)");
  app.add_option("--monitor", o.monitor,
                 "write the whole monitor into this folder (NAME.c with its tracepoint handlers, "
                 "NAME.h, NAME_trace.h, Kconfig); needs --check");
  app.add_option("--binding", o.binding,
                 "the monitor's tracepoint binding (default: NAME.rv.json beside the model)")
      ->check(CLI::ExistingFile);
  app.add_option("--name", o.name, "the monitor's name (default: MODEL_CHECK; at most 31 chars)");
}

bool parse_settings(const std::vector<std::string>& sets,
                    std::vector<spec::ConstSetting>& settings) {
  for (const std::string& s : sets) {
    auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == s.size()) {
      std::cerr << "irqspec: error: --set " << s << ": expected NAME=VALUE\n";
      return false;
    }
    settings.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  return true;
}

/// A subcommand: CLI11 writes its options into storage this owns, and
/// `run` does its work when it is the subcommand given.
struct Command {
  CLI::App* app = nullptr;
  std::function<irqspec::ExitCode()> run;
};

/// Runs `work` once the --set values parse into `settings`.
irqspec::ExitCode with_settings(const std::vector<std::string>& sets,
                                std::vector<spec::ConstSetting>& settings,
                                const std::function<irqspec::ExitCode()>& work) {
  return parse_settings(sets, settings) ? work() : irqspec::ExitCode::BadInput;
}

Command add_verify_specs(CLI::App& app) {
  auto o = std::make_shared<irqspec::VerifyOptions>();
  auto sets = std::make_shared<std::vector<std::string>>();
  auto sweep = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "verify-specs", "prove or refute the invariants and properties of .irqspec models");
  setup_verify_specs(*cmd, *o, *sets, *sweep);
  return {cmd, [=] {
            return with_settings(*sets, o->settings, [&] {
              if (!sweep->empty()) {
                std::string error;
                o->sweep = irqspec::parse_sweep(*sweep, error);
                if (!o->sweep) {
                  std::cerr << "irqspec: error: --sweep " << *sweep << ": " << error << "\n";
                  return irqspec::ExitCode::BadInput;
                }
              }
              return irqspec::run_verify_specs(*o, std::cout, std::cerr);
            });
          }};
}

Command add_gen_tests(CLI::App& app) {
  auto o = std::make_shared<irqspec::GenTestsOptions>();
  auto sets = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("gen-tests", "generate a conformance suite from a model");
  setup_gen_tests(*cmd, *o, *sets);
  return {cmd, [=] {
            return with_settings(*sets, o->settings,
                                 [&] { return irqspec::run_gen_tests(*o, std::cout, std::cerr); });
          }};
}

Command add_conform(CLI::App& app) {
  auto o = std::make_shared<irqspec::ConformOptions>();
  CLI::App* cmd = app.add_subcommand(
      "conform", "generate, build and run a model's conformance suite against real kernel code");
  setup_conform(*cmd, *o);
  return {cmd, [=] { return irqspec::run_conform(*o, std::cout, std::cerr); }};
}

Command add_gate(CLI::App& app) {
  auto o = std::make_shared<irqspec::GateOptions>();
  CLI::App* cmd = app.add_subcommand(
      "gate", "verify-specs and every conformance target, failing closed (for CI)");
  setup_gate(*cmd, *o);
  return {cmd, [=] {
            // An explicit --target list replaces the default one.
            if (cmd->count("--target") > 0) {
              o->targets = cmd->get_option("--target")->as<std::vector<std::string>>();
            }
            return irqspec::run_gate(*o, std::cout, std::cerr);
          }};
}

Command add_check_trace(CLI::App& app) {
  auto o = std::make_shared<irqspec::CheckTraceOptions>();
  auto sets = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "check-trace",
      "is a recorded trace (irqspec JSON, ITF, kernel ftrace) a behaviour of a model?");
  setup_check_trace(*cmd, *o, *sets);
  return {cmd, [=] {
            return with_settings(*sets, o->settings, [&] {
              return irqspec::run_check_trace(*o, std::cout, std::cerr);
            });
          }};
}

Command add_export(CLI::App& app) {
  auto o = std::make_shared<irqspec::ExportOptions>();
  auto sets = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd =
      app.add_subcommand("export", "write a model for another tool: --rv, the kernel's RV");
  setup_export(*cmd, *o, *sets);
  return {cmd, [=] {
            return with_settings(*sets, o->settings,
                                 [&] { return irqspec::run_export(*o, std::cout, std::cerr); });
          }};
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "irqspec: a model checker and conformance-test generator for Linux interrupt "
      "forwarding"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "irqspec " IRQSPEC_VERSION);
  const std::vector<Command> commands{add_verify_specs(app), add_gen_tests(app),   add_conform(app),
                                      add_gate(app),         add_check_trace(app), add_export(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return irqspec::to_int(irqspec::ExitCode::BadInput);
  }
  for (const Command& c : commands) {
    if (c.app->parsed()) {
      return irqspec::to_int(c.run());
    }
  }
  return irqspec::to_int(irqspec::ExitCode::BadInput);
}
