// SPDX-License-Identifier: GPL-2.0
#include <z3++.h>

#include <fstream>

#include "solver/backend/chc.h"
#include "solver/backend/z3_translate.h"

namespace solver::backend {
ChcResult z3_chc(std::shared_ptr<smt::TermManager> terms, const ChcQuery& q, double timeout_seconds,
                 std::string& reason, const std::string& dump_path) {
  z3::context ctx;
  z3::fixedpoint fp(ctx);
  z3::params p(ctx);
  p.set("engine", "spacer");
  if (timeout_seconds > 0) {
    p.set("timeout", static_cast<unsigned>(timeout_seconds * 1000) + 1);
  }
  fp.set(p);
  Z3Translator tr(ctx, *terms);
  z3::sort_vector domain(ctx);
  z3::expr_vector xs(ctx), xs1(ctx), all(ctx);
  for (std::size_t i = 0; i < q.state.size(); ++i) {
    z3::expr x = tr(q.state[i]);
    z3::expr x1 = tr(q.next[i]);
    domain.push_back(x.get_sort());
    xs.push_back(x);
    xs1.push_back(x1);
    all.push_back(x);
    all.push_back(x1);
  }
  for (smt::Term i : q.inputs) {
    all.push_back(tr(i));
  }
  z3::func_decl inv = ctx.function("Inv", domain, ctx.bool_sort());
  z3::func_decl err = ctx.function("Err", 0, nullptr, ctx.bool_sort());
  fp.register_relation(inv);
  fp.register_relation(err);
  z3::expr init = tr(q.init);
  z3::expr trans = tr(q.trans);
  z3::expr init_rule = z3::forall(all, z3::implies(init, inv(xs)));
  z3::expr step_rule = z3::forall(all, z3::implies(inv(xs) && trans, inv(xs1)));
  std::vector<z3::expr> bad_rules;
  for (const ChcQuery::Bad& b : q.bad) {
    z3::expr bad = tr(b.condition);
    z3::expr body = b.uses_step ? (inv(xs) && trans && bad) : (inv(xs) && bad);
    bad_rules.push_back(z3::forall(all, z3::implies(body, err())));
  }
  z3::expr goal = err();
  try {
    fp.add_rule(init_rule, ctx.str_symbol("init"));
    fp.add_rule(step_rule, ctx.str_symbol("step"));
    for (std::size_t i = 0; i < bad_rules.size(); ++i) {
      fp.add_rule(bad_rules[i], ctx.str_symbol(("bad" + std::to_string(i)).c_str()));
    }
    if (!dump_path.empty()) {
      std::ofstream out(dump_path);
      out << "; irqspec CHC query (z3 -smt2 " << dump_path << ")\n"
          << "(set-option :fp.engine spacer)\n"
          << fp.to_string() << "(query Err)\n";
    }
    switch (fp.query(goal)) {
      case z3::sat:
        return ChcResult::Violated;
      case z3::unsat:
        return ChcResult::Holds;
      default:
        reason = fp.reason_unknown();
        return ChcResult::Unknown;
    }
  } catch (const z3::exception& e) {
    reason = e.msg();
    return ChcResult::Unknown;
  } catch (const std::exception& e) {
    // Z3 4.8's Spacer lets some internal failures escape as C++ exceptions.
    reason = std::string("z3 failed: ") + e.what();
    return ChcResult::Unknown;
  }
}

}  // namespace solver::backend
