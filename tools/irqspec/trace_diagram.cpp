// SPDX-License-Identifier: GPL-2.0
#include "tools/irqspec/trace_diagram.h"

#include <algorithm>

#include "solver/trace_view.h"

namespace irqspec {
namespace {

/// Mermaid ends a statement at a newline or ';' and reads '#' as the start
/// of an entity code: both are written as entity codes.
std::string mermaid_text(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    if (c == ';' || c == '#' || c == '\n') {
      out += c == '\n' ? std::string("<br/>") : "#" + std::to_string(int(c)) + ";";
    } else {
      out += c;
    }
  }
  return out;
}

/// Lane ids are the actor names prefixed (an actor may be called `end`).
std::string lane(const std::string& actor) {
  return "a_" + actor;
}

std::vector<std::string> lanes_of(const spec::Model& m, const solver::TraceView& view) {
  std::vector<std::string> lanes = m.actors;
  for (const solver::StepViewText& s : view.steps) {
    if (std::find(lanes.begin(), lanes.end(), s.actor) == lanes.end()) {
      lanes.push_back(s.actor);  // a top-level action's lane is the model's name
    }
  }
  return lanes;
}

std::string step_label(const solver::StepViewText& s) {
  std::string call = s.call();
  std::string label = std::to_string(s.number) + ". " + call.substr(s.actor.size() + 1);
  return s.result ? label + " -> " + s.result->value : label;
}

std::string changes_text(const solver::StepViewText& s, const char* separator) {
  std::string text;
  for (const solver::Change& c : s.changes) {
    text +=
        (text.empty() ? "" : separator) + c.slot + ": " + c.before.value + " → " + c.after.value;
  }
  return text;
}

/// Graphviz double-quoted strings: quotes and backslashes escaped.
std::string dot_text(const std::string& raw) {
  std::string out;
  for (char c : raw) {
    if (c == '"' || c == '\\') {
      out += '\\';
    }
    out += c;
  }
  return out;
}

/// Lines as one Graphviz label, separated by `end` (\\l: left-justified)
/// and, if `ended`, ended by it (a node's last line is justified too).
std::string dot_lines(const std::vector<std::string>& lines, const char* end, bool ended = true) {
  std::string label;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    label += dot_text(lines[i]) + (ended || i + 1 < lines.size() ? end : "");
  }
  return label;
}

}  // namespace

std::string mermaid_trace(const spec::Model& m, const solver::Trace& trace,
                          const std::string& failure) {
  solver::TraceView view = solver::describe(m, trace);
  std::vector<std::string> lanes = lanes_of(m, view);
  std::string out = "sequenceDiagram\n  participant env as environment\n";
  for (const std::string& l : lanes) {
    out += "  participant " + lane(l) + " as " + mermaid_text(l) + "\n";
  }
  out += "  participant observed as observed events\n";
  for (const solver::StepViewText& s : view.steps) {
    std::string to = lane(s.actor);
    out += "  " + (s.input ? std::string("env") : to) + "->>" + to + ": " +
           mermaid_text(step_label(s)) + "\n";
    for (const solver::EventView& e : s.events) {
      out += "  " + to + "-)observed: " + mermaid_text(e.text()) + "\n";
    }
    if (!s.changes.empty()) {
      out += "  Note over " + to + ": " + mermaid_text(changes_text(s, "<br/>")) + "\n";
    }
    if (s.failed) {
      out += "  Note over env,observed: FAILS: " + mermaid_text(s.failure) + "\n";
    }
  }
  if (!failure.empty()) {
    out += "  Note over env,observed: " + mermaid_text(failure) + "\n";
  }
  return out;
}

std::string dot_trace(const spec::Model& m, const solver::Trace& trace, const std::string& name,
                      const std::string& failure) {
  solver::TraceView view = solver::describe(m, trace);
  std::string out = "digraph \"" + dot_text(name) +
                    "\" {\n  node [shape=box, fontname=\"monospace\"];\n"
                    "  edge [fontname=\"monospace\"];\n";
  std::vector<std::string> initial{"initial state"};
  for (const solver::NamedValue& v : view.initial) {
    initial.push_back(v.name + "=" + v.value);
  }
  out += "  s0 [label=\"" + dot_lines(initial, "\\l") + "\"];\n";
  for (const solver::StepViewText& s : view.steps) {
    std::vector<std::string> state;
    for (const solver::Change& c : s.changes) {
      state.push_back(c.slot + ": " + c.before.value + " → " + c.after.value);
    }
    bool last = s.number == static_cast<int>(view.steps.size());
    if (s.failed) {
      state.push_back("FAILS: " + s.failure);
    } else if (last && !failure.empty()) {
      state.push_back(failure);
    }
    if (state.empty()) {
      state.push_back("(no change)");
    }
    std::vector<std::string> edge{step_label(s)};
    for (const solver::EventView& e : s.events) {
      edge.push_back("emit " + e.text());
    }
    std::string n = std::to_string(s.number);
    std::string red = s.failed || (last && !failure.empty()) ? ", color=red" : "";
    out += "  s" + n + " [label=\"" + dot_lines(state, "\\l") + "\"" + red + "];\n";
    out += "  s" + std::to_string(s.number - 1) + " -> s" + n + " [label=\"" +
           dot_lines(edge, "\\n", false) + "\"" + (s.input ? "" : ", style=dashed") + red + "];\n";
  }
  return out + "}\n";
}

}  // namespace irqspec
