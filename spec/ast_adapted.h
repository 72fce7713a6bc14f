// SPDX-License-Identifier: GPL-2.0
#pragma once

// Fusion adaptations of the AST structs that the grammar fills by attribute
// propagation. Nodes with a single field are filled by semantic actions
// instead (X3's single-element sequences are brittle).

#include <boost/fusion/include/adapt_struct.hpp>

#include "spec/ast.h"

BOOST_FUSION_ADAPT_STRUCT(spec::ast::Binder, name, type)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::Quantifier, kind, binders, body)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::StepAtom, kind, path, args)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::Call, callee, args)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::RangeType, lo, hi)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::LetStmt, name, type, value)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::AssignStmt, target, indices, value)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::IfStmt, cond, then_body, else_body)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::ForStmt, var, type, where, body)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::ChooseStmt, var, type, where)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::EmitStmt, event, args)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::CallStmt, callee, args)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::AssertStmt, label, cond, message)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::Param, name, type)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::ConstDecl, name, type, value)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::TypeDecl, name, type)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::EnumMember, name, value)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::EnumDecl, name, members)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::VarDecl, name, type, init)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::EventDecl, name, params)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::FnDecl, name, params, result, body)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::ProcDecl, name, params, result, body)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::ActionDecl, kind, name, params, result, guard, body)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::ActorDecl, name, actions)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::InvariantDecl, name, formula)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::PropertyDecl, name, formula)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::CheckSet, name, value)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::CheckExpect, property, expectation)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::CheckDecl, name, items)
BOOST_FUSION_ADAPT_STRUCT(spec::ast::CoverDecl, name, action, params, condition)
