// SPDX-License-Identifier: GPL-2.0
#include <z3++.h>

#include <fstream>
#include <unordered_map>

#include "solver/backend/chc.h"

namespace solver::backend {
namespace {

using smt::Op;

/// Translates a term DAG (bit-vectors: on these models Spacer did better
/// with them than with an integer encoding).
class Translator {
 public:
  Translator(z3::context& ctx, smt::TermManager& terms) : ctx_(ctx), terms_(terms) {}

  void bind(smt::Term var, const z3::expr& e) { cache_.emplace(var, e); }

  z3::expr operator()(smt::Term root) {
    std::vector<std::pair<smt::Term, bool>> stack{{root, false}};
    while (!stack.empty()) {
      auto [t, expanded] = stack.back();
      stack.pop_back();
      if (cache_.count(t)) {
        continue;
      }
      const smt::Node& n = terms_.node(t);
      if (!expanded && !n.kids.empty()) {
        stack.push_back({t, true});
        for (smt::Term k : n.kids) {
          if (!cache_.count(k)) {
            stack.push_back({k, false});
          }
        }
        continue;
      }
      cache_.emplace(t, build(t));
    }
    return cache_.at(root);
  }

 private:
  z3::expr build(smt::Term t) {
    const smt::Node& n = terms_.node(t);
    auto k = [&](std::size_t i) { return cache_.at(n.kids[i]); };
    switch (n.op) {
      case Op::True:
        return ctx_.bool_val(true);
      case Op::False:
        return ctx_.bool_val(false);
      case Op::BvConst: {
        std::uint64_t u = static_cast<std::uint64_t>(n.value);
        if (n.width < 64) {
          u &= (std::uint64_t{1} << n.width) - 1;
        }
        return ctx_.bv_val(u, n.width);
      }
      case Op::Var:
        return n.width == 0 ? ctx_.bool_const(terms_.var_name(t).c_str())
                            : ctx_.bv_const(terms_.var_name(t).c_str(), n.width);
      case Op::Not:
        return !k(0);
      case Op::And:
      case Op::Or: {
        z3::expr_vector v(ctx_);
        for (std::size_t i = 0; i < n.kids.size(); ++i) {
          v.push_back(k(i));
        }
        return n.op == Op::And ? z3::mk_and(v) : z3::mk_or(v);
      }
      case Op::Ite:
        return z3::ite(k(0), k(1), k(2));
      case Op::Eq:
        return k(0) == k(1);
      case Op::Add:
        return k(0) + k(1);
      case Op::Sub:
        return k(0) - k(1);
      case Op::Mul:
        return k(0) * k(1);
      case Op::Sdiv:
        return k(0) / k(1);  // bvsdiv: C's truncation
      case Op::Srem:
        return z3::srem(k(0), k(1));
      case Op::Neg:
        return -k(0);
      case Op::Slt:
        return k(0) < k(1);
      case Op::Sle:
        return k(0) <= k(1);
    }
    return ctx_.bool_val(false);
  }

  z3::context& ctx_;
  smt::TermManager& terms_;
  std::unordered_map<smt::Term, z3::expr> cache_;
};

}  // namespace

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
  Translator tr(ctx, *terms);
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
