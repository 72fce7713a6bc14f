// SPDX-License-Identifier: GPL-2.0
#include "conformance/kernel_src_runner.h"

#include <filesystem>
#include <fstream>
#include <map>

#include "solver/subprocess.h"

namespace conformance {

using solver::CommandResult;
using solver::run_command;

namespace fs = std::filesystem;

namespace {

/// VERSION.PATCHLEVEL.SUBLEVEL of a kernel tree's top Makefile, or "".
std::string makefile_version(const std::string& makefile) {
  std::ifstream in(makefile);
  std::map<std::string, std::string> fields;
  std::string line;
  for (int n = 0; n < 10 && std::getline(in, line); ++n) {
    std::size_t eq = line.find('=');
    if (eq == std::string::npos) {
      continue;
    }
    auto trim = [](std::string x) {
      x.erase(0, x.find_first_not_of(" \t"));
      x.erase(x.find_last_not_of(" \t") + 1);
      return x;
    };
    fields[trim(line.substr(0, eq))] = trim(line.substr(eq + 1));
  }
  if (fields["VERSION"].empty() || fields["PATCHLEVEL"].empty()) {
    return "";
  }
  std::string sub = fields["SUBLEVEL"].empty() ? "0" : fields["SUBLEVEL"];
  return fields["VERSION"] + "." + fields["PATCHLEVEL"] + "." + sub;
}

}  // namespace

bool locate_tree(const std::string& dir, const std::string& work, KernelTree& tree,
                 std::string& error) {
  tree.label = dir;
  tree.version = "6.1";
  fs::path d(dir);
  if (fs::exists(d / "virt/lib/irqbypass.c") && fs::exists(d / "include/linux/irqbypass.h")) {
    tree.source_c = fs::absolute(d / "virt/lib/irqbypass.c").string();
    tree.include = fs::absolute(d / "include").string();
    tree.kernel_version = makefile_version((d / "Makefile").string());
    return true;
  }
  if (fs::exists(d / "irqbypass.c") && fs::exists(d / "irqbypass.h")) {
    // A folder with the two files: give the header its kernel path.
    fs::path inc = fs::path(work) / ("include-" + std::to_string(std::hash<std::string>{}(dir)));
    fs::create_directories(inc / "linux");
    fs::copy_file(d / "irqbypass.h", inc / "linux/irqbypass.h",
                  fs::copy_options::overwrite_existing);
    tree.source_c = fs::absolute(d / "irqbypass.c").string();
    tree.include = fs::absolute(inc).string();
    return true;
  }
  error = dir +
          ": neither virt/lib/irqbypass.c with include/linux/irqbypass.h, nor "
          "irqbypass.c with irqbypass.h";
  return false;
}

KernelSrcRunner::KernelSrcRunner(std::string scripts_dir, std::string cache_dir,
                                 std::string work_dir)
    : scripts_(std::move(scripts_dir)), cache_(std::move(cache_dir)), work_(std::move(work_dir)) {}

BuiltTree KernelSrcRunner::build(const KernelTree& tree) const {
  BuiltTree b;
  b.tree = tree;
  std::string tag = tree.source_c.empty()
                        ? "linux-source-" + tree.version
                        : "tree-" + std::to_string(std::hash<std::string>{}(tree.source_c));
  fs::path out = fs::path(work_) / tag;
  fs::create_directories(out);
  b.dir = out.string();
  std::vector<std::string> argv{scripts_ + "/build-harness.sh", cache_, tree.version, b.dir};
  std::map<std::string, std::string> env;
  if (!tree.source_c.empty()) {
    argv.push_back(tree.source_c);
    env["IRQBYPASS_INCLUDE"] = tree.include;
  }
  CommandResult r = run_command(argv, env);
  if (r.status != 0) {
    b.log = r.output;
    return b;
  }
  std::ifstream kv(out / "KERNELVERSION");
  std::getline(kv, b.version);
  if (!tree.source_c.empty()) {
    b.version = tree.kernel_version;  // the package's version is not the tree's
  }
  b.built = true;
  return b;
}

TreeRun KernelSrcRunner::run(const BuiltTree& tree, const std::string& test_c) const {
  TreeRun r;
  // The suite is compiled once (it does not depend on the tree: the harness
  // header is ours) and linked against each tree's harness library.
  fs::path object = fs::path(test_c).replace_extension(".o");
  std::error_code ec;
  if (!fs::exists(object) || fs::last_write_time(object, ec) < fs::last_write_time(test_c, ec)) {
    // harness.h includes h_api.h, the harnesses' common test API.
    std::string common = (fs::path(scripts_) / ".." / "common").string();
    CommandResult cc = run_command({"gcc", "-O1", "-g", "-Wall", "-I", scripts_, "-I", common, "-c",
                                    test_c, "-o", object.string()});
    if (cc.status != 0) {
      r.log = cc.output;
      return r;
    }
  }
  fs::path binary = fs::path(tree.dir) / fs::path(test_c).stem();
  CommandResult ld =
      run_command({"gcc", object.string(), (fs::path(tree.dir) / "libirqbypass-harness.a").string(),
                   "-pthread", "-o", binary.string()});
  if (ld.status != 0) {
    r.log = ld.output;
    return r;
  }
  r.built = true;
  CommandResult t = run_command({binary.string()}, {}, 300);
  r.exit_status = t.status;
  r.ktap = parse_ktap(t.output);
  if (!r.ktap.valid) {
    r.log = t.output;
  }
  return r;
}

namespace {

Cell run_suite(const KernelSrcRunner& runner, const BuiltTree& tree, const KernelColumn& column,
               const SuiteFiles& s) {
  Cell cell;
  cell.variant = s.check;
  cell.notes = s.notes;
  cell.expected_why = s.variant.kernels.text();
  if (s.program.empty()) {
    cell.reason = s.variant.skip;
    return cell;
  }
  cell.expected = expectation_for(s.variant.kernels, column.version);
  TreeRun run = runner.run(tree, s.program);
  if (!run.built) {
    cell.status = CellStatus::Broken;
    cell.reason = "could not build the test program:\n" + run.log;
    return cell;
  }
  judge_cell(run.ktap, cell);
  if (cell.status == CellStatus::Broken) {
    cell.reason += "\n" + run.log;
  } else if (run.exit_status != 0 && cell.status == CellStatus::Conforms) {
    cell.status = CellStatus::Broken;  // every test passed, yet the program failed
    cell.reason = "the test program exited with status " + std::to_string(run.exit_status);
  }
  return cell;
}

}  // namespace

std::vector<KernelColumn> run_kernel_src(const KernelSrcRunner& runner,
                                         const std::vector<KernelTree>& trees,
                                         const std::vector<SuiteFiles>& suites) {
  std::vector<KernelColumn> columns;
  for (const KernelTree& t : trees) {
    KernelColumn column;
    column.label = t.label;
    column.arch = "userspace";
    BuiltTree tree = runner.build(t);
    if (!tree.built) {
      column.unavailable = true;
      column.problem = "could not build the harness around this tree's irqbypass.c:\n" + tree.log;
      columns.push_back(std::move(column));
      continue;
    }
    column.kernel = tree.version;
    column.version = codegen::parse_kernel_version(tree.version);
    for (const SuiteFiles& s : suites) {
      column.cells.push_back(run_suite(runner, tree, column, s));
    }
    columns.push_back(std::move(column));
  }
  return columns;
}

}  // namespace conformance
