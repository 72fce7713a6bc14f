// SPDX-License-Identifier: GPL-2.0
#include <z3++.h>

#include <fstream>

#include "solver/backend/chc.h"
#include "solver/backend/z3_translate.h"
#include "solver/resources.h"

namespace solver::backend {
namespace {

/// The Horn clauses of a reachability query over one relation Inv(X):
/// init(X) -> Inv(X); Inv(X) & trans(X, I, X') -> Inv(X'); Inv & bad -> Err.
/// Returns the goal, Err.
z3::expr add_rules(z3::context& ctx, z3::fixedpoint& fp, Z3Translator& tr, const ChcQuery& q) {
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
  z3::expr trans = tr(q.trans);
  z3::expr init_rule = z3::forall(all, z3::implies(tr(q.init), inv(xs)));
  z3::expr step_rule = z3::forall(all, z3::implies(inv(xs) && trans, inv(xs1)));
  fp.add_rule(init_rule, ctx.str_symbol("init"));
  fp.add_rule(step_rule, ctx.str_symbol("step"));
  for (std::size_t i = 0; i < q.bad.size(); ++i) {
    z3::expr bad = tr(q.bad[i].condition);
    z3::expr body = q.bad[i].uses_step ? (inv(xs) && trans && bad) : (inv(xs) && bad);
    z3::expr bad_rule = z3::forall(all, z3::implies(body, err()));
    fp.add_rule(bad_rule, ctx.str_symbol(("bad" + std::to_string(i)).c_str()));
  }
  return err();
}

ChcResult query(z3::context& ctx, std::shared_ptr<smt::TermManager> terms, const ChcQuery& q,
                double timeout_seconds, std::string& reason, const std::string& dump_path) {
  z3::fixedpoint fp(ctx);
  z3::params p(ctx);
  p.set("engine", "spacer");
  if (timeout_seconds > 0) {
    p.set("timeout", static_cast<unsigned>(timeout_seconds * 1000) + 1);
  }
  fp.set(p);
  Z3Translator tr(ctx, *terms);
  z3::expr goal = add_rules(ctx, fp, tr, q);
  if (!dump_path.empty()) {
    std::ofstream out(dump_path);
    out << "; irqspec CHC query (z3 -smt2 " << dump_path << ")\n"
        << "(set-option :fp.engine spacer)\n"
        << fp.to_string() << "(query Err)\n";
  }
  Resources::Interruption interruption(Resources::process(), [&ctx] { ctx.interrupt(); });
  switch (fp.query(goal)) {
    case z3::sat:
      return ChcResult::Violated;
    case z3::unsat:
      return ChcResult::Holds;
    default:
      reason = fp.reason_unknown();
      return ChcResult::Unknown;
  }
}

}  // namespace

ChcResult z3_chc(std::shared_ptr<smt::TermManager> terms, const ChcQuery& q, double timeout_seconds,
                 std::string& reason, const std::string& dump_path) {
  z3::context ctx;
  ChcResult result = ChcResult::Unknown;
  try {
    result = query(ctx, std::move(terms), q, timeout_seconds, reason, dump_path);
  } catch (const std::exception& e) {
    // Out of memory, and (Z3 4.8's Spacer) some internal failures.
    reason = std::string("z3 failed: ") + e.what();
  }
  if (result == ChcResult::Unknown && Resources::process().stopped()) {
    reason = Resources::process().stop_reason();
  }
  return result;
}

}  // namespace solver::backend
