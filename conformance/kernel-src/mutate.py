#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Named textual mutation operators for virt/lib/irqbypass.c (list era).

usage:
  mutate.py --list [--json]     the operators: name, class, what (and why)
  mutate.py OP[,OP...] IN OUT   write IN with the operators applied to OUT
  mutate.py --check IN          apply every operator to IN; report anchors

Each operator is a list of edits: a regular expression confined to one
function of the source, its replacement, and how many matches it must
find.  Any other count is an error naming the operator and the anchor:
the source has changed and the operator needs a look, never a silent
no-op mutant.  The mutant ends with a comment naming its operators.

Each operator has a class:
  detectable  callbacks or return codes differ in a state the kernel reaches
  refcount    only the module reference count differs
  equivalent  nothing observable differs in states the kernel can reach;
              "why" says which harness-only state (the module-going knob,
              changing the token of a registered object) still kills it

Exit status: 0 done, 1 an anchor did not match, 2 usage.
"""

import json
import re
import sys

S = r"\s*"  # any whitespace, newlines included

PROD_STOP = r"[ \t]*if \(prod->stop\)\s*prod->stop\(prod\);\n"
CONS_STOP = r"[ \t]*if \(cons->stop\)\s*cons->stop\(cons\);\n"
PROD_START = r"[ \t]*if \(prod->start\)\s*prod->start\(prod\);\n"
CONS_START = r"[ \t]*if \(cons->start\)\s*cons->start\(cons\);\n"

CONNECT = "__connect"
DISCONNECT = "__disconnect"
REG_P = "irq_bypass_register_producer"
UNREG_P = "irq_bypass_unregister_producer"
REG_C = "irq_bypass_register_consumer"
UNREG_C = "irq_bypass_unregister_consumer"
FILE = None  # the whole file


def op(name, what, edits, why=None, cls=None):
    """An operator; @why says why it is not plainly detectable."""
    return {"name": name, "what": what, "edits": edits, "why": why,
            "class": cls or ("equivalent" if why else "detectable")}


def refcount(name, what, edits):
    return op(name, what, edits,
              "no callback or return value changes; killed only through "
              "the module reference count (the harness's refcount, "
              "/sys/module/irqbypass/refcnt on a real kernel)", "refcount")


ERA_B_SKIP_START = (CONNECT, r"(\n)(" + CONS_START + ")",
                    r"\1\tif (ret)\n\t\treturn ret;\n\n\2", 1)
ERA_B_FALLTHROUGH = (CONNECT, r"(\n)([ \t]*return ret;\n\}\s*)$",
                     r"\1\tif (!ret && prod->del_consumer)\n"
                     r"\t\tprod->del_consumer(prod, cons);\n\n\2", 1)

OPERATORS = [
    op("swap_stop_order", "connect: consumer stop before producer stop",
       [(CONNECT, "(" + PROD_STOP + ")(" + CONS_STOP + ")", r"\2\1", 1)]),
    op("swap_start_order", "connect: producer start before consumer start",
       [(CONNECT, "(" + CONS_START + ")(" + PROD_START + ")", r"\2\1", 1)]),
    op("swap_disconnect_start_order",
       "disconnect: producer start before consumer start",
       [(DISCONNECT, "(" + CONS_START + ")(" + PROD_START + ")", r"\2\1", 1)]),
    op("swap_del_order",
       "disconnect: producer del_consumer before consumer del_producer",
       [(DISCONNECT,
         r"([ \t]*cons->del_producer\(cons, prod\);\n)((?:[ \t]*\n)*)"
         r"([ \t]*if \(prod->del_consumer\)\s*"
         r"prod->del_consumer\(prod, cons\);\n)", r"\3\2\1", 1)]),
    op("drop_rollback_del_consumer",
       "connect: no producer del_consumer when add_producer fails",
       [(CONNECT, r"if \(ret && prod->del_consumer\)\s*"
         r"prod->del_consumer\(prod, cons\);",
         "/* mutant: no rollback */", 1)]),
    op("era_b_skip_start_on_failure",
       "connect: a failed connect returns with both sides stopped "
       "(v5.9-v5.12, a979a6aa009f)", [ERA_B_SKIP_START]),
    op("era_b_del_consumer_fallthrough",
       "connect: success ends in producer del_consumer "
       "(the v5.9-v5.12 fall-through)", [ERA_B_FALLTHROUGH]),
    op("era_b", "connect as in v5.9-v5.12: both era B changes",
       [ERA_B_SKIP_START, ERA_B_FALLTHROUGH]),
    op("connect_ignores_add_consumer_error",
       "connect: add_producer is called although add_consumer failed",
       [(CONNECT, r"if \(!ret\) \{", "if (1) {", 1)]),
    op("drop_cons_stop", "connect: no consumer stop",
       [(CONNECT, CONS_STOP, "", 1)]),
    op("drop_prod_start", "connect: no producer start",
       [(CONNECT, PROD_START, "", 1)]),
    op("drop_disconnect_prod_stop", "disconnect: no producer stop",
       [(DISCONNECT, PROD_STOP, "", 1)]),
    op("wrong_errno_producer_ebusy_to_einval",
       "register producer: duplicate token gives -EINVAL",
       [(REG_P, r"ret = -EBUSY;", "ret = -EINVAL;", 1)]),
    op("wrong_errno_consumer_ebusy_to_einval",
       "register consumer: duplicate gives -EINVAL",
       [(REG_C, r"ret = -EBUSY;", "ret = -EINVAL;", 1)]),
    op("wrong_errno_enodev", "register producer: module going gives -EBUSY",
       [(REG_P, r"return -ENODEV;", "return -EBUSY;", 1)],
       "the path needs try_module_get() to fail, which cannot happen "
       "while a caller (kvm, vfio) is linked to the module; killed only "
       "with the harness's module-going knob"),
    op("drop_null_token_check_producer",
       "register producer: a NULL token is accepted",
       [(REG_P, r"[ \t]*if \(!producer->token\)\s*return -EINVAL;\n\n?",
         "", 1)]),
    op("drop_null_token_check_consumer",
       "register consumer: a NULL token is accepted",
       [(REG_C, r"!consumer->token \|\|\s*", "", 1)]),
    op("drop_add_producer_required",
       "register consumer: add_producer is optional",
       [(REG_C, r"!consumer->add_producer \|\|\s*", "", 1)]),
    op("drop_null_token_check_unregister_producer",
       "unregister producer: no early return for a NULL token",
       [(UNREG_P, r"[ \t]*if \(!producer->token\)\s*return;\n\n?", "", 1)],
       "no registered producer has a NULL token (register rejects it), so "
       "the walk finds nothing; killed only if a test clears the token of "
       "a registered producer"),
    op("drop_duplicate_token_check_producer",
       "register producer: a duplicate token is accepted",
       [(REG_P, r"if \(tmp->token == producer->token\) \{", "if (0) {", 1)]),
    op("drop_duplicate_token_check_consumer",
       "register consumer: a duplicate token is accepted "
       "(the pointer check stays)",
       [(REG_C, r"tmp->token == consumer->token \|\|\s*", "", 1)]),
    op("drop_consumer_pointer_check",
       "register consumer: registering the same consumer twice is not "
       "caught by pointer",
       [(REG_C, r"\s*\|\|\s*tmp == consumer", "", 1)],
       "the token check rejects a second registration first; killed only "
       "if a test changes a registered consumer's token and registers it "
       "again (the shim then reports a double list_add)"),
    op("register_ignores_connect_error",
       "register producer: a failed connect still registers and returns 0",
       [(REG_P, r"(ret = __connect\(producer, consumer\);)\s*"
         r"if \(ret\)\s*goto out_err;", r"\1", 1)]),
    op("first_match_to_last_match",
       "register producer: keep searching consumers after a connect",
       [(REG_P, r"(goto out_err;)\s*break;", r"\1", 1)],
       "consumer tokens are unique on the list, so at most one matches; "
       "killed only if a test changes tokens of registered objects"),
    op("match_by_pointer_not_token",
       "unregister producer: match the list entry by pointer "
       "(Like Xu's unmerged 2023 fix)",
       [(UNREG_P, r"if \(tmp->token != producer->token\)",
         "if (tmp != producer)", 1)]),
    op("consumer_unregister_match_by_token",
       "unregister consumer: match the list entry by token",
       [(UNREG_C, r"if \(tmp != consumer\)",
         "if (tmp->token != consumer->token)", 1)]),
    op("drop_list_del_producer", "unregister producer: stays on the list",
       [(UNREG_P, r"[ \t]*list_del\(&producer->node\);\n", "", 1)]),
    op("drop_list_del_consumer", "unregister consumer: stays on the list",
       [(UNREG_C, r"[ \t]*list_del\(&consumer->node\);\n", "", 1)]),
    op("drop_unregister_producer_break",
       "unregister producer: keep walking after list_del",
       [(UNREG_P, r"(module_put\(THIS_MODULE\);)\s*break;", r"\1", 1)]),
    refcount("leak_module_ref",
             "unregister producer: the registration's module ref is kept",
             [(UNREG_P,
               r"[ \t]*module_put\(THIS_MODULE\);\n([ \t]*break;)",
               r"\1", 1)]),
    refcount("put_module_ref_twice",
             "unregister producer: the registration's module ref is "
             "dropped twice",
             [(UNREG_P,
               r"([ \t]*module_put\(THIS_MODULE\);\n)([ \t]*break;)",
               r"\1\1\2", 1)]),
    refcount("leak_module_ref_on_error",
             "register producer: the module ref is kept on failure",
             [(REG_P, r"(out_err:\s*mutex_unlock\(&lock\);\n)[ \t]*"
               r"module_put\(THIS_MODULE\);\n", r"\1", 1)]),
    op("drop_mutex_unlock_on_error",
       "register producer: the lock stays held on failure",
       [(REG_P, r"(out_err:\n)[ \t]*mutex_unlock\(&lock\);\n", r"\1", 1)]),
    op("unregister_producer_without_module_get",
       "unregister producer: no transient module get/put",
       [(UNREG_P, r"[ \t]*if \(!try_module_get\(THIS_MODULE\)\)\s*"
         r"return;[^\n]*\n\n?", "", 1),
        (UNREG_P, r"(mutex_unlock\(&lock\);\n)\s*module_put\(THIS_MODULE\);\n",
         r"\1", 1)],
       "the get and put cancel out; killed only with the harness's "
       "module-going knob, a state the kernel cannot reach while the "
       "object is registered"),
    op("drop_might_sleep", "no might_sleep() annotations",
       [(FILE, r"[ \t]*might_sleep\(\);\n\n?", "", 4)],
       "a debug annotation (removed upstream in v6.17, 07fbc83c0152); "
       "it changes nothing outside atomic context"),
]

BY_NAME = {o["name"]: o for o in OPERATORS}


class AnchorError(Exception):
    pass


def function_span(text, name):
    """Start and end of the definition of function @name in @text."""
    m = re.search(r"^[A-Za-z_][^\n;]*\b" + re.escape(name) + r"\(", text,
                  re.MULTILINE)
    if not m:
        raise AnchorError(f"function {name} not found")
    brace = text.find("{", m.end())
    if brace < 0 or ";" in text[m.end():brace]:
        raise AnchorError(f"function {name}: no body")
    depth = 0
    for i in range(brace, len(text)):
        if text[i] == "{":
            depth += 1
        elif text[i] == "}":
            depth -= 1
            if depth == 0:
                return m.start(), i + 1
    raise AnchorError(f"function {name}: unbalanced braces")


def apply_edit(text, opname, edit):
    func, pattern, repl, count = edit
    start, end = function_span(text, func) if func else (0, len(text))
    part = text[start:end]
    new, n = re.subn(pattern, repl, part)
    if n != count:
        where = func or "the file"
        raise AnchorError(f"operator {opname}: /{pattern}/ matched {n} "
                          f"time(s) in {where}, expected {count}")
    return text[:start] + new + text[end:]


def mutate(text, names):
    for name in names:
        if name not in BY_NAME:
            raise KeyError(name)
        for edit in BY_NAME[name]["edits"]:
            text = apply_edit(text, name, edit)
    if not names:
        return text
    if not text.endswith("\n"):
        text += "\n"
    return text + f"/* irqspec mutant: {','.join(names)} */\n"


def list_operators(as_json):
    if as_json:
        print(json.dumps([{k: o[k] for k in ("name", "class", "what", "why")}
                          for o in OPERATORS], indent=1))
        return
    for o in OPERATORS:
        print(f"{o['name']}\t{o['class']}\t{o['what']}")


def check(path):
    text = open(path).read()
    bad = 0
    for o in OPERATORS:
        try:
            if mutate(text, [o["name"]]) == mutate(text, []):
                raise AnchorError(f"operator {o['name']}: no change")
            print(f"ok {o['name']}")
        except AnchorError as e:
            print(f"FAIL {e}")
            bad += 1
    return 1 if bad else 0


def usage():
    sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
    return 2


def main(argv):
    if argv[1:2] == ["--list"] and len(argv) <= 3:
        if argv[2:] not in ([], ["--json"]):
            return usage()
        list_operators(argv[2:] == ["--json"])
        return 0
    if argv[1:2] == ["--check"] and len(argv) == 3:
        return check(argv[2])
    if len(argv) != 4 or argv[1].startswith("-"):
        return usage()
    names = argv[1].split(",")
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        sys.stderr.write(f"mutate.py: unknown operator(s): "
                         f"{', '.join(unknown)} (see --list)\n")
        return 2
    try:
        text = mutate(open(argv[2]).read(), names)
    except AnchorError as e:
        sys.stderr.write(f"mutate.py: {argv[2]}: {e}\n")
        return 1
    with open(argv[3], "w") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
