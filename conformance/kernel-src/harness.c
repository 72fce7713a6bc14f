// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec kernel-src harness: see harness.h.
 *
 * Built against the real include/linux/irqbypass.h and the shim headers,
 * linked with the real virt/lib/irqbypass.c.  The runner, the callback log
 * and the checks are conformance/common/h_runner.c's; here are the objects
 * and the calls.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <linux/irqbypass.h>
#include <linux/module.h>
#include "shim.h"
#include "harness.h"
#include "h_runner.h"

#ifndef H_SOURCE_DESC
#define H_SOURCE_DESC "virt/lib/irqbypass.c"
#endif

struct h_prod {
	struct irq_bypass_producer kp;	/* what irqbypass.c sees */
	int token;
	unsigned int cbs;
	int add_ret;
};

struct h_cons {
	struct irq_bypass_consumer kc;
	int token;
	unsigned int cbs;
	int add_ret;
};

static struct h_prod prods[H_MAX_PRODUCERS];
static struct h_cons conss[H_MAX_CONSUMERS];
static char tokens[H_MAX_TOKENS];	/* only their addresses matter */

static const char *const pnames[H_MAX_PRODUCERS] = {
	"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7",
};
static const char *const cnames[H_MAX_CONSUMERS] = {
	"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7",
};

static __noreturn __printf(1, 2) void h_misuse(const char *fmt, ...)
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

static int hp_add_consumer(struct irq_bypass_producer *kp,
			   struct irq_bypass_consumer *kc)
{
	h_log_event("prod.add_consumer %s %s", pname(kp), cname(kc));
	return container_of(kp, struct h_prod, kp)->add_ret;
}

static void hp_del_consumer(struct irq_bypass_producer *kp,
			    struct irq_bypass_consumer *kc)
{
	h_log_event("prod.del_consumer %s %s", pname(kp), cname(kc));
}

static void hp_stop(struct irq_bypass_producer *kp)
{
	h_log_event("prod.stop %s", pname(kp));
}

static void hp_start(struct irq_bypass_producer *kp)
{
	h_log_event("prod.start %s", pname(kp));
}

static int hc_add_producer(struct irq_bypass_consumer *kc,
			   struct irq_bypass_producer *kp)
{
	h_log_event("cons.add_producer %s %s", cname(kc), pname(kp));
	return container_of(kc, struct h_cons, kc)->add_ret;
}

static void hc_del_producer(struct irq_bypass_consumer *kc,
			    struct irq_bypass_producer *kp)
{
	h_log_event("cons.del_producer %s %s", cname(kc), pname(kp));
}

static void hc_stop(struct irq_bypass_consumer *kc)
{
	h_log_event("cons.stop %s", cname(kc));
}

static void hc_start(struct irq_bypass_consumer *kc)
{
	h_log_event("cons.start %s", cname(kc));
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

static void *token_ptr(int token)
{
	if (token == H_TOKEN_NULL)
		return NULL;
	if (token < 0 || token >= H_MAX_TOKENS)
		h_misuse("no token %d", token);
	return &tokens[token];
}

/* Only the fields a driver sets; the list node stays as it is. */
static void prod_apply(struct h_prod *hp)
{
	struct irq_bypass_producer *kp = &hp->kp;

	kp->token = token_ptr(hp->token);
	kp->irq = 32 + (int)(hp - prods);
	kp->add_consumer = hp->cbs & H_CB_ADD ? hp_add_consumer : NULL;
	kp->del_consumer = hp->cbs & H_CB_DEL ? hp_del_consumer : NULL;
	kp->stop = hp->cbs & H_CB_STOP ? hp_stop : NULL;
	kp->start = hp->cbs & H_CB_START ? hp_start : NULL;
}

static void cons_apply(struct h_cons *hc)
{
	struct irq_bypass_consumer *kc = &hc->kc;

	kc->token = token_ptr(hc->token);
	kc->add_producer = hc->cbs & H_CB_ADD ? hc_add_producer : NULL;
	kc->del_producer = hc->cbs & H_CB_DEL ? hc_del_producer : NULL;
	kc->stop = hc->cbs & H_CB_STOP ? hc_stop : NULL;
	kc->start = hc->cbs & H_CB_START ? hc_start : NULL;
}

void h_producer_init(int p, int token, unsigned int cbs, int add_ret)
{
	struct h_prod *hp = prod(p);

	hp->token = token;
	hp->cbs = cbs;
	hp->add_ret = add_ret;
	prod_apply(hp);
}

void h_consumer_init(int c, int token, unsigned int cbs, int add_ret)
{
	struct h_cons *hc = cons(c);

	hc->token = token;
	hc->cbs = cbs;
	hc->add_ret = add_ret;
	cons_apply(hc);
}

void h_producer_set_token(int p, int token)
{
	prod(p)->token = token;
	prod_apply(prod(p));
}

void h_consumer_set_token(int c, int token)
{
	cons(c)->token = token;
	cons_apply(cons(c));
}

void h_producer_set_add_ret(int p, int add_ret)
{
	prod(p)->add_ret = add_ret;
}

void h_consumer_set_add_ret(int c, int add_ret)
{
	cons(c)->add_ret = add_ret;
}

static bool node_linked(const struct list_head *n)
{
	return n->next && n->next != LIST_POISON1 && n->next->prev == n;
}

bool h_producer_linked(int p)
{
	return node_linked(&prod(p)->kp.node);
}

bool h_consumer_linked(int c)
{
	return node_linked(&cons(c)->kc.node);
}

/* The calls under test */

static void after_call(const char *call, const char *name, int ret)
{
	h_hist_add("ret %s(%s) = %d", call, name, ret);
	if (shim_mutexes_held())
		h_fail("%s(%s) returned with %d mutex(es) held", call, name,
		       shim_mutexes_held());
}

int h_register_producer(int p)
{
	struct h_prod *hp = prod(p);
	int ret;

	h_hist_add("call register_producer(%s)", pnames[p]);
	ret = irq_bypass_register_producer(&hp->kp);
	after_call("register_producer", pnames[p], ret);
	return ret;
}

int h_register_consumer(int c)
{
	struct h_cons *hc = cons(c);
	int ret;

	h_hist_add("call register_consumer(%s)", cnames[c]);
	ret = irq_bypass_register_consumer(&hc->kc);
	after_call("register_consumer", cnames[c], ret);
	return ret;
}

int h_unregister_producer(int p)
{
	struct h_prod *hp = prod(p);

	h_hist_add("call unregister_producer(%s)", pnames[p]);
	irq_bypass_unregister_producer(&hp->kp);
	after_call("unregister_producer", pnames[p], 0);
	return 0;
}

int h_unregister_consumer(int c)
{
	struct h_cons *hc = cons(c);

	h_hist_add("call unregister_consumer(%s)", cnames[c]);
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
	h_hist_add("module going = %d", going);
	shim_module_set_going(going);
}

/* The runner: h_runner.c's, told how this code under test dies. */

static void child_setup(void)
{
	shim_fatal_hook = h_fatal;
}

const struct h_runner_ops h_runner_ops = {
	.under_test = "irqbypass under test: " H_SOURCE_DESC,
	.child_setup = child_setup,
	.list_fatal_kind = SHIM_FATAL_LIST,
};
