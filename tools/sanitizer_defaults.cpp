// SPDX-License-Identifier: GPL-2.0
// Linked into every program of a sanitizer build (-DIRQSPEC_SANITIZE=ON).

extern "C" {

/// CLN, the number library under CVC5, keeps a few bytes allocated at static
/// initialisation for the life of the process; that is not a leak of ours.
const char* __lsan_default_suppressions() { return "leak:libcln.so\n"; }

/// Matched suppressions are not news: do not print them (tests compare stderr).
const char* __lsan_default_options() { return "print_suppressions=0"; }

/// A sanitizer report must fail the program (and the test), not just print.
const char* __ubsan_default_options() { return "halt_on_error=1:print_stacktrace=1"; }
}
