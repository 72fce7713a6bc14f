// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/recordings/ftrace.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <sstream>

#include "tools/irqspec/recordings/model_names.h"

namespace irqspec::recordings {
namespace {

using nlohmann::json;
using Fields = std::map<std::string, std::string>;

struct Line {
  std::string tracepoint;  // without its system: kvm_set_irq
  Fields fields;
  std::string text;  // from the tracepoint's name on
};

bool numeric(const std::string& s) {
  return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-');
}

Fields fields_of(const std::string& text) {
  Fields f;
  std::istringstream in(text);
  std::vector<std::string> words;
  for (std::string w; in >> w;) {
    while (!w.empty() && (w.back() == ',' || w.back() == ';')) {
      w.pop_back();
    }
    words.push_back(w);
  }
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::size_t eq = words[i].find('=');
    if (eq != std::string::npos && eq > 0) {
      f[words[i].substr(0, eq)] = words[i].substr(eq + 1);
    } else if (i + 1 < words.size() && !numeric(words[i]) && numeric(words[i + 1])) {
      f[words[i]] = words[i + 1];
      ++i;
    }
  }
  return f;
}

/// `  qemu-1234  [001] d..1.  12.345678: kvm_set_irq: gsi 11 level 1 source 0`
std::optional<Line> parse_line(const std::string& raw) {
  if (raw.empty() || raw[0] == '#') {
    return std::nullopt;
  }
  std::size_t bracket = raw.find(" [");
  std::size_t colon = raw.find(": ", bracket == std::string::npos ? 0 : bracket);
  if (bracket == std::string::npos || colon == std::string::npos) {
    return std::nullopt;
  }
  std::size_t name_end = raw.find(": ", colon + 2);
  if (name_end == std::string::npos) {
    name_end = raw.size();
  }
  Line l;
  l.text = raw.substr(colon + 2);
  l.tracepoint = raw.substr(colon + 2, name_end - colon - 2);
  l.fields = fields_of(name_end < raw.size() ? raw.substr(name_end + 2) : "");
  std::string task = raw.substr(0, bracket);
  task.erase(0, task.find_first_not_of(' '));
  l.fields["task"] = task.substr(0, task.rfind('-'));
  return l;
}

std::string plain_name(const std::string& tracepoint) {
  std::size_t colon = tracepoint.find(':');
  return colon == std::string::npos ? tracepoint : tracepoint.substr(colon + 1);
}

/// Each parameter the rule names: a value, or {"field": F} of the line.
void resolve_args(const spec::Model& model, const std::vector<spec::Param>& params,
                  const json& args, FtraceRule& r) {
  r.args.assign(params.size(), std::nullopt);
  r.fields.assign(params.size(), "");
  for (const auto& [name, spec] : args.items()) {
    int i = param_index(params, name);
    if (i < 0) {
      throw RecordingError("binding rule for " + r.tracepoint + ": no parameter '" + name + "'");
    }
    if (spec.is_object() && spec.contains("field")) {
      r.fields[i] = spec.at("field").get<std::string>();
    } else {
      r.args[i] =
          value_of(model, params[i].type, spec, "binding rule for " + r.tracepoint + ", " + name);
    }
  }
}

FtraceRule rule_of(const spec::Model& model, const json& j) {
  FtraceRule r;
  r.tracepoint = plain_name(j.at("tracepoint").get<std::string>());
  const json where = j.value("where", json::object());
  for (const auto& [k, v] : where.items()) {
    r.where[k] = v.is_string() ? v.get<std::string>() : v.dump();
  }
  r.contains = j.value("contains", "");
  r.ignore = j.value("ignore", false);
  r.end = j.value("end", false);
  if (r.ignore || r.end) {
    return r;
  }
  if (j.contains("event") == j.contains("action")) {
    throw RecordingError("binding rule for " + r.tracepoint +
                         ": give one of event, action or ignore");
  }
  r.is_event = j.contains("event");
  r.id = r.is_event ? event_named(model, j.at("event").get<std::string>())
                    : action_named(model, j.at("action").get<std::string>());
  const std::vector<spec::Param>& params =
      r.is_event ? model.events[r.id].params : model.actions[r.id].params;
  resolve_args(model, params, j.value("args", json::object()), r);
  return r;
}

bool applies(const FtraceRule& r, const Line& l) {
  if (r.tracepoint != l.tracepoint || l.text.find(r.contains) == std::string::npos) {
    return false;
  }
  for (const auto& [k, v] : r.where) {
    auto it = l.fields.find(k);
    if (it == l.fields.end() || it->second != v) {
      return false;
    }
  }
  return true;
}

solver::Observation observation_of(const spec::Model& model, const FtraceRule& r, const Line& l,
                                   const std::string& where) {
  solver::Observation o;
  o.where = where;
  o.text = l.text;
  (r.is_event ? o.event : o.action) = r.id;
  o.args = r.args;
  const std::vector<spec::Param>& params =
      r.is_event ? model.events[r.id].params : model.actions[r.id].params;
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (r.fields[i].empty()) {
      continue;
    }
    auto it = l.fields.find(r.fields[i]);
    if (it == l.fields.end()) {
      throw RecordingError(where + ": the line has no field \"" + r.fields[i] + "\"");
    }
    o.args[i] = value_of_text(model, params[i].type, it->second, where + ": " + params[i].name);
  }
  return o;
}

}  // namespace

FtraceBinding read_ftrace_binding(const spec::Model& model, const json& binding) {
  FtraceBinding b;
  try {
    for (const json& j : binding.at("tracepoints")) {
      std::vector<std::string> checks = j.value("checks", std::vector<std::string>{});
      if (checks.empty() ||
          std::find(checks.begin(), checks.end(), model.check.name) != checks.end()) {
        b.rules.push_back(rule_of(model, j));  // else it shows the event in other variants only
      }
    }
  } catch (const json::exception& e) {
    throw RecordingError("not an ftrace binding: " + std::string(e.what()));
  }
  return b;
}

NamedRecording read_ftrace(const spec::Model& model, const FtraceBinding& binding,
                           const std::string& text, const std::string& origin) {
  NamedRecording r;
  r.name = "the ftrace log";
  r.trace.kind = solver::RecordedTrace::Kind::Projected;
  r.trace.observable_actions.assign(model.actions.size(), false);
  r.trace.observable_events.assign(model.events.size(), false);
  for (const FtraceRule& rule : binding.rules) {
    if (!rule.ignore && !rule.end) {
      (rule.is_event ? r.trace.observable_events : r.trace.observable_actions)[rule.id] = true;
    }
  }
  std::istringstream in(text);
  int number = 0;
  bool ended = false;
  for (std::string raw; !ended && std::getline(in, raw);) {
    ++number;
    std::optional<Line> line = parse_line(raw);
    for (const FtraceRule& rule : binding.rules) {
      if (line && applies(rule, *line)) {
        ended = rule.end;
        if (!rule.ignore && !rule.end) {
          r.trace.observations.push_back(
              observation_of(model, rule, *line, origin + ":" + std::to_string(number)));
        }
        break;
      }
    }
  }
  return r;
}

}  // namespace irqspec::recordings
