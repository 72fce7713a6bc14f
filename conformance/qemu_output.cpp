// SPDX-License-Identifier: GPL-2.0
#include "conformance/qemu_output.h"

#include <sstream>

namespace conformance {
namespace {

constexpr std::string_view kFrame = "@@irqspec ";

/// "key=value" fields of a framing line.
std::map<std::string, std::string> fields(const std::string& rest) {
  std::map<std::string, std::string> out;
  std::istringstream in(rest);
  std::string word;
  while (in >> word) {
    std::size_t eq = word.find('=');
    if (eq != std::string::npos) {
      out[word.substr(0, eq)] = word.substr(eq + 1);
    }
  }
  return out;
}

int to_int(const std::string& s, int fallback) {
  try {
    return std::stoi(s);
  } catch (const std::exception&) {
    return fallback;
  }
}

/// Where a raw line goes while the parser is inside an item or the dmesg.
enum class Section { None, ItemOutput, ItemKmsg, ItemTrace, Dmesg };

struct Parser {
  QemuOutput out;
  Section section = Section::None;

  void raw(const std::string& line) {
    std::string text = line.rfind("@@@", 0) == 0 ? line.substr(1) : line;
    switch (section) {
      case Section::ItemOutput:
        out.items.back().output += text + "\n";
        break;
      case Section::ItemKmsg:
        out.items.back().kmsg += text + "\n";
        break;
      case Section::ItemTrace:
        *out.items.back().trace += text + "\n";
        break;
      case Section::Dmesg:
        out.dmesg += text + "\n";
        break;
      case Section::None:
        break;
    }
  }

  void frame(const std::string& verb, const std::string& rest) {
    std::istringstream in(rest);
    std::string first;
    in >> first;
    std::map<std::string, std::string> f = fields(rest);
    if (verb == "hello") {
      out.hello = true;
    } else if (verb == "uname") {
      out.release = first;
    } else if (verb == "kvm") {
      out.kvm = first == "yes";
    } else if (verb == "module") {
      out.modules[first] = to_int(f["status"], -1);
    } else if (verb == "ftrace") {
      out.ftrace_dir = f["dir"];
    } else if (verb == "ftrace-event") {
      out.ftrace_events[first] = f["status"];
    } else if (verb == "dmesg") {
      section = first == "begin" ? Section::Dmesg : Section::None;
    } else if (verb == "begin") {
      QemuItem item;
      item.name = first;
      item.kind = f["kind"];
      out.items.push_back(std::move(item));
      section = Section::ItemOutput;
    } else if (verb == "kmsg" && !out.items.empty()) {
      section = Section::ItemKmsg;
    } else if (verb == "trace" && !out.items.empty() && out.items.back().name == first) {
      out.items.back().trace = "";
      section = Section::ItemTrace;
    } else if (verb == "end" && !out.items.empty() && out.items.back().name == first) {
      out.items.back().status = to_int(f["status"], -1);
      out.items.back().timed_out = f["timedout"] == "1";
      section = Section::None;
    } else if (verb == "error") {
      out.errors.push_back(rest);
    } else if (verb == "done") {
      out.done = true;
    }
  }

  void line(std::string l) {
    if (!l.empty() && l.back() == '\r') {
      l.pop_back();
    }
    if (l.rfind(kFrame, 0) != 0) {
      raw(l);
      return;
    }
    std::string body = l.substr(kFrame.size());
    std::size_t space = body.find(' ');
    frame(body.substr(0, space), space == std::string::npos ? "" : body.substr(space + 1));
  }
};

}  // namespace

const QemuItem* QemuOutput::item(const std::string& name) const {
  for (const QemuItem& i : items) {
    if (i.name == name) {
      return &i;
    }
  }
  return nullptr;
}

const QemuItem* QemuOutput::open_item() const {
  return !items.empty() && !items.back().status ? &items.back() : nullptr;
}

QemuOutput parse_qemu_output(const std::string& text) {
  Parser p;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    p.line(line);
  }
  return std::move(p.out);
}

namespace {

constexpr std::string_view kMarker = "tracing_mark_write: irqspec-test ";

/// The marker of a test program in a trace line: "WHAT NUMBER [NAME]".
bool trace_marker(const std::string& line, std::string& what, int& number, std::string& name) {
  std::size_t at = line.find(kMarker);
  if (at == std::string::npos) {
    return false;
  }
  std::istringstream in(line.substr(at + kMarker.size()));
  std::string num;
  name.clear();
  if (!(in >> what >> num)) {
    return false;
  }
  in >> name;
  number = to_int(num, -1);
  return number >= 0;
}

}  // namespace

std::vector<TraceSlice> split_trace(const std::string& trace) {
  std::vector<TraceSlice> slices;
  std::istringstream in(trace);
  std::string line, header, part;
  bool in_header = true, planned = false, bailed = false;
  int plan = 0, last = 0;
  std::size_t events = 0;
  auto cut = [&](int number, const std::string& name, const std::string& result) {
    slices.push_back({number, name, result, header + part, events});
    part.clear();
    events = 0;
  };
  while (std::getline(in, line)) {
    if (in_header && line.rfind('#', 0) == 0) {
      header += line + "\n";
      continue;
    }
    in_header = false;
    std::string what, name;
    int number = 0;
    if (!trace_marker(line, what, number, name)) {
      part += line + "\n";
      ++events;
      continue;
    }
    if (what == "plan") {
      planned = true;
      plan = number;
      part.clear();  // the probes of the program's main
      events = 0;
      continue;
    }
    part += line + "\n";
    ++events;
    if (!planned) {
      continue;
    }
    if (what == "bail-out") {
      bailed = true;
      cut(number, "", what);
    } else {
      last = number;
      cut(number, name, what);
    }
  }
  // The program stopped inside a test without saying so (killed, a crash):
  // what came after the last result is that test's.
  if (planned && !bailed && last < plan) {
    cut(last + 1, "", "");
  }
  return slices;
}

long trace_lost_events(const std::string& trace) {
  constexpr std::string_view key = "entries-in-buffer/entries-written: ";
  std::size_t at = trace.find(key);
  if (at == std::string::npos) {
    return 0;
  }
  long in_buffer = 0, written = 0;
  char slash = 0;
  std::istringstream in(trace.substr(at + key.size()));
  if (!(in >> in_buffer >> slash >> written) || slash != '/') {
    return 0;
  }
  return written > in_buffer ? written - in_buffer : 0;
}

std::vector<std::string> kernel_failures(const std::string& log) {
  static const char* const kSigns[] = {"Oops:",
                                       "BUG: ",
                                       "kernel BUG at",
                                       "general protection fault",
                                       "Kernel panic",
                                       "invalid opcode",
                                       "blocked for more than",
                                       "list_del corruption",
                                       "list_add corruption",
                                       "Unable to handle kernel"};
  std::vector<std::string> found;
  std::istringstream in(log);
  std::string line;
  while (std::getline(in, line)) {
    for (const char* sign : kSigns) {
      if (line.find(sign) != std::string::npos) {
        found.push_back(line);
        break;
      }
    }
  }
  return found;
}

}  // namespace conformance
