// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec kernel-src harness for Era D (v6.17+) irqbypass.c: harness.h and
 * harness-era-d.h over the real virt/lib/irqbypass.c of a v6.17+ tree,
 * built against that tree's include/linux/irqbypass.h (eventfd, no token)
 * and the shim headers with shim/era_d.h force-included.
 *
 * The runner, the callback log and the checks are those of harness.c
 * (kept in step by hand: harness.c compiles only against Era C's
 * irqbypass.h); the objects and the calls are Era D's: the token of an
 * object is the eventfd its owner passes at registration, and the
 * structures irqbypass.c owns (->eventfd, ->consumer, ->producer, ->irq,
 * the XArrays) are left to it.
 */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/irqbypass.h>
#include <linux/module.h>
#include <linux/bug.h>
#include <linux/xarray.h>
#include "shim.h"
#include "harness-era-d.h"

#ifndef H_SOURCE_DESC
#define H_SOURCE_DESC "virt/lib/irqbypass.c (Era D)"
#endif
#define H_LINE		96
#define H_LOG_MAX	256
#define H_HIST		16
#define H_DEFAULT_TIMEOUT 10

/*
 * What a test child leaves for the runner.  It lives in a shared mapping
 * so that it survives the child's crash.
 */
struct h_shared {
	int log_n;
	bool log_overflow;
	char log[H_LOG_MAX][H_LINE];
	unsigned int hist_n;		/* ring of the last H_HIST events */
	char hist[H_HIST][H_LINE];
	int failures;
	enum h_crash crash_armed;
	char crash_call[H_LINE];
	int crash_want_n;		/* -1: the log is not checked */
	char crash_want[H_LOG_MAX][H_LINE];
	char step[H_LINE];
	char fatal_kind[32];
	char fatal_msg[256];
};

static struct h_shared h_local;
static struct h_shared *sh = &h_local;

struct h_prod {
	struct irq_bypass_producer kp;	/* what irqbypass.c sees */
	int token;			/* the eventfd the owner passes */
	unsigned int cbs;
	int add_ret;
};

struct h_cons {
	struct irq_bypass_consumer kc;
	int token;
	unsigned int cbs;
	int add_ret;
};

/* A zeroed object passes a NULL eventfd, as a zeroed Era C one has a NULL token. */
static struct h_prod prods[H_MAX_PRODUCERS] = {
	[0 ... H_MAX_PRODUCERS - 1] = { .token = H_TOKEN_NULL },
};
static struct h_cons conss[H_MAX_CONSUMERS] = {
	[0 ... H_MAX_CONSUMERS - 1] = { .token = H_TOKEN_NULL },
};
/* Distinct struct eventfd_ctx pointers; only their addresses matter. */
static char tokens[H_MAX_TOKENS][64] __attribute__((aligned(64)));

static const char *const pnames[H_MAX_PRODUCERS] = {
	"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7",
};
static const char *const cnames[H_MAX_CONSUMERS] = {
	"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7",
};
void h_diag(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printf("# %s\n", buf);
	fflush(stdout);
}

static void __attribute__((format(printf, 1, 2)))
hist_add(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sh->hist[sh->hist_n % H_HIST], H_LINE, fmt, ap);
	va_end(ap);
	sh->hist_n++;
}

static void __attribute__((noreturn, format(printf, 1, 2)))
h_misuse(const char *fmt, ...)
{
	char buf[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	shim_fatal("harness misuse", "%s", buf);
}

/* Objects and their callbacks */
static const char *pname(const struct irq_bypass_producer *kp)
{
	for (int i = 0; i < H_MAX_PRODUCERS; i++)
		if (kp == &prods[i].kp)
			return pnames[i];
	return "p?";
}

static const char *cname(const struct irq_bypass_consumer *kc)
{
	for (int i = 0; i < H_MAX_CONSUMERS; i++)
		if (kc == &conss[i].kc)
			return cnames[i];
	return "c?";
}

static void __attribute__((format(printf, 1, 2)))
log_cb(const char *fmt, ...)
{
	char line[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	hist_add("%s", line);
	if (sh->log_n == H_LOG_MAX) {
		sh->log_overflow = true;
		return;
	}
	memcpy(sh->log[sh->log_n++], line, H_LINE);
}

static int hp_add_consumer(struct irq_bypass_producer *kp,
			   struct irq_bypass_consumer *kc)
{
	log_cb("prod.add_consumer %s %s", pname(kp), cname(kc));
	return container_of(kp, struct h_prod, kp)->add_ret;
}

static void hp_del_consumer(struct irq_bypass_producer *kp,
			    struct irq_bypass_consumer *kc)
{
	log_cb("prod.del_consumer %s %s", pname(kp), cname(kc));
}

static void hp_stop(struct irq_bypass_producer *kp)
{
	log_cb("prod.stop %s", pname(kp));
}

static void hp_start(struct irq_bypass_producer *kp)
{
	log_cb("prod.start %s", pname(kp));
}

static int hc_add_producer(struct irq_bypass_consumer *kc,
			   struct irq_bypass_producer *kp)
{
	log_cb("cons.add_producer %s %s", cname(kc), pname(kp));
	return container_of(kc, struct h_cons, kc)->add_ret;
}

static void hc_del_producer(struct irq_bypass_consumer *kc,
			    struct irq_bypass_producer *kp)
{
	log_cb("cons.del_producer %s %s", cname(kc), pname(kp));
}

static void hc_stop(struct irq_bypass_consumer *kc)
{
	log_cb("cons.stop %s", cname(kc));
}

static void hc_start(struct irq_bypass_consumer *kc)
{
	log_cb("cons.start %s", cname(kc));
}

static struct h_prod *prod(int p)
{
	if (p < 0 || p >= H_MAX_PRODUCERS)
		h_misuse("no producer p%d", p);
	return &prods[p];
}

static struct h_cons *cons(int c)
{
	if (c < 0 || c >= H_MAX_CONSUMERS)
		h_misuse("no consumer c%d", c);
	return &conss[c];
}

static struct eventfd_ctx *token_ptr(int token)
{
	if (token == H_TOKEN_NULL)
		return NULL;
	if (token < 0 || token >= H_MAX_TOKENS)
		h_misuse("no token %d", token);
	return (struct eventfd_ctx *)tokens[token];
}

static int token_of(const struct eventfd_ctx *e)
{
	if (!e)
		return H_TOKEN_NULL;
	for (int i = 0; i < H_MAX_TOKENS; i++)
		if ((const void *)e == (const void *)tokens[i])
			return i;
	return H_FOREIGN;
}

/* The fields an owner sets: the callbacks. irqbypass.c owns the rest. */
static void prod_apply(struct h_prod *hp)
{
	struct irq_bypass_producer *kp = &hp->kp;

	kp->add_consumer = hp->cbs & H_CB_ADD ? hp_add_consumer : NULL;
	kp->del_consumer = hp->cbs & H_CB_DEL ? hp_del_consumer : NULL;
	kp->stop = hp->cbs & H_CB_STOP ? hp_stop : NULL;
	kp->start = hp->cbs & H_CB_START ? hp_start : NULL;
}

static void cons_apply(struct h_cons *hc)
{
	struct irq_bypass_consumer *kc = &hc->kc;

	kc->add_producer = hc->cbs & H_CB_ADD ? hc_add_producer : NULL;
	kc->del_producer = hc->cbs & H_CB_DEL ? hc_del_producer : NULL;
	kc->stop = hc->cbs & H_CB_STOP ? hc_stop : NULL;
	kc->start = hc->cbs & H_CB_START ? hc_start : NULL;
}

void h_producer_init(int p, int token, unsigned int cbs, int add_ret)
{
	struct h_prod *hp = prod(p);

	token_ptr(token);	/* checks it */
	hp->token = token;
	hp->cbs = cbs;
	hp->add_ret = add_ret;
	prod_apply(hp);
}

void h_consumer_init(int c, int token, unsigned int cbs, int add_ret)
{
	struct h_cons *hc = cons(c);

	token_ptr(token);
	hc->token = token;
	hc->cbs = cbs;
	hc->add_ret = add_ret;
	cons_apply(hc);
}

void h_producer_set_token(int p, int token)
{
	token_ptr(token);
	prod(p)->token = token;
}

void h_consumer_set_token(int c, int token)
{
	token_ptr(token);
	cons(c)->token = token;
}

void h_producer_set_add_ret(int p, int add_ret)
{
	prod(p)->add_ret = add_ret;
}

void h_consumer_set_add_ret(int c, int add_ret)
{
	cons(c)->add_ret = add_ret;
}

/* Era C's "on a list" is Era D's "in an XArray". */
bool h_producer_linked(int p)
{
	return shim_xa_holds(&prod(p)->kp);
}

bool h_consumer_linked(int c)
{
	return shim_xa_holds(&cons(c)->kc);
}

bool h_producer_on_list(int p)
{
	prod(p);
	return false;
}

bool h_consumer_on_list(int c)
{
	cons(c);
	return false;
}

int h_producer_eventfd(int p)
{
	return token_of(prod(p)->kp.eventfd);
}

int h_consumer_eventfd(int c)
{
	return token_of(cons(c)->kc.eventfd);
}

static int cons_index(const struct irq_bypass_consumer *kc)
{
	if (!kc)
		return -1;
	for (int i = 0; i < H_MAX_CONSUMERS; i++)
		if (kc == &conss[i].kc)
			return i;
	return H_FOREIGN;
}

static int prod_index(const struct irq_bypass_producer *kp)
{
	if (!kp)
		return -1;
	for (int i = 0; i < H_MAX_PRODUCERS; i++)
		if (kp == &prods[i].kp)
			return i;
	return H_FOREIGN;
}

int h_producer_bound(int p)
{
	return cons_index(prod(p)->kp.consumer);
}

int h_consumer_bound(int c)
{
	return prod_index(cons(c)->kc.producer);
}

int h_producer_irq(int p)
{
	return prod(p)->kp.irq;
}

/* The object of the given kind that an XArray of irqbypass.c holds there. */
static int xa_at(int token, bool producer)
{
	unsigned long index = (unsigned long)token_ptr(token);
	struct xarray *xa;

	for (unsigned int n = 0; (xa = shim_xa_nth(n)); n++) {
		void *e = shim_xa_peek(xa, index);
		int i;

		if (!e)
			continue;
		i = producer ? prod_index(e) : cons_index(e);
		if (i != H_FOREIGN)
			return i;
	}
	return -1;
}

int h_xa_producer_at(int token)
{
	return xa_at(token, true);
}

int h_xa_consumer_at(int token)
{
	return xa_at(token, false);
}

void h_xa_fail_next_insert(void)
{
	hist_add("xa_insert: no memory for the next allocation");
	shim_xa_fail_next_alloc();
}

/* WARN_ON_ONCE() and WARN_ON() reports are lines of the callback log. */
static void warn_hook(const char *macro, const char *cond, const char *func)
{
	log_cb("%s(%s) in %s", macro, cond, func);
}

/* The calls under test */

static void after_call(const char *call, const char *name, int ret)
{
	hist_add("ret %s(%s) = %d", call, name, ret);
	if (shim_mutexes_held())
		h_fail("%s(%s) returned with %d mutex(es) held", call, name,
		       shim_mutexes_held());
}

int h_register_producer_irq(int p, int irq)
{
	struct h_prod *hp = prod(p);
	int ret;

	hist_add("call register_producer(%s, token %d, irq %d)", pnames[p],
		 hp->token, irq);
	ret = irq_bypass_register_producer(&hp->kp, token_ptr(hp->token), irq);
	after_call("register_producer", pnames[p], ret);
	return ret;
}

int h_register_producer(int p)
{
	return h_register_producer_irq(p, 32 + p);
}

int h_register_consumer(int c)
{
	struct h_cons *hc = cons(c);
	int ret;

	hist_add("call register_consumer(%s, token %d)", cnames[c], hc->token);
	ret = irq_bypass_register_consumer(&hc->kc, token_ptr(hc->token));
	after_call("register_consumer", cnames[c], ret);
	return ret;
}
int h_unregister_producer(int p)
{
	struct h_prod *hp = prod(p);

	hist_add("call unregister_producer(%s)", pnames[p]);
	irq_bypass_unregister_producer(&hp->kp);
	after_call("unregister_producer", pnames[p], 0);
	return 0;
}

int h_unregister_consumer(int c)
{
	struct h_cons *hc = cons(c);

	hist_add("call unregister_consumer(%s)", cnames[c]);
	irq_bypass_unregister_consumer(&hc->kc);
	after_call("unregister_consumer", cnames[c], 0);
	return 0;
}

int h_module_refcount(void)
{
	return shim_module_refcount();
}

int h_module_underflows(void)
{
	return shim_module_underflows();
}

void h_module_set_going(bool going)
{
	hist_add("module going = %d", going);
	shim_module_set_going(going);
}

/* The callback log and checks */
int h_log_count(void)
{
	return sh->log_n;
}

const char *h_log_entry(int i)
{
	return i >= 0 && i < sh->log_n ? sh->log[i] : NULL;
}

void h_log_clear(void)
{
	sh->log_n = 0;
	sh->log_overflow = false;
}

int h_failures(void)
{
	return sh->failures;
}

void h_step(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(sh->step, H_LINE, fmt, ap);
	va_end(ap);
	hist_add("step %s", sh->step);
}

static const char *step_prefix(void)
{
	return sh->step[0] ? sh->step : "(no step)";
}

void h_fail(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h_diag("%s: %s", step_prefix(), buf);
	sh->failures++;
}

static void fmt_value(char *buf, size_t size, long v)
{
	const char *name = v < 0 ? strerrorname_np((int)-v) : NULL;

	if (name)
		snprintf(buf, size, "%ld (-%s)", v, name);
	else
		snprintf(buf, size, "%ld", v);
}

bool h_expect_int(const char *what, long want, long got)
{
	char w[48], g[48];

	if (want == got)
		return true;
	fmt_value(w, sizeof(w), want);
	fmt_value(g, sizeof(g), got);
	h_fail("%s: want %s, got %s", what, w, g);
	return false;
}

/* Compare the log with @want; print a want/got listing if they differ. */
static bool log_matches(const char *const *want, int nwant)
{
	int n, i;
	bool same = nwant == sh->log_n && !sh->log_overflow;

	for (i = 0; same && i < nwant; i++)
		same = !strcmp(want[i], sh->log[i]);
	if (same)
		return true;
	h_diag("%s: callback log mismatch%s", step_prefix(),
	       sh->log_overflow ? " (log overflowed)" : "");
	h_diag("  %-32s %s", "want", "got");
	n = nwant > sh->log_n ? nwant : sh->log_n;
	for (i = 0; i < n; i++) {
		const char *w = i < nwant ? want[i] : "-";
		const char *g = i < sh->log_n ? sh->log[i] : "-";

		h_diag("%c %-32s %s", strcmp(w, g) ? '!' : ' ', w, g);
	}
	return false;
}

bool h_log_check(const char *const *want)
{
	int nwant = 0;
	bool same;

	while (want[nwant])
		nwant++;
	same = log_matches(want, nwant);
	if (!same)
		sh->failures++;
	h_log_clear();
	return same;
}

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
		if (n == H_LOG_MAX)
			h_misuse("more than %d expected log lines", H_LOG_MAX);
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

/* The runner */

static void fatal_hook(const char *kind, const char *msg)
{
	snprintf(sh->fatal_kind, sizeof(sh->fatal_kind), "%s", kind);
	snprintf(sh->fatal_msg, sizeof(sh->fatal_msg), "%s", msg);
	h_diag("%s: %s: %s", step_prefix(), kind, msg);
}

static void reset_shared(void)
{
	memset(sh, 0, sizeof(*sh));
}

static void run_child(const struct h_test *t, unsigned int timeout)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	shim_fatal_hook = fatal_hook;
	shim_warn_hook = warn_hook;
	alarm(timeout);
	t->fn();
	alarm(0);
	fflush(stdout);
}

static void print_history(void)
{
	unsigned int first = sh->hist_n > H_HIST ? sh->hist_n - H_HIST : 0;

	h_diag("last harness events:");
	for (unsigned int i = first; i < sh->hist_n; i++)
		h_diag("  %s", sh->hist[i % H_HIST]);
}

static bool crash_was_expected(int sig)
{
	const char *want[H_LOG_MAX];

	if (sig == SIGALRM || sh->failures)
		return false;
	switch (sh->crash_armed) {
	case H_CRASH_ANY:
		break;
	case H_CRASH_LIST:
		if (strcmp(sh->fatal_kind, SHIM_FATAL_LIST))
			return false;
		break;
	default:
		return false;
	}
	if (sh->crash_want_n < 0)
		return true;
	for (int i = 0; i < sh->crash_want_n; i++)
		want[i] = sh->crash_want[i];
	return log_matches(want, sh->crash_want_n);
}

/* Run one test in a child; true if it passed. */
static bool run_forked(const struct h_test *t, unsigned int timeout)
{
	int status, sig;
	pid_t pid;

	reset_shared();
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		h_diag("fork: %s", strerror(errno));
		return false;
	}
	if (!pid) {
		run_child(t, timeout);
		_exit(sh->failures ? 1 : 0);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			h_diag("waitpid: %s", strerror(errno));
			return false;
		}
	}
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) == 0)
			return true;
		if (WEXITSTATUS(status) != 1 || !sh->failures) {
			/* Not our exit: a sanitizer, or exit() in the code. */
			h_diag("%s: exited with status %d", step_prefix(),
			       WEXITSTATUS(status));
			print_history();
		}
		return false;
	}
	sig = WTERMSIG(status);
	if (crash_was_expected(sig)) {
		h_diag("expected crash in %s: SIG%s%s%s", sh->crash_call,
		       sigabbrev_np(sig), sh->fatal_kind[0] ? ", " : "",
		       sh->fatal_kind);
		return true;
	}
	if (sig == SIGALRM)
		h_diag("%s: timeout after %u s", step_prefix(), timeout);
	else
		h_diag("%s: killed by SIG%s%s%s", step_prefix(),
		       sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
		       sh->fatal_kind[0] ? " after " : "", sh->fatal_kind);
	print_history();
	return false;
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

static int usage(const char *prog)
{
	fprintf(stderr, "usage: %s [-l] [-t NAME]... [--no-fork]\n", prog);
	return 2;
}

int h_run(int argc, char **argv, const struct h_test *tests, int n)
{
	int nonly = 0, plan = 0, pass = 0, fail = 0, i;
	bool list = false, no_fork = false;
	unsigned int timeout = H_DEFAULT_TIMEOUT;
	const char *env = getenv("IRQSPEC_TEST_TIMEOUT");
	char **only = calloc(argc, sizeof(*only));

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-l"))
			list = true;
		else if (!strcmp(argv[i], "--no-fork"))
			no_fork = true;
		else if (!strcmp(argv[i], "-t") && i + 1 < argc)
			only[nonly++] = argv[++i];
		else
			return usage(argv[0]);
	}
	for (i = 0; i < nonly; i++) {
		int j;

		for (j = 0; j < n && strcmp(tests[j].name, only[i]); j++)
			;
		if (j == n) {
			fprintf(stderr, "%s: no test %s\n", argv[0], only[i]);
			return 2;
		}
	}
	if (list) {
		for (i = 0; i < n; i++)
			printf("%s\n", tests[i].name);
		return 0;
	}
	if (env && atoi(env) > 0)
		timeout = atoi(env);
	if (no_fork) {
		if (nonly != 1)
			return usage(argv[0]);
	} else {
		sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (sh == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
	}

	for (i = 0; i < n; i++)
		plan += selected(tests[i].name, only, nonly);
	printf("KTAP version 1\n");
	printf("# irqbypass under test: %s\n", H_SOURCE_DESC);
	printf("1..%d\n", plan);
	for (i = 0; i < n; i++) {
		const struct h_test *t = &tests[i];
		bool ok;

		if (!selected(t->name, only, nonly))
			continue;
		if (no_fork) {
			run_child(t, timeout);
			ok = !sh->failures;
		} else {
			ok = run_forked(t, timeout);
		}
		printf("%sok %d %s\n", ok ? "" : "not ", pass + fail + 1,
		       t->name);
		fflush(stdout);
		ok ? pass++ : fail++;
	}
	printf("# Totals: pass:%d fail:%d xfail:0 xpass:0 skip:0 error:0\n",
	       pass, fail);
	free(only);
	return fail ? 1 : 0;
}
