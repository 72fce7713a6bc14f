// SPDX-License-Identifier: GPL-2.0
// The parser: the syntax tree of every construct (golden file), precedence
// and associativity, source positions, syntax errors with recovery (files in
// tests/data/bad/syntax_*.irqspec), hostile input, and a seeded fuzz run.

#include <gtest/gtest.h>

#include <chrono>
#include <random>

#include "spec/input_guard.h"
#include "tests/spec/ast_dump.h"
#include "tests/support/spec_support.h"

namespace irqspec_test {
namespace {

namespace ast = spec::ast;

std::unique_ptr<Loaded> parse_only(std::string text) {
  auto l = std::make_unique<Loaded>();
  l->source = std::make_unique<spec::SourceFile>("test.irqspec", std::move(text));
  l->diags = std::make_unique<spec::Diagnostics>(*l->source);
  l->ast = spec::parse(*l->source, *l->diags);
  return l;
}

// ---------------------------------------------------------------- golden file

TEST(ParserGolden, EveryConstructMatchesTheGoldenTree) {
  std::string path = data_dir() + "/good/everything.irqspec";
  std::unique_ptr<Loaded> l = parse_only(read_file(path));
  ASSERT_EQ(l->diagnostics_text(), "");
  std::string dump = dump_file(l->ast, *l->source);
  std::string golden = data_dir() + "/good/everything.ast";
  if (update_golden()) {
    write_file(golden, dump);
  }
  EXPECT_EQ(dump, read_file(golden)) << "regenerate with IRQSPEC_UPDATE_GOLDEN=1 if intended";
}

TEST(ParserGolden, EveryDeclarationKindIsPresent) {
  std::unique_ptr<Loaded> l = parse_only(read_file(data_dir() + "/good/everything.irqspec"));
  ASSERT_TRUE(l->ast.model.has_value());
  EXPECT_EQ(l->ast.model->name.name, "everything");
  std::set<int> kinds;
  for (const ast::Decl& d : l->ast.decls) {
    kinds.insert(d.get().which());
  }
  // const, type, enum, var, init, event, fn, proc, actor, action, invariant,
  // property, check, cover: every alternative of ast::Decl.
  EXPECT_EQ(kinds.size(), 14u);
}

// ------------------------------------------------------ precedence, associativity

struct PrecedenceCase {
  const char* source;
  const char* tree;
};

class Precedence : public ::testing::TestWithParam<PrecedenceCase> {};

TEST_P(Precedence, ParsesAsSpecified) {
  const PrecedenceCase& c = GetParam();
  std::unique_ptr<Loaded> l = parse_only(std::string("model m;\ninvariant i: ") + c.source + ";\n");
  ASSERT_EQ(l->diagnostics_text(), "") << c.source;
  ASSERT_EQ(l->ast.decls.size(), 1u);
  const auto* inv = boost::get<ast::InvariantDecl>(&l->ast.decls[0]);
  ASSERT_NE(inv, nullptr);
  EXPECT_EQ(dump_expr(inv->formula), c.tree) << c.source;
}

// language.md: loosest first, a quantifier's body; <->; -> (right
// associative); ?:; ||; &&; == !=; < <= > >=; + -; * / %; unary ! -;
// indexing and calls. `since` binds looser than || and tighter than ->;
// prev, once, historically, happens, did and returned bind like unary !.
const PrecedenceCase kPrecedence[] = {
    // <-> is the loosest binary operator, left associative
    {"a <-> b <-> c", "(<-> (<-> a b) c)"},
    {"a <-> b -> c", "(<-> a (-> b c))"},
    {"a -> b <-> c", "(<-> (-> a b) c)"},
    // -> is right associative
    {"a -> b -> c", "(-> a (-> b c))"},
    {"a -> b -> c -> d", "(-> a (-> b (-> c d)))"},
    {"(a -> b) -> c", "(-> (-> a b) c)"},
    // ?: between -> and ||; the middle operand is a full expression and the
    // last one nests to the right, as in C
    {"a ? b : c -> d", "(-> (?: a b c) d)"},
    {"a -> b ? c : d", "(-> a (?: b c d))"},
    {"a || b ? c : d", "(?: (|| a b) c d)"},
    {"a ? b : c || d", "(?: a b (|| c d))"},
    {"a ? b : c ? d : e", "(?: a b (?: c d e))"},
    {"a ? b ? c : d : e", "(?: a (?: b c d) e)"},
    {"a ? b -> c : d", "(?: a (-> b c) d)"},
    // since: looser than ||, tighter than ->, left associative
    {"a since b || c", "(since a (|| b c))"},
    {"a || b since c", "(since (|| a b) c)"},
    {"a -> b since c", "(-> a (since b c))"},
    {"a since b -> c", "(-> (since a b) c)"},
    {"a since b since c", "(since (since a b) c)"},
    {"a ? b : c since d", "(since (?: a b c) d)"},
    // || && == < + * unary postfix
    {"a || b && c", "(|| a (&& b c))"},
    {"a && b || c", "(|| (&& a b) c)"},
    {"a || b || c", "(|| (|| a b) c)"},
    {"a && b == c", "(&& a (== b c))"},
    {"a == b && c != d", "(&& (== a b) (!= c d))"},
    {"a == b == c", "(== (== a b) c)"},
    {"a < b == c >= d", "(== (< a b) (>= c d))"},
    {"a <= b + c", "(<= a (+ b c))"},
    {"a > b - c * d", "(> a (- b (* c d)))"},
    {"a - b - c", "(- (- a b) c)"},
    {"a + b * c", "(+ a (* b c))"},
    {"a * b + c % d / e", "(+ (* a b) (/ (% c d) e))"},
    {"a / b * c", "(* (/ a b) c)"},
    {"-a * b", "(* (- a) b)"},
    {"- -a", "(- (- a))"},
    {"!a && b", "(&& (! a) b)"},
    {"!!a", "(! (! a))"},
    {"!a[i]", "(! (index a i))"},
    {"-a[i][j]", "(- (index (index a i) j))"},
    {"a[i + 1][b[j]]", "(index (index a (+ i 1)) (index b j))"},
    {"f(x, y)[k] + g()", "(+ (index (call f x y) k) (call g))"},
    {"f(a ? b : c, d -> e)", "(call f (?: a b c) (-> d e))"},
    {"(a || b) && c", "(&& (|| a b) c)"},
    // operator tokens that share a prefix
    {"a->b", "(-> a b)"},
    {"a-1", "(- a 1)"},
    {"a<-1", "(< a (- 1))"},
    {"a<->b", "(<-> a b)"},
    {"a->-b", "(-> a (- b))"},
    {"a<=b", "(<= a b)"},
    {"a!=!b", "(!= a (! b))"},
    // literals
    {"0x1F + 0XaB + 007 + 42", "(+ (+ (+ 0x1F 0XaB) 007) 42)"},
    {"true != false", "(!= true false)"},
    // comments inside expressions
    {"a /* c */ && // to the end of the line\n b", "(&& a b)"},
    // quantifiers extend as far right as they can, with several binders
    {"forall x: T. a -> b", "(forall (x T) (-> a b))"},
    {"forall x: T, y: U. p <-> q", "(forall (x T) (y U) (<-> p q))"},
    {"a && forall x: T. b || c", "(&& a (forall (x T) (|| b c)))"},
    {"(forall x: T. a) && b", "(&& (forall (x T) a) b)"},
    {"exists x: 0..3. a[x]", "(exists (x (.. 0 3)) (index a x))"},
    {"exists x: -N..N - 1. x > 0", "(exists (x (.. (- N) (- N 1))) (> x 0))"},
    {"count x: T, y: bool. p == 2", "(count (x T) (y bool) (== p 2))"},
    {"(count x: T. p) == 2", "(== (count (x T) p) 2)"},
    {"forall x: T. exists y: T. x != y", "(forall (x T) (exists (y T) (!= x y)))"},
    // past-time operators and step atoms bind like unary !
    {"prev a && b", "(&& (prev a) b)"},
    {"once a || historically b", "(|| (once a) (historically b))"},
    {"historically !a", "(historically (! a))"},
    {"prev prev a", "(prev (prev a))"},
    {"once (a -> b)", "(once (-> a b))"},
    {"returned x + 1", "(+ (returned x) 1)"},
    {"returned (x + 1)", "(returned (+ x 1))"},
    {"returned EBUSY || returned OK", "(|| (returned EBUSY) (returned OK))"},
    {"happens e && did a", "(&& (happens e) (did a))"},
    {"!happens e", "(! (happens e))"},
    {"happens e()", "(happens e ())"},
    {"happens e(1, _, x + 1)", "(happens e (1 _ (+ x 1)))"},
    {"did a.b", "(did a.b)"},
    {"did a.b(x, _)", "(did a.b (x _))"},
    {"did a() -> prev did b", "(-> (did a ()) (prev (did b)))"},
    {"a since happens e(_)", "(since a (happens e (_)))"},
};

INSTANTIATE_TEST_SUITE_P(Expressions, Precedence, ::testing::ValuesIn(kPrecedence));

// ------------------------------------------------------------------ positions

std::string pos(const Loaded& l, spec::SourceLoc loc) {
  spec::LineCol lc = l.source->line_col(loc);
  return std::to_string(lc.line) + ":" + std::to_string(lc.col);
}

TEST(ParserPositions, NodesRecordWhereTheyStart) {
  //                                   1         2         3         4
  //                          1234567890123456789012345678901234567890123
  std::unique_ptr<Loaded> l = parse_only(
      "model m;\n"
      "invariant i: a && !b[c] || (d ? f(e) : g);\n"
      "  var x: 0..3 = 1;\n");
  ASSERT_EQ(l->diagnostics_text(), "");
  ASSERT_EQ(l->ast.decls.size(), 2u);
  const auto& inv = boost::get<ast::InvariantDecl>(l->ast.decls[0]);
  EXPECT_EQ(pos(*l, inv.loc), "2:1");
  EXPECT_EQ(pos(*l, inv.name.loc), "2:11");
  // Binary, unary, ternary and index nodes point at their operator.
  const auto& orr = boost::get<boost::spirit::x3::forward_ast<ast::Binary>>(inv.formula).get();
  EXPECT_EQ(pos(*l, orr.loc), "2:25");
  const auto& andd = boost::get<boost::spirit::x3::forward_ast<ast::Binary>>(orr.lhs).get();
  EXPECT_EQ(pos(*l, andd.loc), "2:16");
  const auto& a = boost::get<ast::NameRef>(andd.lhs);
  EXPECT_EQ(pos(*l, a.loc), "2:14");
  const auto& nott = boost::get<boost::spirit::x3::forward_ast<ast::Unary>>(andd.rhs).get();
  EXPECT_EQ(pos(*l, nott.loc), "2:19");
  const auto& index = boost::get<boost::spirit::x3::forward_ast<ast::Index>>(nott.operand).get();
  EXPECT_EQ(pos(*l, index.loc), "2:21");
  const auto& tern = boost::get<boost::spirit::x3::forward_ast<ast::Ternary>>(orr.rhs).get();
  EXPECT_EQ(pos(*l, tern.loc), "2:31");
  const auto& call = boost::get<boost::spirit::x3::forward_ast<ast::Call>>(tern.then_expr).get();
  EXPECT_EQ(pos(*l, call.loc), "2:33");
  const auto& var = boost::get<ast::VarDecl>(l->ast.decls[1]);
  EXPECT_EQ(pos(*l, var.loc), "3:3");
  EXPECT_EQ(pos(*l, var.type.loc), "3:10");
}

// ----------------------------------------------------------- files in bad/

class SyntaxErrors : public ::testing::TestWithParam<std::string> {};

TEST_P(SyntaxErrors, ReportsExactlyTheExpectedDiagnostics) {
  expect_diagnostics_of(GetParam());
}

std::vector<std::string> syntax_only() {
  std::vector<std::string> out;
  for (const std::string& f : files_in(data_dir() + "/bad", ".irqspec")) {
    if (std::filesystem::path(f).filename().string().rfind("syntax_", 0) == 0) {
      out.push_back(f);
    }
  }
  return out;
}

INSTANTIATE_TEST_SUITE_P(BadFiles, SyntaxErrors, ::testing::ValuesIn(syntax_only()), file_stem);

TEST(SyntaxErrorFiles, ThereAreEnough) {
  EXPECT_GE(syntax_only().size(), 15u);
}

// --------------------------------------------------------------- hostile input

std::vector<std::string> diagnostics_of(std::string text) {
  std::unique_ptr<Loaded> l = load(std::move(text));
  return l->diagnostics();
}

TEST(HostileInput, EmptyFile) {
  EXPECT_EQ(diagnostics_of(""),
            std::vector<std::string>{"1:1: error: empty file: expected 'model NAME;'"});
  EXPECT_EQ(diagnostics_of(" \n\t\n"),
            std::vector<std::string>{"1:1: error: empty file: expected 'model NAME;'"});
}

TEST(HostileInput, NulBytes) {
  EXPECT_EQ(diagnostics_of(std::string("model m;\nvar x\0: bool;\n", 22)),
            std::vector<std::string>{
                "2:6: error: invalid control character 0x00 (is this a binary file?)"});
  EXPECT_EQ(diagnostics_of(std::string("\0\0\0\0", 4)),
            std::vector<std::string>{
                "1:1: error: invalid control character 0x00 (is this a binary file?)"});
  EXPECT_EQ(diagnostics_of(std::string("model m; /* \0 */", 16)),
            std::vector<std::string>{"1:13: error: NUL byte in comment (is this a binary file?)"});
  EXPECT_EQ(diagnostics_of(std::string("model m; \"a\0\"", 13)),
            std::vector<std::string>{"1:12: error: NUL byte in string (is this a binary file?)"});
}

TEST(HostileInput, RandomBinaryData) {
  std::mt19937 rng(12345);
  std::string bytes(4096, '\0');
  for (char& c : bytes) {
    c = static_cast<char>(rng() & 0xff);
  }
  std::vector<std::string> d = diagnostics_of(bytes);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].find("is this a binary file?"), std::string::npos) << d[0];
}

TEST(HostileInput, ElfHeader) {
  std::vector<std::string> d =
      diagnostics_of(std::string("\x7f"
                                 "ELF\x02\x01\x01\0\0\0",
                                 10));
  EXPECT_EQ(d, std::vector<std::string>{
                   "1:1: error: invalid control character 0x7f (is this a binary file?)"});
}

TEST(HostileInput, NonAsciiOutsideCommentsAndStrings) {
  EXPECT_EQ(diagnostics_of("model m;\nvar caf\xc3\xa9: bool;\n"),
            std::vector<std::string>{"2:8: error: non-ASCII byte outside a comment or string (is "
                                     "this a binary file?)"});
  // In comments and strings, UTF-8 is welcome.
  std::unique_ptr<Loaded> l = load(
      "model m; // caf\xc3\xa9\nvar x: bool;\nactor a { input action go() { assert x || !x, "
      "\"\xc3\xa9t\xc3\xa9\"; } }\n");
  EXPECT_EQ(l->diagnostics_text(), "");
}

TEST(HostileInput, TenThousandOpeningParentheses) {
  std::string text = "model m;\nvar x: bool;\ninvariant i: " + std::string(10000, '(') + "x" +
                     std::string(10000, ')') + ";\n";
  EXPECT_EQ(diagnostics_of(text),
            std::vector<std::string>{
                "3:214: error: expression nested too deeply (more than 200 levels)"});
  // Unbalanced, at the end of the file.
  EXPECT_EQ(diagnostics_of("model m;\n" + std::string(10000, '(')),
            std::vector<std::string>{
                "2:201: error: expression nested too deeply (more than 200 levels)"});
}

TEST(HostileInput, DeepButAllowedNesting) {
  std::string text =
      "model m;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n"
      "invariant i: " +
      std::string(150, '(') + "x || !x" + std::string(150, ')') + ";\n";
  std::unique_ptr<Loaded> l = load(text);
  EXPECT_EQ(l->diagnostics_text(), "");
  EXPECT_TRUE(l->ok());
}

TEST(HostileInput, DeeplyNestedPrefixOperators) {
  std::string text = "model m;\nvar x: bool;\ninvariant i: " + std::string(5000, '!') + "x;\n";
  EXPECT_EQ(diagnostics_of(text),
            std::vector<std::string>{
                "3:214: error: expression nested too deeply (more than 200 levels)"});
  std::string prevs = "model m;\nvar x: bool;\nproperty p: always ";
  for (int i = 0; i < 3000; ++i) {
    prevs += "prev ";
  }
  EXPECT_EQ(diagnostics_of(prevs + "x;\n"),
            std::vector<std::string>{
                "3:1020: error: expression nested too deeply (more than 200 levels)"});
}

TEST(HostileInput, DeeplyNestedStatements) {
  std::string ifs = "model m;\nvar x: bool;\nactor a { input action go() {";
  for (int i = 0; i < 20000; ++i) {
    ifs += "if(x){";
  }
  ifs += std::string(20000, '}') + "} }\n";
  EXPECT_EQ(diagnostics_of(ifs), std::vector<std::string>{"3:1223: error: statements nested too "
                                                          "deeply (more than 200 levels)"});
  std::string chain = "model m;\nvar x: bool;\nactor a { input action go() { if (x) {}";
  for (int i = 0; i < 20000; ++i) {
    chain += " else if (x) {}";
  }
  chain += " } }\n";
  EXPECT_EQ(diagnostics_of(chain), std::vector<std::string>{"3:3008: error: statements nested too "
                                                            "deeply (more than 200 levels)"});
  std::string fors = "model m;\nvar x: bool;\nactor a { input action go() {";
  for (int i = 0; i < 5000; ++i) {
    fors += "for v" + std::to_string(i) + ": bool {";
  }
  std::vector<std::string> d = diagnostics_of(fors + std::string(5000, '}') + "} }\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].find("statements nested too deeply"), std::string::npos);
}

TEST(HostileInput, ElseIfChainsBelowTheLimitAreFine) {
  // A long chain is not nesting once it has ended: 150 chains of 150.
  std::string text = "model m;\nvar x: 0..200;\nactor a { input action go() {\n";
  for (int chain = 0; chain < 150; ++chain) {
    text += "if (x == 0) { x = 1; }";
    for (int i = 1; i < 150; ++i) {
      text += " else if (x == " + std::to_string(i) + ") { x = " + std::to_string(i + 1) + "; }";
    }
    text += "\n";
  }
  text += "} }\n";
  std::unique_ptr<Loaded> l = load(text);
  EXPECT_EQ(l->diagnostics_text(), "");
  EXPECT_TRUE(l->ok());
}

TEST(HostileInput, LongOperatorChains) {
  // Left-associative chains parse by iteration but nest in the tree.
  std::string text = "model m;\nvar x: bool;\ninvariant i: x";
  for (int i = 0; i < 300000; ++i) {
    text += "||x";
  }
  std::vector<std::string> d = diagnostics_of(text + ";\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].find("statement too long (more than 10000 operator characters)"),
            std::string::npos)
      << d[0];
  // 3000 operators are parsed, and refused by the checker before they
  // exhaust its stack.
  std::string medium =
      "model m;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n"
      "invariant i: x";
  for (int i = 0; i < 3000; ++i) {
    medium += " || x";
  }
  d = diagnostics_of(medium + ";\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_NE(d[0].find("expression nested too deeply (more than 1000 levels"), std::string::npos)
      << d[0];
  // 500 are fine.
  std::string fine =
      "model m;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n"
      "invariant i: x";
  for (int i = 0; i < 500; ++i) {
    fine += " || x";
  }
  EXPECT_EQ(diagnostics_of(fine + ";\n"), std::vector<std::string>{});
}

TEST(HostileInput, TwoMegabyteFile) {
  std::string text = "model m;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n";
  while (text.size() < (2u << 20)) {
    text += "// padding padding padding padding padding padding padding padding padding\n";
  }
  EXPECT_EQ(diagnostics_of(text),
            std::vector<std::string>{
                "error: file is larger than 1048576 bytes; this is not an irqspec model"});
}

TEST(HostileInput, JustBelowTheSizeLimitIsParsed) {
  std::string text = "model m;\nvar x: bool;\nactor a { input action go() { x = !x; } }\n";
  const std::size_t line_size = std::string("invariant i0000000: x || !x;\n").size();
  int n = 0;
  while (text.size() + line_size <= spec::InputLimits::kMaxBytes) {
    std::string number = std::to_string(n++);
    text += "invariant i" + std::string(7 - number.size(), '0') + number + ": x || !x;\n";
  }
  auto start = std::chrono::steady_clock::now();
  LoadOptions options;
  options.all_checks = false;
  std::unique_ptr<Loaded> l = load(text, options);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_EQ(l->diagnostics_text(), "");
  ASSERT_TRUE(l->model.has_value());
  EXPECT_EQ(static_cast<int>(l->model->obligations.size()), n);
  EXPECT_LT(seconds, 10.0);
}

TEST(HostileInput, VeryLongIdentifiers) {
  std::string name(200000, 'x');
  std::unique_ptr<Loaded> l = load("model m;\nvar " + name + ": bool;\nactor a { input action " +
                                   name + "() { " + name + " = !" + name + "; } }\n");
  EXPECT_EQ(l->diagnostics_text(), "");
  ASSERT_TRUE(l->ok());
  EXPECT_EQ(l->model->vars[0].name, name);
  // An unknown one is reported in full.
  std::vector<std::string> d = diagnostics_of(
      "model m;\nvar x: bool;\nactor a { input action "
      "go() { x = " +
      name + "; } }\n");
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].size(), 28 + name.size());  // do not print 200 kB when it fails
  EXPECT_EQ(d[0], "3:35: error: unknown name '" + name + "'");
}

TEST(HostileInput, ManyErrorsAreCapped) {
  std::string text = "model m;\n";
  for (int i = 0; i < 500; ++i) {
    text += "var x" + std::to_string(i) + " bool;\n";
  }
  std::unique_ptr<Loaded> l = load(text);
  EXPECT_EQ(l->diags->all().size(), spec::Diagnostics::kMaxErrors);
  std::ostringstream out;
  l->diags->print(out);
  EXPECT_NE(out.str().find("test.irqspec: note: 1 more errors not shown"), std::string::npos);
}

TEST(HostileInput, CarriageReturnsAndTabs) {
  std::unique_ptr<Loaded> l =
      load("model m;\r\nvar x: bool;\r\n\tactor a {\tinput action go() { x = y; } }\r\n");
  EXPECT_EQ(l->diagnostics(), std::vector<std::string>{"3:36: error: unknown name 'y'"});
  std::ostringstream out;
  l->diags->print(out);
  // The caret line keeps the tab so that it lines up in a terminal.
  EXPECT_EQ(out.str(),
            "test.irqspec:3:36: error: unknown name 'y'\n"
            "  \tactor a {\tinput action go() { x = y; } }\n"
            "  \t         \t                        ^\n");
}

// ------------------------------------------------------------------- fuzzing

/// Parses and elaborates `text` (every check block too); returns the seconds it took.
double survive(const std::string& text) {
  auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Loaded> l = load(text);
  std::ostringstream sink;
  l->diags->print(sink);  // rendering must not crash either
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const char* const kTokens[] = {"model",
                               "const",
                               "type",
                               "enum",
                               "var",
                               "init",
                               "event",
                               "fn",
                               "actor",
                               "input",
                               "internal",
                               "action",
                               "invariant",
                               "property",
                               "always",
                               "check",
                               "set",
                               "depth",
                               "expect",
                               "holds",
                               "violated",
                               "all",
                               "asserts",
                               "let",
                               "if",
                               "else",
                               "for",
                               "where",
                               "break",
                               "choose",
                               "emit",
                               "return",
                               "assert",
                               "true",
                               "false",
                               "forall",
                               "exists",
                               "count",
                               "prev",
                               "once",
                               "historically",
                               "since",
                               "happens",
                               "did",
                               "returned",
                               "bool",
                               "when",
                               "_",
                               "x",
                               "y",
                               "T",
                               "E",
                               "a",
                               "go",
                               "N",
                               "0",
                               "1",
                               "3",
                               "-22",
                               "0x10",
                               "4611686018427387904",
                               "99999999999999999999",
                               "(",
                               ")",
                               "[",
                               "]",
                               "{",
                               "}",
                               ";",
                               ":",
                               ",",
                               ".",
                               "..",
                               "=",
                               "==",
                               "!=",
                               "<",
                               "<=",
                               ">",
                               ">=",
                               "+",
                               "-",
                               "*",
                               "/",
                               "%",
                               "!",
                               "&&",
                               "||",
                               "->",
                               "<->",
                               "?",
                               "\"msg\"",
                               "// c\n",
                               "/* c */",
                               "\n"};

/// IRQSPEC_FUZZ_SEED and IRQSPEC_FUZZ_SCALE (a multiplier of the number of
/// inputs) allow longer runs by hand; by default every run sees the same inputs.
int fuzz_env(const char* name, int fallback) {
  const char* v = std::getenv(name);
  return v != nullptr ? std::atoi(v) : fallback;
}

TEST(Fuzz, RandomBytesAndTokenSoupsNeverCrashOrHang) {
  std::mt19937 rng(static_cast<unsigned>(fuzz_env("IRQSPEC_FUZZ_SEED", 20261122)));
  const int scale = fuzz_env("IRQSPEC_FUZZ_SCALE", 1);
  auto below = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  double slowest = 0;
  std::string slowest_input;
  auto run = [&](const std::string& text) {
    double s = survive(text);
    if (s > slowest) {
      slowest = s;
      slowest_input = text;
    }
  };
  auto start = std::chrono::steady_clock::now();
  // 1. Random bytes, all 256 values and printable ASCII.
  for (int i = 0; i < 1000 * scale; ++i) {
    std::string text(below(200), '\0');
    for (char& c : text) {
      c = i % 2 ? static_cast<char>(rng() & 0xff) : static_cast<char>(32 + below(95));
    }
    if (i % 4 == 3) {
      text = "model m;\n" + text;
    }
    run(text);
  }
  // 2. Token soups.
  const std::size_t token_count = sizeof kTokens / sizeof kTokens[0];
  for (int i = 0; i < 1500 * scale; ++i) {
    std::string text = i % 3 ? "model m;\n" : "";
    std::size_t n = below(80);
    for (std::size_t t = 0; t < n; ++t) {
      text += kTokens[below(token_count)];
      text += ' ';
    }
    run(text);
  }
  // 3. Mutations of a model that uses every construct: delete, duplicate,
  // or replace a span, or swap in a token. Most still reach the checker.
  const std::string seed = read_file(data_dir() + "/good/everything.irqspec");
  ASSERT_FALSE(seed.empty());
  for (int i = 0; i < 1000 * scale; ++i) {
    std::string text = seed;
    int edits = 1 + static_cast<int>(below(3));
    for (int k = 0; k < edits; ++k) {
      std::size_t at = below(text.size());
      std::size_t len = 1 + below(24);
      switch (below(4)) {
        case 0:
          text.erase(at, len);
          break;
        case 1:
          text.insert(at, text.substr(below(text.size()), len));
          break;
        case 2:
          text.replace(at, std::min(len, text.size() - at), kTokens[below(token_count)]);
          break;
        default:
          text.insert(at, std::string(" ") + kTokens[below(token_count)] + " ");
          break;
      }
    }
    run(text);
  }
  double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(slowest, 1.0) << "slowest input:\n" << slowest_input;
  EXPECT_LT(total, 10.0 * scale);
}

}  // namespace
}  // namespace irqspec_test
