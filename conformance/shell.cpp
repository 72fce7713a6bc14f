// SPDX-License-Identifier: GPL-2.0
#include "conformance/shell.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

namespace conformance {

CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& env, double timeout_seconds) {
  CommandResult result;
  int pipefd[2];
  if (argv.empty() || pipe(pipefd) != 0) {
    result.output = "cannot start a command";
    return result;
  }
  pid_t pid = fork();
  if (pid < 0) {
    close(pipefd[0]);
    close(pipefd[1]);
    result.output = "fork failed";
    return result;
  }
  if (pid == 0) {
    // Own process group, so a timeout kills the whole tree.
    setpgid(0, 0);
    dup2(pipefd[1], STDOUT_FILENO);
    dup2(pipefd[1], STDERR_FILENO);
    close(pipefd[0]);
    close(pipefd[1]);
    for (const auto& [k, v] : env) {
      setenv(k.c_str(), v.c_str(), 1);
    }
    std::vector<char*> args;
    for (const std::string& a : argv) {
      args.push_back(const_cast<char*>(a.c_str()));
    }
    args.push_back(nullptr);
    execvp(args[0], args.data());
    _exit(127);
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

}  // namespace conformance
