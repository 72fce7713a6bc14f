// SPDX-License-Identifier: GPL-2.0
#include "solver/subprocess.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace solver {

namespace {

/// The environment of the child: ours with `extra` set over it.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    std::string kv(*e);
    if (extra.count(kv.substr(0, kv.find('='))) == 0) {
      env.push_back(kv);
    }
  }
  for (const auto& [k, v] : extra) {
    env.push_back(k + "=" + v);
  }
  return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (std::string& s : strings) {
    out.push_back(s.data());
  }
  out.push_back(nullptr);
  return out;
}

/// `program` as execvp would find it, or empty.
std::string find_program(const std::string& program) {
  if (program.find('/') != std::string::npos) {
    return access(program.c_str(), X_OK) == 0 ? program : "";
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/bin:/bin";
  for (std::size_t at = 0; at <= dirs.size();) {
    std::size_t end = std::min(dirs.find(':', at), dirs.size());
    std::string candidate = (end > at ? dirs.substr(at, end - at) : ".") + "/" + program;
    if (access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    at = end + 1;
  }
  return "";
}

/// argv started through setpriv(1), which sets the parent-death signal
/// before it executes the program: a solver, compiler or VM then dies with
/// us even when we are killed with SIGKILL (posix_spawn cannot set it, and
/// our timeout's kill of the process group never runs then). setpriv is in
/// util-linux, Essential on Debian; without it argv runs as it is. The
/// signal follows the spawning thread, which waits for the child here.
std::vector<std::string> tied_to_us(const std::vector<std::string>& argv,
                                    const std::string& resolved) {
  static const std::string setpriv = find_program("setpriv");
  if (setpriv.empty()) {
    return argv;
  }
  std::vector<std::string> tied = {setpriv, "--pdeathsig", "KILL", "--", resolved};
  tied.insert(tied.end(), argv.begin() + 1, argv.end());
  return tied;
}

/// Starts argv in a process group of its own, stdout and stderr to `out`;
/// 0 or the error number.
int spawn(const std::vector<std::string>& argv, const std::map<std::string, std::string>& env,
          int out, pid_t& pid) {
  std::string resolved = find_program(argv[0]);
  if (resolved.empty()) {
    return ENOENT;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out, STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, out, STDERR_FILENO);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);  // so a timeout kills the whole tree
  std::vector<std::string> args = tied_to_us(argv, resolved), vars = child_environment(env);
  std::vector<char*> arg_ptrs = pointers(args), env_ptrs = pointers(vars);
  int failed =
      posix_spawnp(&pid, args[0].c_str(), &actions, &attr, arg_ptrs.data(), env_ptrs.data());
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  return failed;
}

}  // namespace

// posix_spawn, not fork: it runs no pthread_atfork handlers, and libz3's
// livelocked when engine threads started ABC processes side by side.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env, double timeout_seconds) {
  CommandResult result;
  int pipefd[2];
  // Close-on-exec: a command started by another thread must not hold our
  // pipe open (its reader would wait for that command too).
  if (argv.empty() || pipe2(pipefd, O_CLOEXEC) != 0) {
    result.output = "cannot start a command";
    return result;
  }
  pid_t pid = -1;
  int failed = spawn(argv, env, pipefd[1], pid);
  if (failed != 0) {
    close(pipefd[0]);
    close(pipefd[1]);
    result.status = failed == ENOENT ? 127 : 126;
    result.output = argv[0] + ": " + std::strerror(failed);
    return result;
  }
  close(pipefd[1]);
  auto deadline = std::chrono::steady_clock::now() +
                  std::chrono::milliseconds(static_cast<long>(timeout_seconds * 1000));
  char buf[4096];
  bool timed_out = false;
  while (true) {
    long left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0) {
      timed_out = true;
      break;
    }
    struct pollfd p = {pipefd[0], POLLIN, 0};
    int r = poll(&p, 1, static_cast<int>(std::min(left, 1000L)));
    if (r < 0) {
      break;
    }
    if (r == 0) {
      continue;
    }
    ssize_t n = read(pipefd[0], buf, sizeof buf);
    if (n <= 0) {
      break;
    }
    result.output.append(buf, static_cast<std::size_t>(n));
  }
  close(pipefd[0]);
  if (timed_out) {
    kill(-pid, SIGKILL);
    result.output +=
        "\n[timed out after " + std::to_string(static_cast<int>(timeout_seconds)) + " s]\n";
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) {
    result.status = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.status = 128 + WTERMSIG(status);
  }
  return result;
}

}  // namespace solver
