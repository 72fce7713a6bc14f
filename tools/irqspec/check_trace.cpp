// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/check_trace.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "solver/trace_membership.h"
#include "spec/front_end.h"
#include "tools/irqspec/json_report.h"
#include "tools/irqspec/recordings/ftrace.h"
#include "tools/irqspec/recordings/irqspec_json.h"
#include "tools/irqspec/recordings/itf.h"
#include "tools/irqspec/recordings/model_names.h"
#include "tools/irqspec/text_report.h"

namespace irqspec {
namespace {

using nlohmann::json;
using recordings::NamedRecording;
using recordings::RecordingError;
using solver::Membership;

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return std::nullopt;
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The check to use: the one named, or the file's only one.
std::optional<std::string> check_of(const spec::Document& doc, const std::string& wanted,
                                    std::ostream& err) {
  std::vector<std::string> names = doc.check_names();
  if (!wanted.empty()) {
    if (doc.has_check(wanted)) {
      return wanted;
    }
    err << "irqspec: error: --check " << wanted << ": " << doc.path() << " has no such check\n";
    return std::nullopt;
  }
  if (names.size() == 1) {
    return names.front();
  }
  err << "irqspec: error: " << doc.path() << " has " << names.size()
      << " checks; name the one the trace was recorded for with --check (";
  for (std::size_t i = 0; i < names.size(); ++i) {
    err << (i ? ", " : "") << names[i];
  }
  err << ")\n";
  return std::nullopt;
}

std::string default_binding(const std::string& model_path) {
  std::filesystem::path p(model_path);
  return (p.parent_path() / (p.stem().string() + ".ftrace.json")).string();
}

/// "FILE: error: what", or "FILE:LINE: error: ..." where `what` starts
/// with the location already (the readers put the line of a trace first).
std::string error_line(const std::string& file, const std::string& what) {
  std::size_t end = file.size();
  if (what.rfind(file, 0) == 0) {
    std::size_t digits = end + 1;
    while (digits < what.size() && std::isdigit(static_cast<unsigned char>(what[digits]))) {
      ++digits;
    }
    end = digits > end + 1 && what.compare(end, 1, ":") == 0 ? digits : end;
    if (what.compare(end, 2, ": ") == 0) {
      return what.substr(0, end) + ": error: " + what.substr(end + 2);
    }
  }
  return file + ": error: " + what;
}

/// `read()`, with a RecordingError it throws located in `file`.
template <typename Read>
auto located(const std::string& file, Read read) -> decltype(read()) {
  try {
    return read();
  } catch (const RecordingError& e) {
    throw RecordingError(error_line(file, e.what()));
  }
}

json parse_json(const std::string& text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw RecordingError("not valid JSON (byte " + std::to_string(e.byte) + "): " + e.what());
  }
}

std::string read_or_throw(const std::string& path, const char* what) {
  std::optional<std::string> text = read_file(path);
  if (!text) {
    throw RecordingError(std::string("cannot read ") + what);
  }
  return *text;
}

/// The ftrace binding of a log: --binding, else the model's NAME.ftrace.json.
recordings::FtraceBinding binding_of(const spec::Model& model, const CheckTraceOptions& o) {
  std::string path = o.binding.empty() ? default_binding(o.model) : o.binding;
  return located(path, [&] {
    json binding = parse_json(read_or_throw(path, "the ftrace binding (--binding)"));
    if (binding.value("model", model.name) != model.name) {
      throw RecordingError("a binding for model " + binding.value("model", "") + ", not " +
                           model.name);
    }
    return recordings::read_ftrace_binding(model, binding);
  });
}

/// Every recording in the trace file, in the format its content says. A
/// RecordingError it throws is the whole message, located.
std::vector<NamedRecording> read_recordings(const spec::Model& model, const CheckTraceOptions& o) {
  std::string text = located(o.trace, [&] { return read_or_throw(o.trace, "the trace"); });
  std::size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos || text[first] != '{') {
    recordings::FtraceBinding binding = binding_of(model, o);
    return located(o.trace, [&] {
      return std::vector<NamedRecording>{recordings::read_ftrace(model, binding, text, o.trace)};
    });
  }
  return located(o.trace, [&] {
    json doc = parse_json(text);
    if (recordings::is_itf(doc)) {
      return std::vector<NamedRecording>{recordings::read_itf(model, doc, o.trace)};
    }
    if (recordings::is_irqspec_json(doc)) {
      return recordings::read_irqspec_json(model, doc, o.trace);
    }
    throw RecordingError("JSON, but neither irqspec's traces nor an ITF trace");
  });
}

std::string state_text(const spec::Model& model, const std::vector<spec::Value>& state) {
  std::string s;
  for (int i = 0; i < model.slot_count(); ++i) {
    s += (i ? " " : "") + model.slots[i].name + "=" + model.format(model.slots[i].type, state[i]);
  }
  return s;
}

const char* answer_word(Membership::Answer a) {
  switch (a) {
    case Membership::Answer::Explained:
      return "explained";
    case Membership::Answer::NotExplained:
      return "not-explained";
    case Membership::Answer::Unknown:
      return "unknown";
  }
  return "?";
}

std::string what_was_seen(const solver::Observation& o) {
  return o.where + (o.text.empty() ? "" : ": " + o.text);
}

void print_text(const spec::Model& model, const NamedRecording& r, const Membership& m,
                std::ostream& out) {
  std::size_t n = r.trace.observations.size();
  std::string whose = model.name + " (check " + model.check.name + ")";
  if (m.answer == Membership::Answer::Explained) {
    out << r.name << ": a behaviour of " << whose << ": all " << n
        << " observations explained, by these " << m.witness->length() << " steps\n";
    print_trace(model, *m.witness, out);
    return;
  }
  if (m.answer == Membership::Answer::Unknown) {
    out << r.name << ": undecided (" << m.reason << ") after " << m.states << " states\n";
    return;
  }
  if (m.explained == 0 && m.candidate_count == 0) {
    out << r.name << ": not a behaviour of " << whose << ": " << m.reason << "\n";
    return;
  }
  out << r.name << ": not a behaviour of " << whose << ": observation " << m.explained + 1 << " of "
      << n << " is explained by no behaviour that explains the ones before it\n  "
      << what_was_seen(r.trace.observations[m.explained]) << "\n";
  out << "before it the model can be in " << m.candidate_count << " state"
      << (m.candidate_count == 1 ? "" : "s")
      << (m.candidates.size() < m.candidate_count ? ", among them" : "") << ":\n";
  for (const std::vector<spec::Value>& s : m.candidates) {
    out << "  " << state_text(model, s) << "\n";
  }
  if (!m.difference.empty()) {
    out << m.difference << "\n";
  }
  out << "from there it can show next: ";
  for (std::size_t i = 0; i < m.could_be_next.size(); ++i) {
    out << (i ? ", " : "") << m.could_be_next[i];
  }
  out << (m.could_be_next.empty() ? "nothing (a deadlock)\n" : "\n");
  if (m.witness) {
    out << "a behaviour explaining observations 1.." << m.explained << ":\n";
    print_trace(model, *m.witness, out);
  }
}

json json_result(const spec::Model& model, const NamedRecording& r, const Membership& m) {
  json j;
  j["name"] = r.name;
  j["answer"] = answer_word(m.answer);
  j["observations"] = r.trace.observations.size();
  j["explained"] = m.explained;
  j["states"] = m.states;
  if (!m.reason.empty()) {
    j["reason"] = m.reason;
  }
  if (m.answer == Membership::Answer::NotExplained && !m.candidates.empty()) {
    const solver::Observation& o = r.trace.observations[m.explained];
    j["first_unexplained"] = {{"where", o.where}, {"text", o.text}};
    j["candidate_count"] = m.candidate_count;
    json candidates = json::array();
    for (const std::vector<spec::Value>& s : m.candidates) {
      json state = json::object();
      for (int i = 0; i < model.slot_count(); ++i) {
        state[model.slots[i].name] = model.format(model.slots[i].type, s[i]);
      }
      candidates.push_back(state);
    }
    j["candidates"] = candidates;
    j["could_be_next"] = m.could_be_next;
    if (!m.difference.empty()) {
      j["difference"] = m.difference;
    }
  }
  if (m.witness) {
    j["initial"] = json_initial(model, *m.witness);
    j["trace"] = json_trace(model, *m.witness);
  }
  return j;
}

ExitCode exit_of(const Membership& m) {
  if (m.answer == Membership::Answer::Explained) {
    return ExitCode::Ok;
  }
  if (m.answer == Membership::Answer::NotExplained) {
    return ExitCode::Unmet;
  }
  return m.reason.rfind("internal error", 0) == 0 ? ExitCode::Internal : ExitCode::Inconclusive;
}

}  // namespace

ExitCode run_check_trace(const CheckTraceOptions& o, std::ostream& out, std::ostream& err) {
  std::unique_ptr<spec::Document> doc = spec::Document::open(o.model, err);
  if (!doc) {
    return ExitCode::BadInput;
  }
  std::optional<std::string> check = check_of(*doc, o.check, err);
  std::shared_ptr<const spec::Model> model =
      check ? doc->elaborate(*check, o.settings, err) : nullptr;
  if (!model) {
    return ExitCode::BadInput;
  }
  std::vector<NamedRecording> recorded;
  try {
    recorded = read_recordings(*model, o);
  } catch (const RecordingError& e) {
    err << e.what() << "\n";
    return ExitCode::BadInput;
  }
  solver::Semantics semantics(*model);
  solver::MembershipLimits limits;
  limits.timeout_seconds = o.timeout_seconds;
  limits.max_states = o.max_states;
  ExitCode status = ExitCode::Ok;
  json results = json::array();
  for (const NamedRecording& r : recorded) {
    Membership m = solver::check_membership(semantics, r.trace, limits);
    status = worst_of(status, exit_of(m));
    if (o.format == OutputFormat::Json) {
      results.push_back(json_result(*model, r, m));
    } else {
      print_text(*model, r, m, out);
    }
  }
  if (o.format == OutputFormat::Json) {
    out << json{{"version", 1},
                {"model", model->name},
                {"check", model->check.name},
                {"traces", results}}
               .dump(2)
        << "\n";
  }
  return status;
}

}  // namespace irqspec
