// SPDX-License-Identifier: GPL-2.0
#include "codegen/rv_monitor.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <sstream>

namespace codegen {

namespace {

/// kernel/trace/rv/rv.h: MAX_RV_MONITOR_NAME_SIZE, with its terminating NUL.
constexpr std::size_t kMaxMonitorName = 31;

/// The automaton with every event the binding can report, in name order
/// (as dot2k numbers them): an event the model never emits in this check
/// is still one the kernel may show, and then an error of the monitor.
RvAutomaton with_bound_events(const RvAutomaton& a, const std::set<std::string>& bound) {
  std::set<std::string> names = bound;
  for (const RvEvent& e : a.events) {
    names.insert(e.name);
  }
  RvAutomaton out;
  out.states = a.states;
  for (const std::string& n : names) {
    out.events.push_back(RvEvent{n, false, -1, {}});
  }
  for (const std::map<int, int>& from : a.next) {
    std::map<int, int> renumbered;
    for (auto [event, to] : from) {
      auto at = names.find(a.events[event].name);
      renumbered[static_cast<int>(std::distance(names.begin(), at))] = to;
    }
    out.next.push_back(renumbered);
  }
  return out;
}

std::string file_name(const RvBinding& b) {
  return std::filesystem::path(b.path).filename().string();
}

std::string state_type(const RvAutomaton& a) {
  // INVALID_STATE is state_max: one more than the last state.
  return a.states.size() < 255 ? "unsigned char" : "unsigned short";
}

void write_enums(std::ostream& out, const RvAutomaton& a, const std::string& n) {
  out << "enum states_" << n << " {\n";
  for (std::size_t i = 0; i < a.states.size(); ++i) {
    out << "\ts" << i << "_" << n << (i == 0 ? " = 0" : "") << ",\n";
  }
  out << "\tstate_max_" << n << "\n};\n\n#define INVALID_STATE state_max_" << n << "\n\n";
  out << "enum events_" << n << " {\n";
  for (std::size_t e = 0; e < a.events.size(); ++e) {
    out << "\t" << a.events[e].name << "_" << n << (e == 0 ? " = 0" : "") << ",\n";
  }
  out << "\tevent_max_" << n << "\n};\n\n";
}

/// One row of the transition function: on one line when it fits.
void write_row(std::ostream& out, const RvAutomaton& a, std::size_t s, const std::string& n) {
  std::vector<std::string> cells;
  for (std::size_t e = 0; e < a.events.size(); ++e) {
    auto to = a.next[s].find(static_cast<int>(e));
    cells.push_back(to == a.next[s].end() ? "INVALID_STATE"
                                          : "s" + std::to_string(to->second) + "_" + n);
  }
  std::string line = "\t\t{";
  for (std::size_t c = 0; c < cells.size(); ++c) {
    line += (c ? ", " : " ") + cells[c];
  }
  line += " },";
  if (line.size() + 8 <= 100) {
    out << line << "\n";
    return;
  }
  out << "\t\t{\n";
  for (const std::string& c : cells) {
    out << "\t\t\t" << c << ",\n";
  }
  out << "\t\t},\n";
}

void write_table(std::ostream& out, const RvAutomaton& a, const std::string& n) {
  out << "static const struct automaton_" << n << " automaton_" << n << " = {\n";
  out << "\t.state_names = {\n";
  for (std::size_t i = 0; i < a.states.size(); ++i) {
    out << "\t\t\"s" << i << "\"" << (i + 1 < a.states.size() ? "," : "") << "\n";
  }
  out << "\t},\n\t.event_names = {\n";
  for (std::size_t e = 0; e < a.events.size(); ++e) {
    out << "\t\t\"" << a.events[e].name << "\"" << (e + 1 < a.events.size() ? "," : "") << "\n";
  }
  out << "\t},\n\t.function = {\n";
  for (std::size_t s = 0; s < a.states.size(); ++s) {
    write_row(out, a, s, n);
  }
  out << "\t},\n\t.initial_state = s0_" << n << ",\n\t.final_states = {";
  for (std::size_t i = 0; i < a.states.size(); ++i) {
    out << (i ? ", " : " ") << (i == 0 ? 1 : 0);
  }
  out << " },\n};\n";
}

std::string handler_body(const RvTracepoint& tp, const std::string& n) {
  std::ostringstream out;
  for (const RvRule& r : tp.rules) {
    std::string act = r.kind == RvRule::Kind::Event
                          ? "da_handle_start_run_event_" + n + "(" + r.event + "_" + n + ");"
                      : r.kind == RvRule::Kind::Reset ? "da_monitor_reset_all_" + n + "();"
                                                      : "";
    if (r.when.empty()) {
      if (!act.empty()) {
        out << "\t" << act << "\n";
      }
      break;
    }
    out << "\tif (" << r.when << ")";
    if (act.empty()) {
      out << "\n\t\treturn;\n";
    } else {
      out << " {\n\t\t" << act << "\n\t\treturn;\n\t}\n";
    }
  }
  return out.str();
}

void write_handlers(std::ostream& out, const RvBinding& b, const std::string& n) {
  for (const RvTracepoint& tp : b.tracepoints) {
    out << "static void handle_" << tp.name << "(void *data, " << tp.proto << ")\n{\n"
        << handler_body(tp, n) << "}\n\n";
  }
}

void write_parameters(std::ostream& out, const RvBinding& b) {
  for (const RvParameter& p : b.parameters) {
    out << "static int " << p.name << " = " << p.initial << ";\n"
        << "module_param(" << p.name << ", int, 0644);\n"
        << "MODULE_PARM_DESC(" << p.name << ", \"" << p.about << "\");\n\n";
  }
}

void write_probes(std::ostream& out, const RvBinding& b, const std::string& n, bool attach) {
  for (const RvTracepoint& tp : b.tracepoints) {
    out << "\trv_" << (attach ? "attach" : "detach") << "_trace_probe(\"" << n << "\", " << tp.name
        << ", handle_" << tp.name << ");\n";
  }
}

void write_registration(std::ostream& out, const RvBinding& b, const std::string& n,
                        const std::string& description) {
  out << "static int enable_" << n << "(void)\n{\n\tint retval;\n\n"
      << "\tretval = da_monitor_init_" << n << "();\n\tif (retval)\n\t\treturn retval;\n\n";
  write_probes(out, b, n, true);
  out << "\n\treturn 0;\n}\n\n";
  out << "static void disable_" << n << "(void)\n{\n\trv_" << n << ".enabled = 0;\n\n";
  write_probes(out, b, n, false);
  out << "\n\tda_monitor_destroy_" << n << "();\n}\n\n";
  out << "static struct rv_monitor rv_" << n << " = {\n\t.name = \"" << n << "\",\n"
      << "\t.description = \"" << description << "\",\n\t.enable = enable_" << n << ",\n"
      << "\t.disable = disable_" << n << ",\n\t.reset = da_monitor_reset_all_" << n << ",\n"
      << "\t.enabled = 0,\n};\n\n";
  out << "static int __init register_" << n << "(void)\n{\n\trv_register_monitor(&rv_" << n
      << ");\n\treturn 0;\n}\n\n";
  out << "static void __exit unregister_" << n << "(void)\n{\n\trv_unregister_monitor(&rv_" << n
      << ");\n}\n\n";
  out << "module_init(register_" << n << ");\nmodule_exit(unregister_" << n << ");\n\n"
      << "MODULE_LICENSE(\"GPL\");\nMODULE_AUTHOR(\"irqspec export --rv --monitor\");\n"
      << "MODULE_DESCRIPTION(\"" << description << "\");\n";
}

std::string monitor_source(const spec::Model& m, const RvAutomaton& a, const RvBinding& b,
                           const std::string& check, const std::string& n) {
  std::ostringstream out;
  out << "// SPDX-License-Identifier: GPL-2.0\n/*\n * " << n << ": a runtime-verification "
      << "monitor of model " << m.name << ", check " << check << ",\n"
      << " * written by irqspec export --rv --monitor; the tracepoints are bound in\n"
      << " * " << file_name(b) << ".\n *\n"
      << " * The model's behaviour starts with the first event the monitor sees: enable\n"
      << " * it before the interrupt is set up. After an error, or a reset event, it\n"
      << " * starts over with the next event.\n */\n";
  for (const char* h : {"linux/ftrace.h", "linux/tracepoint.h", "linux/kernel.h", "linux/module.h",
                        "linux/moduleparam.h", "linux/init.h", "linux/rv.h", "rv/instrumentation.h",
                        "rv/da_monitor.h"}) {
    out << "#include <" << h << ">\n";
  }
  out << "\n#define MODULE_NAME \"" << n << "\"\n\n#include <trace/events/rv.h>\n";
  for (const std::string& include : b.includes) {
    out << "#include " << include << "\n";
  }
  out << "\n#include \"" << n << ".h\"\n\n";
  write_parameters(out, b);
  out << "static struct rv_monitor rv_" << n << ";\nDECLARE_DA_MON_GLOBAL(" << n << ", "
      << state_type(a) << ");\n\n";
  write_handlers(out, b, n);
  write_registration(out, b, n, m.name + " " + check + " (irqspec)");
  return out.str();
}

/// The monitor's Kconfig symbol: RV_MON_ONESHOT_PIC.
std::string config_symbol(const std::string& n) {
  std::string upper = n;
  std::transform(upper.begin(), upper.end(), upper.begin(), ::toupper);
  return "RV_MON_" + upper;
}

std::string kconfig(const RvBinding& b, const std::string& check, const std::string& n,
                    const std::string& model) {
  std::string symbol = config_symbol(n);
  std::ostringstream out;
  out << "# SPDX-License-Identifier: GPL-2.0-only\n#\nconfig " << symbol << "\n\tdepends on RV\n";
  for (const std::string& d : b.depends_on) {
    out << "\tdepends on " << d << "\n";
  }
  out << "\tselect DA_MON_EVENTS_IMPLICIT\n\tbool \"" << n << " monitor\"\n\thelp\n"
      << "\t  A deterministic-automaton monitor of the behaviour of model\n"
      << "\t  " << model << ", check " << check << ", as the tracepoints bound in\n"
      << "\t  " << file_name(b) << " show it: the order of the model's events, the\n"
      << "\t  automaton minimised over what the tracepoints cannot see. Written\n"
      << "\t  by irqspec export --rv --monitor.\n";
  return out.str();
}

std::string trace_events(const std::string& n) {
  std::string symbol = config_symbol(n);
  std::ostringstream out;
  out << "/* SPDX-License-Identifier: GPL-2.0 */\n/*\n * The trace events of monitor " << n
      << ": included by include/trace/events/rv.h,\n * in its CONFIG_DA_MON_EVENTS_IMPLICIT "
      << "part.\n */\n#ifdef CONFIG_" << symbol << "\n"
      << "DEFINE_EVENT(event_da_monitor, event_" << n << ",\n"
      << "\t     TP_PROTO(char *state, char *event, char *next_state, bool final_state),\n"
      << "\t     TP_ARGS(state, event, next_state, final_state));\n\n"
      << "DEFINE_EVENT(error_da_monitor, error_" << n << ",\n"
      << "\t     TP_PROTO(char *state, char *event),\n\t     TP_ARGS(state, event));\n"
      << "#endif /* CONFIG_" << symbol << " */\n";
  return out.str();
}

std::string checklist(const std::string& n) {
  std::string symbol = config_symbol(n);
  return "The monitor " + n + " goes at kernel/trace/rv/monitors/" + n + "/ of a kernel tree:\n" +
         "- kernel/trace/rv/Makefile: obj-$(CONFIG_" + symbol + ") += monitors/" + n + "/" + n +
         ".o\n" + "- kernel/trace/rv/Kconfig: source \"kernel/trace/rv/monitors/" + n +
         "/Kconfig\"\n" +
         "- include/trace/events/rv.h, before the #endif of CONFIG_DA_MON_EVENTS_IMPLICIT:\n"
         "  #include \"../../../kernel/trace/rv/monitors/" +
         n + "/" + n + "_trace.h\"\n" + "- enable CONFIG_RV and CONFIG_" + symbol + "\n";
}

/// The events some rule of the binding reports.
std::set<std::string> bound_events(const RvBinding& b) {
  std::set<std::string> events;
  for (const RvTracepoint& tp : b.tracepoints) {
    for (const RvRule& r : tp.rules) {
      if (r.kind == RvRule::Kind::Event) {
        events.insert(r.event);
      }
    }
  }
  return events;
}

bool valid_name(const std::string& n) {
  return !n.empty() && n.size() <= kMaxMonitorName &&
         std::islower(static_cast<unsigned char>(n[0])) &&
         std::all_of(n.begin(), n.end(), [](char c) {
           return std::islower(static_cast<unsigned char>(c)) ||
                  std::isdigit(static_cast<unsigned char>(c)) || c == '_';
         });
}

}  // namespace

std::string rv_automaton_header(const RvAutomaton& a, const std::string& n) {
  std::ostringstream out;
  out << "/* SPDX-License-Identifier: GPL-2.0 */\n/*\n * Automatically generated C "
      << "representation of " << n << " automaton\n * For further information about this "
      << "format, see kernel documentation:\n *   Documentation/trace/rv/deterministic_"
      << "automata.rst\n */\n\n";
  write_enums(out, a, n);
  std::string type = state_type(a);
  out << "struct automaton_" << n << " {\n\tchar *state_names[state_max_" << n << "];\n"
      << "\tchar *event_names[event_max_" << n << "];\n\t" << type << " function[state_max_" << n
      << "][event_max_" << n << "];\n\t" << type << " initial_state;\n"
      << "\tbool final_states[state_max_" << n << "];\n};\n\n";
  write_table(out, a, n);
  return out.str();
}

std::optional<RvMonitor> rv_monitor(const spec::Model& model, const RvAutomaton& automaton,
                                    const RvBinding& binding, const std::string& check,
                                    const std::string& name, std::string& error) {
  if (!valid_name(name)) {
    error = "the monitor's name \"" + name + "\" must be a lower-case C identifier of at most " +
            std::to_string(kMaxMonitorName) + " characters (--name)";
    return std::nullopt;
  }
  if (std::string why = binding.refusal(check); !why.empty()) {
    error = "no RV monitor of check " + check + " from " + binding.path + ": " + why;
    return std::nullopt;
  }
  std::set<std::string> bound = bound_events(binding);
  for (const RvEvent& e : automaton.events) {
    if (!e.args.empty() || e.is_action) {
      error = "the monitor's events are the model's events without their arguments";
      return std::nullopt;
    }
    if (!bound.count(e.name)) {
      // The monitor would miss it and report the next event as an error.
      error = "event " + e.name + " of check " + check + " has no tracepoint in " + binding.path;
      return std::nullopt;
    }
  }
  RvAutomaton a = with_bound_events(automaton, bound);
  RvMonitor m;
  m.name = name;
  m.files[name + ".h"] = rv_automaton_header(a, name);
  m.files[name + ".c"] = monitor_source(model, a, binding, check, name);
  m.files[name + "_trace.h"] = trace_events(name);
  m.files["Kconfig"] = kconfig(binding, check, name, model.name);
  m.checklist = checklist(name);
  return m;
}

}  // namespace codegen
