// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel-module half of the steps-program harnesses: see h_kmod.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "h_checks.h"
#include "h_kmod.h"
#include "ktap.h"

/* Module parameters: the runner's argv is built from them. */
static bool h_param_list;
module_param_named(list, h_param_list, bool, 0444);
MODULE_PARM_DESC(list, "only list the test names (like -l)");
static char *h_param_tests;
module_param_named(tests, h_param_tests, charp, 0444);
MODULE_PARM_DESC(tests, "comma-separated test names to run (like -t)");
static unsigned int h_param_timeout = H_DEFAULT_TIMEOUT;
module_param_named(timeout, h_param_timeout, uint, 0444);
MODULE_PARM_DESC(timeout, "per-test timeout in seconds (default 10)");
static bool h_param_crash = true;
module_param_named(crash, h_param_crash, bool, 0444);
MODULE_PARM_DESC(crash, "run the steps the model says must crash (default 1)");

void h_out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vprint(fmt, ap);
	va_end(ap);
}

/* The runner's options */

static int bad_usage(const char *prog)
{
	h_out("Bail out! usage: %s [-l] [-t NAME]... [--timeout SECONDS] [--no-crash]",
	      prog);
	return 2;
}

/* Every -t NAME must name a test. */
static int check_names(const char *prog, const struct h_test *tests, int n,
		       const struct h_opts *o)
{
	int i, j;

	for (i = 0; i < o->nonly; i++) {
		for (j = 0; j < n && strcmp(tests[j].name, o->only[i]); j++)
			;
		if (j == n) {
			h_out("Bail out! %s: no test %s", prog, o->only[i]);
			return 2;
		}
	}
	return 0;
}

int h_opts_parse(int argc, char **argv, const struct h_test *tests, int n,
		 struct h_opts *o)
{
	int i;

	*o = (struct h_opts){ .crash = true, .timeout = H_DEFAULT_TIMEOUT };
	o->only = kcalloc(argc + 1, sizeof(*o->only), GFP_KERNEL);
	if (!o->only)
		return 1;
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-l")) {
			o->list = true;
		} else if (!strcmp(argv[i], "--no-crash")) {
			o->crash = false;
		} else if (!strcmp(argv[i], "-t") && i + 1 < argc) {
			o->only[o->nonly++] = argv[++i];
		} else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
			if (kstrtouint(argv[++i], 10, &o->timeout) || !o->timeout)
				return bad_usage(argv[0]);
		} else {
			return bad_usage(argv[0]);
		}
	}
	if (check_names(argv[0], tests, n, o))
		return 2;
	if (o->list)
		for (i = 0; i < n; i++)
			h_out("%s", tests[i].name);
	return 0;
}

void h_opts_free(struct h_opts *o)
{
	kfree(o->only);
	o->only = NULL;
}

bool h_selected(const struct h_opts *o, const char *name)
{
	int i;

	if (!o->nonly)
		return true;
	for (i = 0; i < o->nonly; i++)
		if (!strcmp(o->only[i], name))
			return true;
	return false;
}

int h_plan(const struct h_opts *o, const struct h_test *tests, int n)
{
	int i, plan = 0;

	for (i = 0; i < n; i++)
		plan += h_selected(o, tests[i].name);
	return plan;
}

/* One kthread per test */

struct h_job {
	const struct h_test *t;
	void (*after)(void);
	struct completion done;
};

static int test_thread(void *data)
{
	struct h_job *job = data;

	job->t->fn();
	if (job->after)
		job->after();
	complete(&job->done);
	return 0;
}

/* Wait for the job's end, its thread's death, or the deadline. */
static enum h_thread_end wait_job(struct task_struct *tsk, struct h_job *job,
				  unsigned long deadline)
{
	for (;;) {
		if (wait_for_completion_timeout(&job->done, HZ / 50))
			return H_DONE;
		if (READ_ONCE(tsk->flags) & PF_EXITING)
			return completion_done(&job->done) ? H_DONE : H_DIED;
		if (time_after(jiffies, deadline))
			return H_TIMEOUT;
	}
}

enum h_thread_end h_run_thread(const struct h_test *t, void (*after)(void),
			       int num, unsigned int timeout)
{
	unsigned long deadline = jiffies + timeout * HZ;
	struct task_struct *tsk;
	enum h_thread_end end;
	struct h_job *job;

	/* A dead or hung thread may still refer to the job: never freed. */
	job = kzalloc(sizeof(*job), GFP_KERNEL);
	if (!job) {
		h_diag("no memory for test %s", t->name);
		return H_NOT_RUN;
	}
	job->t = t;
	job->after = after;
	init_completion(&job->done);
	tsk = kthread_create(test_thread, job, "irqspec/%d", num);
	if (IS_ERR(tsk)) {
		h_diag("kthread_create: %ld", PTR_ERR(tsk));
		kfree(job);
		return H_NOT_RUN;
	}
	get_task_struct(tsk);
	wake_up_process(tsk);
	end = wait_job(tsk, job, deadline);
	if (end == H_DONE) {
		/* It returned from test_thread(): wait until it is gone. */
		while (!(READ_ONCE(tsk->flags) & PF_EXITING))
			usleep_range(500, 1000);
		kfree(job);
	}
	put_task_struct(tsk);
	return end;
}

/* Module glue */

/* argv from the module parameters: the options h_opts_parse() reads. */
static char **build_argv(char *tests, char *num, size_t num_size, int *argc)
{
	char **argv, *s, *name;
	int max = 6;

	for (s = tests; s && *s; s++)
		max += 2 * (*s == ',' || *s == ' ');
	if (tests)
		max += 2;
	argv = kcalloc(max, sizeof(*argv), GFP_KERNEL);
	if (!argv)
		return NULL;
	*argc = 0;
	argv[(*argc)++] = KBUILD_MODNAME;
	if (h_param_list)
		argv[(*argc)++] = "-l";
	if (!h_param_crash)
		argv[(*argc)++] = "--no-crash";
	snprintf(num, num_size, "%u", h_param_timeout);
	argv[(*argc)++] = "--timeout";
	argv[(*argc)++] = num;
	while (tests && (name = strsep(&tests, ", ")) != NULL) {
		if (!*name)
			continue;
		argv[(*argc)++] = "-t";
		argv[(*argc)++] = name;
	}
	argv[*argc] = NULL;
	return argv;
}

int h_module_main(int (*main)(int argc, char **argv))
{
	char **argv, *copy = NULL, num[16];
	int argc, ret;

	if (h_param_tests) {
		copy = kstrdup(h_param_tests, GFP_KERNEL);
		if (!copy)
			return -ENOMEM;
	}
	argv = build_argv(copy, num, sizeof(num), &argc);
	if (!argv) {
		kfree(copy);
		return -ENOMEM;
	}
	ret = main(argc, argv);
	kfree(copy);
	kfree(argv);
	switch (ret) {
	case 0:
		return 0;
	case 2:
		return -ENOENT;	/* usage: a wrong parameter */
	default:
		return -EINVAL;	/* as kstm_report(): some test did not pass */
	}
}
