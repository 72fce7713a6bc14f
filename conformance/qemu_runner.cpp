// SPDX-License-Identifier: GPL-2.0
#include "conformance/qemu_runner.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "solver/subprocess.h"

namespace conformance {

using solver::CommandResult;
using solver::run_command;

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream b;
  b << in.rdbuf();
  return b.str();
}

std::string first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  return line;
}

/// The last `lines` lines of `text`.
std::string tail(const std::string& text, std::size_t lines) {
  std::size_t pos = text.size();
  for (std::size_t n = 0; n <= lines; ++n) {
    if (pos == 0) {
      return text;
    }
    pos = text.rfind('\n', pos - 1);
    if (pos == std::string::npos) {
      return text;
    }
  }
  return text.substr(pos + 1);
}

/// Whether `target` exists and is newer than every one of `sources`.
bool up_to_date(const fs::path& target, const std::vector<fs::path>& sources) {
  std::error_code ec;
  if (!fs::exists(target, ec)) {
    return false;
  }
  auto built = fs::last_write_time(target, ec);
  for (const fs::path& s : sources) {
    if (fs::exists(s, ec) && fs::last_write_time(s, ec) > built) {
      return false;
    }
  }
  return true;
}

/// A developer's `modules_install` root, or the lib/modules/KREL inside it.
std::string modules_tree(const std::string& dir) {
  if (fs::exists(fs::path(dir) / "modules.dep")) {
    return dir;
  }
  fs::path base = fs::path(dir) / "lib/modules";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(base, ec)) {
    if (fs::exists(e.path() / "modules.dep")) {
      return e.path().string();
    }
  }
  return "";
}

}  // namespace

std::vector<std::string> default_trace_events() {
  return {"kvm:kvm_set_irq", "kvm:kvm_pic_set_irq", "kvm:kvm_ioapic_set_irq",
          "kvm:kvm_apic_accept_irq", "kvm:kvm_inj_virq", "kvm:kvm_eoi", "kvm:kvm_ack_irq",
          "kvm:kvm_ioapic_delayed_eoi_inj", "kvm:kvm_pio", "kvm:kvm_mmio", "kvm:kvm_apic",
          "irq:irq_handler_entry", "irq:irq_handler_exit",
          // irqfd_wakeup queues irqfd_inject on "events"; the other queues
          // (rcu_gp's srcu work, vmstat) would only add noise.
          "workqueue:workqueue_queue_work workqueue == \"events\" || workqueue == "
          "\"kvm-irqfd-cleanup\"",
          // A read of 8 bytes is an eventfd's counter: the test program
          // reading its resamplefd, the one resample KVM leaves no event of
          // (6.12's IOAPIC resamples at unmask without an ack).
          "syscalls:sys_exit_read ret == 8"};
}

std::string trace_file(const std::string& dir, const std::string& check, const std::string& kernel,
                       const std::string& test) {
  return (fs::path(dir) / check / kernel / (test + ".ftrace")).string();
}

std::optional<ModuleHarness> module_harness(codegen::SuiteTarget target) {
  switch (target) {
    case codegen::SuiteTarget::KernelSrc:
      return ModuleHarness{"irqbypass-kmod", "irqspec_irqbypass_test"};
    case codegen::SuiteTarget::Kmod:
      return ModuleHarness{"genirq-kmod", "irqspec_genirq_test"};
    case codegen::SuiteTarget::HostKvm:
      break;
  }
  return std::nullopt;
}

/// The files built for one kernel: programs and modules, by suite.
struct QemuPayload {
  fs::path dir;
  std::map<std::string, std::string> files;   // suite check -> file name in `dir`
  std::map<std::string, std::string> broken;  // suite check -> why it could not be built
};

/// One boot: the items it runs, and what came back.
struct QemuBoot {
  std::string name;
  std::vector<std::string> run_list;
  bool kvm = false;        // load kvm-amd before the items
  std::string crash_item;  // the item whose test ends in an expected oops, if any
  int status = -1;         // boot.sh's exit status
  std::string console;
  QemuOutput out;
  std::string problem;
};

QemuRunner::QemuRunner(QemuOptions options) : o_(std::move(options)) {}

QemuKernel QemuRunner::prepare(const QemuKernelSpec& spec) const {
  QemuKernel k;
  k.spec = spec;
  if (spec.debian.empty()) {
    k.label = spec.image;
    k.image = spec.image;
    k.modules = modules_tree(spec.modules);
    k.headers = spec.headers;
    k.version = spec.version;
    k.release = k.modules.empty() ? "" : fs::path(k.modules).filename().string();
    k.ok = fs::exists(k.image) && !k.modules.empty();
    k.problem = k.ok ? ""
                     : "no kernel image at " + spec.image +
                           " or no lib/modules/*/modules.dep under " + spec.modules;
    return k;
  }
  k.label = "Debian " + spec.debian;
  CommandResult f = run_command(
      {o_.conformance_dir + "/qemu/fetch-kernel.sh", o_.cache_dir, spec.arch, spec.debian}, {},
      1800);
  if (f.status != 0) {
    k.problem = "could not fetch Debian's " + spec.debian + " " + spec.arch + " kernel (exit " +
                std::to_string(f.status) + "):\n" + tail(f.output, 20);
    return k;
  }
  fs::path dir = fs::path(o_.cache_dir) / spec.arch / spec.debian;  // fetch-kernel.sh's folder
  if (!fs::exists(dir / "KERNELRELEASE")) {
    k.problem = "fetch-kernel.sh left no kernel in " + dir.string() + ":\n" + tail(f.output, 20);
    return k;
  }
  // x86_64 boots the uncompressed vmlinux through PVH: 2-3 times faster.
  k.image = (dir / (spec.arch == "x86_64" && fs::exists(dir / "vmlinux") ? "vmlinux" : "vmlinuz"))
                .string();
  k.modules = (dir / "modules").string();
  k.headers = (dir / "headers").string();
  k.release = first_line(dir / "KERNELRELEASE");
  k.version = first_line(dir / "KERNELVERSION");
  k.ok = true;
  return k;
}

std::string QemuRunner::build_kvm_program(const QemuKernel& kernel, const std::string& test_c,
                                          std::string& log) const {
  // One harness per architecture, with the same C API: its guest is the
  // architecture's (real-mode x86 with a PIC/IOAPIC, EL1 arm64 with a vGICv3).
  bool arm64 = kernel.spec.arch == "arm64";
  fs::path lib_dir = fs::path(o_.work_dir) / ("kvm-harness-" + kernel.spec.arch);
  fs::path harness = fs::path(o_.conformance_dir) / (arm64 ? "arm64-kvm" : "host-kvm");
  std::string cc = arm64 ? "aarch64-linux-gnu-gcc" : "gcc";
  fs::path common = fs::path(o_.conformance_dir) / "common";
  fs::path lib = lib_dir / "libkvm-harness.a";
  std::vector<fs::path> sources = {harness / "kvm_harness.c", harness / "kvm_harness.h",
                                   harness / "kh_guest.S",    harness / "kh_guest_abi.h",
                                   common / "ktap.c",         common / "ktap.h"};
  // The architecture-independent part: every kh_* of common/ (build.sh
  // compiles them all).
  for (const auto& e : fs::directory_iterator(common)) {
    if (e.path().filename().string().rfind("kh_", 0) == 0) {
      sources.push_back(e.path());
    }
  }
  if (!up_to_date(lib, sources)) {
    CommandResult b = run_command({(harness / "build.sh").string(), lib_dir.string()});
    if (b.status != 0) {
      log = b.output;
      return "";
    }
  }
  // Static: the initramfs has no C library.
  fs::path binary = lib_dir / fs::path(test_c).stem();
  if (up_to_date(binary, {test_c, lib})) {
    return binary.string();
  }
  CommandResult built =
      run_command({cc, "-static", "-O2", "-g", "-std=gnu11", "-Wall", "-I", harness.string(), "-I",
                   common.string(), test_c, lib.string(), "-o", binary.string()});
  if (built.status != 0) {
    log = built.output;
    return "";
  }
  return binary.string();
}

std::string QemuRunner::build_module(const QemuKernel& kernel, const QemuSuite& suite,
                                     std::string& log) const {
  fs::path out =
      fs::path(o_.work_dir) / ("kmod-" + kernel.spec.arch + "-" + kernel.release) / suite.id;
  fs::path ko = out / (suite.harness.module + ".ko");
  fs::path kmod = fs::path(o_.conformance_dir) / suite.harness.dir;
  // The harness's sources, and the shared ones its build-module.sh copies beside them.
  fs::path common = fs::path(o_.conformance_dir) / "common";
  if (up_to_date(ko, {suite.files.program, kmod / "harness.c", kmod / "harness.h", kmod / "Kbuild",
                      kmod / "build-module.sh", common / "build-module.sh",
                      common / "irqspec_main.c", common / "h_api.h", common / "h_checks.c",
                      common / "h_checks.h", common / "h_ibobj.c", common / "h_ibobj.h",
                      common / "h_irqbypass.h", common / "h_kmod.c", common / "h_kmod.h",
                      common / "ktap.c", common / "ktap.h", kernel.headers + "/Makefile"})) {
    return ko.string();
  }
  std::map<std::string, std::string> env;
  if (kernel.spec.arch == "arm64") {
    env["ARCH"] = "arm64";
  }
  CommandResult b = run_command(
      {(kmod / "build-module.sh").string(), kernel.headers, suite.files.program, out.string()}, env,
      900);
  if (b.status != 0 || !fs::exists(ko)) {
    log = b.output;
    return "";
  }
  return ko.string();
}

bool QemuRunner::build_payload(const QemuKernel& kernel, const std::vector<QemuSuite>& suites,
                               QemuPayload& payload, std::string& problem) const {
  payload.dir = fs::path(o_.work_dir) / ("payload-" + kernel.spec.arch + "-" + kernel.release);
  std::error_code ec;
  fs::remove_all(payload.dir, ec);
  fs::create_directories(payload.dir, ec);
  for (const QemuSuite& s : suites) {
    if (s.files.program.empty()) {
      continue;
    }
    std::string log;
    std::string built = s.kind == QemuSuite::Kind::KvmProgram
                            ? build_kvm_program(kernel, s.files.program, log)
                            : build_module(kernel, s, log);
    if (built.empty()) {
      payload.broken[s.id] = "could not build it for " + kernel.label + ":\n" + tail(log, 30);
      continue;
    }
    // A module keeps its file name: the init strips "NAME: " from its log
    // lines by it (conformance/qemu/NOTES.md, "The kmsg section").
    std::string name = s.kind == QemuSuite::Kind::KvmProgram
                           ? s.id
                           : s.id + "/" + fs::path(built).filename().string();
    fs::create_directories((payload.dir / name).parent_path(), ec);
    fs::copy_file(built, payload.dir / name, fs::copy_options::overwrite_existing, ec);
    if (ec) {
      problem = "cannot write the payload into " + payload.dir.string() + ": " + ec.message();
      return false;
    }
    payload.files[s.id] = name;
  }
  return true;
}

void QemuRunner::plan_modules(std::vector<const QemuSuite*> modules, const QemuPayload& payload,
                              QemuBoot& main, std::vector<QemuBoot>& boots) const {
  // A crash leaves irqbypass's mutex held by a dead thread: the modules
  // without crash tests go first, every module but the last runs without
  // its crash tests in the main boot, and each of those crash tests gets a
  // boot of its own.
  std::stable_partition(modules.begin(), modules.end(),
                        [](const QemuSuite* s) { return s->files.reproducers.empty(); });
  for (std::size_t i = 0; i < modules.size(); ++i) {
    const QemuSuite& s = *modules[i];
    const std::string& ko = payload.files.at(s.id);
    bool last = i + 1 == modules.size();
    bool crashes = !s.files.reproducers.empty();
    main.run_list.push_back("kmod " + s.id + " " + ko + (crashes && !last ? " crash=0" : ""));
    if (last) {
      main.crash_item = crashes ? s.id : "";
      continue;
    }
    // The next module of its harness has the same name: this one must go.
    main.run_list.push_back("sh unload." + s.id + " rmmod " + s.harness.module +
                            " 2>/dev/null; true");
    for (const std::string& test : s.files.reproducers) {
      QemuBoot b;
      b.name = s.id + "." + test;
      b.crash_item = b.name;
      b.run_list = {"timeout " + std::to_string(o_.item_timeout),
                    "kmod " + s.id + "." + test + " " + ko + " tests=" + test};
      boots.push_back(std::move(b));
    }
  }
}

std::vector<QemuBoot> QemuRunner::plan_boots(const std::vector<QemuSuite>& suites,
                                             const QemuPayload& payload) const {
  QemuBoot main;
  main.name = "main";
  main.run_list.push_back("timeout " + std::to_string(o_.item_timeout));
  std::vector<const QemuSuite*> modules;
  for (const QemuSuite& s : suites) {
    auto f = payload.files.find(s.id);
    if (f == payload.files.end()) {
      continue;
    }
    if (s.kind == QemuSuite::Kind::KvmProgram) {
      main.kvm = true;
      main.run_list.push_back("prog " + s.id + " " + f->second);
    } else {
      modules.push_back(&s);
    }
  }
  for (std::size_t i = 0; i < o_.guest_commands.size(); ++i) {
    main.run_list.push_back("sh guest-command." + std::to_string(i + 1) + " " +
                            o_.guest_commands[i]);
  }
  std::vector<QemuBoot> boots;
  plan_modules(std::move(modules), payload, main, boots);
  boots.insert(boots.begin(), std::move(main));
  return boots;
}

void QemuRunner::boot(const QemuKernel& kernel, QemuBoot& b) const {
  fs::path dir =
      fs::path(o_.work_dir) / ("boot-" + kernel.spec.arch + "-" + kernel.release) / b.name;
  fs::path payload = dir / "payload";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(payload, ec);
  fs::path source = fs::path(o_.work_dir) / ("payload-" + kernel.spec.arch + "-" + kernel.release);
  fs::copy(source, payload, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
  std::ofstream list(payload / "run.list");
  for (const std::string& line : b.run_list) {
    list << line << "\n";
  }
  list.close();
  std::vector<std::string> pack{o_.conformance_dir + "/qemu/make-initramfs.sh",
                                "--arch",
                                kernel.spec.arch,
                                "--modules-dir",
                                kernel.modules,
                                "--payload",
                                payload.string(),
                                "--cache",
                                o_.cache_dir,
                                "-o",
                                (dir / "initrd.gz").string()};
  if (b.kvm) {
    pack.push_back("--kvm");
  }
  if (b.kvm && !o_.trace_dir.empty()) {
    // The KVM programs' boot: with the tracepoints of their traces.
    for (const std::string& e :
         o_.trace_events.empty() ? default_trace_events() : o_.trace_events) {
      pack.push_back(e.find(' ') == std::string::npos ? "--ftrace" : "--ftrace-filter");
      pack.push_back(e);
    }
  }
  CommandResult p = run_command(pack, {}, 600);
  if (p.status != 0) {
    b.status = 3;
    b.problem = "could not make the initramfs:\n" + tail(p.output, 20);
    return;
  }
  std::vector<std::string> boot_cmd{"nice",      o_.conformance_dir + "/qemu/boot.sh",
                                    "--arch",    kernel.spec.arch,
                                    "--kernel",  kernel.image,
                                    "--initrd",  (dir / "initrd.gz").string(),
                                    "--timeout", std::to_string(o_.boot_timeout),
                                    "--append",  "log_buf_len=8M",
                                    "--log",     (dir / "console.log").string(),
                                    "--out",     (dir / "out").string()};
  if (kernel.spec.arch == "x86_64") {
    // Under TCG on a loaded machine 6.1's check that the timer interrupt
    // comes through the IOAPIC can time out, and it panics ("IO-APIC +
    // timer doesn't work!", seen here beside a fuzzer): skip the check, as
    // conformance/vfio does.
    boot_cmd.insert(boot_cmd.end(), {"--append", "no_timer_check"});
  }
  CommandResult r = run_command(boot_cmd, {}, o_.boot_timeout + 120);
  b.status = r.status;
  b.console = read_file(dir / "console.log");
  b.out = parse_qemu_output(read_file(dir / "out"));
  if (r.status != 0) {
    b.problem = tail(r.output, 45);
  }
}

/// One kernel's part of a run: its column, what was built for it, its boots.
struct QemuKernelRun {
  const QemuKernel* kernel = nullptr;
  KernelColumn column;
  QemuPayload payload;
  std::vector<QemuBoot> boots;
};

void QemuRunner::boot_all(std::vector<QemuKernelRun>& runs) const {
  // Every kernel's boots in one pool; the main boots first: they run the
  // most, and a crash test's boot is short.
  std::vector<std::pair<QemuKernelRun*, QemuBoot*>> queue;
  for (QemuKernelRun& r : runs) {
    if (!r.boots.empty()) {
      queue.emplace_back(&r, &r.boots.front());
    }
  }
  for (QemuKernelRun& r : runs) {
    for (std::size_t b = 1; b < r.boots.size(); ++b) {
      queue.emplace_back(&r, &r.boots[b]);
    }
  }
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t n = next++; n < queue.size(); n = next++) {
      boot(*queue[n].first->kernel, *queue[n].second);
    }
  };
  std::vector<std::thread> threads;
  for (int t = 1; t < std::min<int>(o_.jobs, static_cast<int>(queue.size())); ++t) {
    threads.emplace_back(worker);
  }
  worker();
  for (std::thread& t : threads) {
    t.join();
  }
}

namespace {

/// Why a boot says the kernel itself failed; "" if it did not. An oops is
/// expected only inside the one item whose test ends in a crash.
std::string kernel_failure(const QemuBoot& b, int timeout) {
  const QemuItem* open = b.out.open_item();
  std::string where = open ? " while " + open->name + " was running" : "";
  switch (b.status) {
    case 0:
      break;
    case 124:
      return "the boot did not finish within " + std::to_string(timeout) + " s" + where + ":\n" +
             b.problem;
    case 125:
      return "the kernel panicked or the guest stopped" + where + ":\n" + b.problem;
    default:
      return "";  // not the kernel's fault: see QemuBoot::problem
  }
  if (!b.out.done) {
    return "the guest ended without finishing its items" + where + ":\n" + tail(b.console, 40);
  }
  std::vector<std::string> all = kernel_failures(b.out.dmesg.empty() ? b.console : b.out.dmesg);
  const QemuItem* crash = b.crash_item.empty() ? nullptr : b.out.item(b.crash_item);
  std::size_t expected = crash ? kernel_failures(crash->kmsg).size() : 0;
  if (all.size() > expected) {
    std::string lines;
    for (const std::string& l : all) {
      lines += "\n  " + l;
    }
    return "the kernel reported a failure outside an expected reproducer:" + lines;
  }
  return "";
}

/// The init's "irqspec: insmod M: status N" lines (printed on the console,
/// with what insmod said): why a kernel's own modules did not load.
std::string insmod_failures(const std::string& console) {
  std::istringstream in(console);
  std::string line, lines;
  int after = 0;
  while (std::getline(in, line)) {
    if (line.find("irqspec: insmod ") != std::string::npos) {
      after = 3;
    }
    if (after > 0) {
      lines += "\n  " + line;
      --after;
    }
  }
  return lines;
}

/// A module's KTAP, with the results of its crash tests (run in boots of
/// their own) in place of the main boot's "SKIP crash=0".
KtapReport module_report(const QemuItem& item, const std::vector<QemuBoot>& boots,
                         const std::string& check) {
  KtapReport report = parse_ktap(item.kmsg);
  for (const QemuBoot& b : boots) {
    if (b.name.rfind(check + ".", 0) != 0) {
      continue;
    }
    const QemuItem* crash = b.out.item(b.name);
    KtapReport r = crash ? parse_ktap(crash->kmsg) : KtapReport{};
    std::string test = b.name.substr(check.size() + 1);
    for (KtapResult& result : report.results) {
      if (result.name != test) {
        continue;
      }
      auto ran = std::find_if(r.results.begin(), r.results.end(),
                              [&](const KtapResult& x) { return x.name == test; });
      if (ran != r.results.end()) {
        result = *ran;
      } else {
        result.ok = false;
        result.skipped = false;
        result.diagnostics = {"# its boot of its own gave no result: " + b.problem};
      }
    }
  }
  return report;
}

Cell judge_suite(const QemuSuite& s, const QemuPayload& payload, const std::vector<QemuBoot>& boots,
                 const KernelColumn& column) {
  Cell cell;
  cell.variant = s.files.check;
  cell.notes = s.files.notes;
  cell.expected_why = s.files.variant.kernels.text();
  if (s.files.program.empty()) {
    cell.reason = s.files.variant.skip;
    return cell;
  }
  cell.expected = expectation_for(s.files.variant.kernels, column.version);
  if (auto broken = payload.broken.find(s.id); broken != payload.broken.end()) {
    cell.status = CellStatus::Broken;
    cell.reason = broken->second;
    return cell;
  }
  const QemuBoot& main = boots.front();
  const QemuItem* item = main.out.item(s.id);
  if (s.kind == QemuSuite::Kind::KvmProgram && main.out.kvm == false) {
    cell.status = CellStatus::Broken;
    cell.reason = "no /dev/kvm in the guest (kvm-amd did not load)" + insmod_failures(main.console);
    return cell;
  }
  if (item == nullptr || !item->status) {
    cell.status = CellStatus::Broken;
    cell.reason = "it did not run to its end in the guest";
    return cell;
  }
  KtapReport report = s.kind == QemuSuite::Kind::KvmProgram ? parse_ktap(item->output)
                                                            : module_report(*item, boots, s.id);
  judge_cell(report, cell);
  // A module's init returns 0 exactly when every test passed (as
  // kstm_report() does): a pass with another status is not a pass.
  if (s.kind == QemuSuite::Kind::Module && cell.status == CellStatus::Conforms &&
      *item->status != 0) {
    cell.status = CellStatus::Broken;
    cell.reason = "its KTAP says every test passed, but loading it gave status " +
                  std::to_string(*item->status);
  }
  if (cell.status == CellStatus::Broken) {
    cell.reason += "\n" + tail(item->output + item->kmsg, 30);
  }
  return cell;
}

}  // namespace

void QemuRunner::start(QemuKernelRun& r, const std::vector<QemuSuite>& suites) const {
  const QemuKernel& kernel = *r.kernel;
  KernelColumn& column = r.column;
  column.label = kernel.label;
  column.arch = kernel.spec.arch;
  column.kernel = kernel.version.empty() ? kernel.release : kernel.version;
  if (!kernel.version.empty()) {
    column.version = codegen::parse_kernel_version(kernel.version);
  }
  if (!kernel.ok) {
    column.unavailable = true;
    column.problem = kernel.problem;
    return;
  }
  if (!build_payload(kernel, suites, r.payload, column.problem)) {
    column.unavailable = true;
    return;
  }
  r.boots = plan_boots(suites, r.payload);
}

KernelColumn QemuRunner::finish(QemuKernelRun& r, const std::vector<QemuSuite>& suites) const {
  KernelColumn& column = r.column;
  if (r.boots.empty()) {
    return std::move(column);  // unavailable: nothing was booted
  }
  for (const QemuBoot& b : r.boots) {
    if (std::string why = kernel_failure(b, o_.boot_timeout); !why.empty()) {
      column.failed = true;
      column.problem += (column.problem.empty() ? "" : "\n") + ("boot " + b.name + ": " + why);
    } else if (b.status != 0) {
      column.unavailable = true;
      column.problem +=
          (column.problem.empty() ? "" : "\n") + ("boot " + b.name + ": " + b.problem);
    }
  }
  const QemuBoot& main = r.boots.front();
  for (const QemuItem& item : main.out.items) {
    if (item.name.rfind("guest-command.", 0) == 0) {
      column.notes.push_back(item.name + " (status " +
                             (item.status ? std::to_string(*item.status) : "none") + "):\n" +
                             tail(item.output, 40));
    }
  }
  if (!main.out.release.empty()) {
    column.label += " (" + main.out.release + ")";
  }
  for (const QemuSuite& s : suites) {
    column.cells.push_back(judge_suite(s, r.payload, r.boots, column));
  }
  if (!o_.trace_dir.empty()) {
    write_traces(r, suites);
  }
  return std::move(column);
}

void QemuRunner::write_traces(QemuKernelRun& r, const std::vector<QemuSuite>& suites) const {
  KernelColumn& column = r.column;
  const QemuOutput& out = r.boots.front().out;
  if (!out.hello) {
    return;  // the boot said nothing: its problem is reported already
  }
  if (out.ftrace_dir.empty() || out.ftrace_dir == "none") {
    column.notes.push_back("ftrace: the guest has no tracefs: no traces recorded");
    return;
  }
  std::string events;
  for (const auto& [event, status] : out.ftrace_events) {
    if (status != "enabled") {
      events += (events.empty() ? "" : ", ") + event + " " + status;
    }
  }
  if (!events.empty()) {
    column.notes.push_back("ftrace: not recorded on this kernel: " + events);
  }
  std::size_t written = 0;
  for (const QemuSuite& s : suites) {
    const QemuItem* item = s.kind == QemuSuite::Kind::KvmProgram && r.payload.files.count(s.id)
                               ? out.item(s.id)
                               : nullptr;
    if (item == nullptr) {
      continue;
    }
    if (!item->trace) {
      column.notes.push_back("ftrace: " + s.files.check + " gave no trace");
      continue;
    }
    // Only this run's tests: the traces of an earlier run go.
    fs::path dir =
        fs::path(trace_file(o_.trace_dir, s.files.check, column.kernel, "x")).parent_path();
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    if (long lost = trace_lost_events(*item->trace); lost > 0) {
      column.notes.push_back("ftrace: " + s.files.check + ": the ring buffer lost " +
                             std::to_string(lost) + " events");
    }
    for (const TraceSlice& slice : split_trace(*item->trace)) {
      if (slice.result == "skip") {
        continue;  // it did not run
      }
      std::string test =
          slice.name.empty() ? "unfinished-" + std::to_string(slice.number) : slice.name;
      std::ofstream f(trace_file(o_.trace_dir, s.files.check, column.kernel, test));
      f << slice.text;
      if (!f) {
        column.notes.push_back("ftrace: cannot write into " + dir.string());
        return;
      }
      ++written;
    }
  }
  column.notes.push_back("ftrace: " + std::to_string(written) + " test traces in " +
                         (fs::path(o_.trace_dir) / "CHECK" / column.kernel).string());
}

std::vector<KernelColumn> QemuRunner::run(const std::vector<QemuKernel>& kernels,
                                          const std::vector<QemuSuite>& suites) const {
  std::vector<QemuKernelRun> runs(kernels.size());
  for (std::size_t k = 0; k < kernels.size(); ++k) {
    runs[k].kernel = &kernels[k];
    start(runs[k], suites);
  }
  boot_all(runs);
  std::vector<KernelColumn> columns;
  for (QemuKernelRun& r : runs) {
    columns.push_back(finish(r, suites));
  }
  return columns;
}

}  // namespace conformance
