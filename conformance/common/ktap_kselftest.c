// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec's KTAP API (ktap.h) on a kernel tree's own kselftest.h: what the
 * suites of `irqspec gen-tests --target kselftest` link instead of ktap.c
 * when they are built in tools/testing/selftests/irqspec/ of a tree (its
 * Makefile compiles this file with -I tools/testing/selftests).
 *
 * The plan, the results, the diagnostics and the totals are kselftest's
 * (ksft_print_header, ksft_set_plan, ksft_test_result_pass/fail/skip,
 * ksft_print_msg, ksft_print_cnts, ksft_exit_skip; a named skip is
 * counted with ksft_inc_xskip_cnt and keeps ktap.c's line "ok N name #
 * SKIP reason", which ksft_test_result_skip cannot write) and so are the
 * exit codes (KSFT_PASS, KSFT_FAIL, KSFT_SKIP).  Differences from ktap.c,
 * in kselftest's format: the version line is "TAP version 13" (none where
 * KSFT_TAP_LEVEL is set), and ktap_skip_all() ends the program with
 * KSFT_SKIP, as every caller of it does next.  Every line is flushed
 * at once, so that the lines of a forked test child and of its runner
 * never interleave and a child never inherits unwritten output.
 *
 * kselftest.h keeps its counters in static variables: this is the only
 * file of a program that may include it.
 */
#include <stdarg.h>
#include <stdio.h>

#include "kselftest.h"
#include "ktap.h"

static void ktap_vformat(char *buf, const char *fmt, va_list ap)
{
	vsnprintf(buf, KTAP_LINE_MAX, fmt, ap);
}

void ktap_vprint(const char *fmt, va_list ap)
{
	char buf[KTAP_LINE_MAX];

	ktap_vformat(buf, fmt, ap);
	printf("%s\n", buf);
	fflush(stdout);
}

void ktap_print(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint(fmt, ap);
	va_end(ap);
}

void ktap_vdiag(const char *fmt, va_list ap)
{
	char buf[KTAP_LINE_MAX];

	ktap_vformat(buf, fmt, ap);
	ksft_print_msg("%s\n", buf);
	fflush(stdout);
}

void ktap_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vdiag(fmt, ap);
	va_end(ap);
}

void ktap_header(void)
{
	ksft_print_header();
	fflush(stdout);
}

void ktap_plan(struct ktap *k, unsigned int n)
{
	ksft_set_plan(n);
	fflush(stdout);
	k->planned = true;
}

void ktap_skip_all(struct ktap *k, const char *reason)
{
	k->planned = true;
	ksft_exit_skip("%s\n", reason);
}

void ktap_result(struct ktap *k, bool ok, const char *name)
{
	k->n++;
	if (ok) {
		k->pass++;
		ksft_test_result_pass("%s\n", name);
	} else {
		k->fail++;
		ksft_test_result_fail("%s\n", name);
	}
	fflush(stdout);
}

void ktap_skip(struct ktap *k, const char *name, const char *reason)
{
	k->n++;
	k->skip++;
	if (name) {
		/* ksft_test_result_skip() has no name: the line of ktap.c */
		ksft_inc_xskip_cnt();
		printf("ok %u %s # SKIP %s\n", ksft_test_num(), name, reason);
	} else {
		ksft_test_result_skip("%s\n", reason);
	}
	fflush(stdout);
}

void ktap_totals(const struct ktap *k)
{
	ksft_print_cnts();
	fflush(stdout);
}

int ktap_exit_status(const struct ktap *k)
{
	if (ksft_get_fail_cnt() || ksft_get_error_cnt())
		return KSFT_FAIL;
	if (!ksft_get_pass_cnt() && ksft_get_xskip_cnt())
		return KSFT_SKIP;
	return KSFT_PASS;
}
