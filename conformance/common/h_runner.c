// SPDX-License-Identifier: GPL-2.0
/*
 * The userspace runner of the steps-program harnesses: see h_runner.h.
 * It knows nothing of the code under test; the harness's h_runner_ops
 * says what is under test and how a crash of it shows.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* sigabbrev_np() */
#endif
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "h_checks.h"
#include "h_runner.h"
#include "ktap.h"

#define H_DEFAULT_TIMEOUT 10

/*
 * What a test child leaves for the runner.  It lives in a shared mapping
 * so that it survives the child's crash.
 */
struct h_shared {
	struct h_core core;		/* the log, the failures, the step */
	enum h_crash crash_armed;
	char crash_call[H_LINE];
	int crash_want_n;		/* -1: the log is not checked */
	char crash_want[H_LOG_MAX][H_LINE];
	char skip[H_LINE];		/* why the test skipped itself */
	char fatal_kind[32];
	char fatal_msg[256];
};

static struct h_shared h_local;
static struct h_shared *sh = &h_local;

/* The checks are h_checks.c's, labelled as in every userspace harness. */
const struct h_check_ops h_check_ops = {
	.no_step = "(no step)",
};

void h_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sh->skip, H_LINE, fmt, ap);
	va_end(ap);
	fflush(stdout);
	_exit(KSFT_SKIP);
}

/* Crash steps */

void h_crash_expect(enum h_crash kind, const char *call,
		    const char *const *want_log)
{
	int n = 0;

	sh->crash_armed = kind;
	snprintf(sh->crash_call, H_LINE, "%s", call);
	sh->crash_want_n = -1;
	if (!want_log)
		return;
	for (; want_log[n]; n++) {
		if (n == H_LOG_MAX) {
			h_diag("%s: harness misuse: more than %d expected log lines",
			       h_step_prefix(), H_LOG_MAX);
			abort();
		}
		snprintf(sh->crash_want[n], H_LINE, "%s", want_log[n]);
	}
	sh->crash_want_n = n;
}

void h_crash_missed(void)
{
	enum h_crash kind = sh->crash_armed;

	sh->crash_armed = H_CRASH_NONE;
	h_fail("%s returned, but the model expects %s", sh->crash_call,
	       kind == H_CRASH_LIST ? "a list corruption report" : "a crash");
}

void h_fatal(const char *kind, const char *msg)
{
	snprintf(sh->fatal_kind, sizeof(sh->fatal_kind), "%s", kind);
	snprintf(sh->fatal_msg, sizeof(sh->fatal_msg), "%s", msg);
	h_diag("%s: %s: %s", h_step_prefix(), kind, msg);
}

static bool crash_was_expected(int sig)
{
	const char *list = h_runner_ops.list_fatal_kind;
	const char *want[H_LOG_MAX];

	if (sig == SIGALRM || sh->core.failures)
		return false;
	switch (sh->crash_armed) {
	case H_CRASH_ANY:
		break;
	case H_CRASH_LIST:
		if (!list || strcmp(sh->fatal_kind, list))
			return false;
		break;
	default:
		return false;
	}
	if (sh->crash_want_n < 0)
		return true;
	for (int i = 0; i < sh->crash_want_n; i++)
		want[i] = sh->crash_want[i];
	return h_log_matches(want, sh->crash_want_n);
}

/* The runner */

enum h_outcome { H_PASS, H_FAIL, H_SKIP };

static void run_child(const struct h_test *t, unsigned int timeout)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (h_runner_ops.child_setup)
		h_runner_ops.child_setup();
	alarm(timeout);
	t->fn();
	alarm(0);
	fflush(stdout);
}

/* The child exited: passed, failed its checks, skipped, or died oddly. */
static enum h_outcome child_exited(int status)
{
	if (status == 0)
		return H_PASS;
	if (status == KSFT_SKIP && sh->skip[0])
		return H_SKIP;
	if (status != 1 || !sh->core.failures) {
		/* Not our exit: a sanitizer, or exit() in the code. */
		h_diag("%s: exited with status %d", h_step_prefix(), status);
		h_print_history();
	}
	return H_FAIL;
}

static enum h_outcome child_killed(int sig, unsigned int timeout)
{
	const char *abbrev = sigabbrev_np(sig);

	if (crash_was_expected(sig)) {
		h_diag("expected crash in %s: SIG%s%s%s", sh->crash_call,
		       abbrev, sh->fatal_kind[0] ? ", " : "", sh->fatal_kind);
		return H_PASS;
	}
	if (sig == SIGALRM)
		h_diag("%s: timeout after %u s", h_step_prefix(), timeout);
	else
		h_diag("%s: killed by SIG%s%s%s", h_step_prefix(),
		       abbrev ? abbrev : "?",
		       sh->fatal_kind[0] ? " after " : "", sh->fatal_kind);
	h_print_history();
	return H_FAIL;
}

/* Run one test in a child. */
static enum h_outcome run_forked(const struct h_test *t, unsigned int timeout)
{
	int status;
	pid_t pid;

	memset(sh, 0, sizeof(*sh));
	h_core = &sh->core;
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		h_diag("fork: %s", strerror(errno));
		return H_FAIL;
	}
	if (!pid) {
		run_child(t, timeout);
		_exit(sh->core.failures ? 1 : 0);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			h_diag("waitpid: %s", strerror(errno));
			return H_FAIL;
		}
	}
	if (WIFEXITED(status))
		return child_exited(WEXITSTATUS(status));
	return child_killed(WTERMSIG(status), timeout);
}

static bool selected(const char *name, char **only, int nonly)
{
	if (!nonly)
		return true;
	for (int i = 0; i < nonly; i++)
		if (!strcmp(only[i], name))
			return true;
	return false;
}

static int bad_usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-l] [-t NAME]... [--no-fork]\n", prog);
	return 2;
}

struct h_opts {
	bool list, no_fork;
	int nonly;
	char **only;
};

/* Parse the options; 0, or the exit status of a bad usage. */
static int parse_opts(int argc, char **argv, const struct h_test *tests,
		      int n, struct h_opts *o)
{
	int i, j;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-l"))
			o->list = true;
		else if (!strcmp(argv[i], "--no-fork"))
			o->no_fork = true;
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			o->only[o->nonly++] = argv[++i];
		else
			return bad_usage(argv[0]);
	}
	for (i = 0; i < o->nonly; i++) {
		for (j = 0; j < n && strcmp(tests[j].name, o->only[i]); j++)
			;
		if (j == n) {
			fprintf(stderr, "%s: no test %s\n", argv[0], o->only[i]);
			return 2;
		}
	}
	if (o->no_fork && !o->list && o->nonly != 1)
		return bad_usage(argv[0]);
	return 0;
}

static void run_tests(const struct h_test *tests, int n,
		      const struct h_opts *o, struct ktap *k)
{
	unsigned int timeout = H_DEFAULT_TIMEOUT;
	const char *env = getenv("IRQSPEC_TEST_TIMEOUT");
	int i, plan = 0;

	if (env && atoi(env) > 0)
		timeout = atoi(env);
	for (i = 0; i < n; i++)
		plan += selected(tests[i].name, o->only, o->nonly);
	ktap_plan(k, plan);
	for (i = 0; i < n; i++) {
		const struct h_test *t = &tests[i];
		enum h_outcome out;

		if (!selected(t->name, o->only, o->nonly))
			continue;
		if (o->no_fork) {
			run_child(t, timeout);
			out = sh->core.failures ? H_FAIL : H_PASS;
		} else {
			out = run_forked(t, timeout);
		}
		if (out == H_SKIP)
			ktap_skip(k, t->name, sh->skip);
		else
			ktap_result(k, out == H_PASS, t->name);
	}
	ktap_totals(k);
}

int h_run(int argc, char **argv, const struct h_test *tests, int n)
{
	struct h_opts o = { .only = calloc(argc, sizeof(char *)) };
	struct ktap k = { };
	const char *why;
	int ret;

	ret = parse_opts(argc, argv, tests, n, &o);
	if (ret || o.list) {
		for (int i = 0; !ret && i < n; i++)
			printf("%s\n", tests[i].name);
		free(o.only);
		return ret;
	}
	ktap_header();
	ktap_diag("%s", h_runner_ops.under_test);
	why = h_runner_ops.unavailable ? h_runner_ops.unavailable() : NULL;
	if (why) {
		ktap_skip_all(&k, why);
		free(o.only);
		return KSFT_SKIP;
	}
	if (!o.no_fork) {
		sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (sh == MAP_FAILED) {
			perror("mmap");
			free(o.only);
			return KSFT_FAIL;
		}
	}
	h_core = &sh->core;
	run_tests(tests, n, &o, &k);
	free(o.only);
	return ktap_exit_status(&k);
}
