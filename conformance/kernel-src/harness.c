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
#include "h_ibobj.h"

#ifndef H_SOURCE_DESC
#define H_SOURCE_DESC "virt/lib/irqbypass.c"
#endif

static char tokens[H_MAX_TOKENS];	/* only their addresses matter */

static __noreturn __printf(1, 2) void h_misuse(const char *fmt, ...)
{
	char buf[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	shim_fatal("harness misuse", "%s", buf);
}

/* Objects (their callbacks are h_ibobj.c's) */

static struct h_prod *prod(int p)
{
	if (p < 0 || p >= H_MAX_PRODUCERS)
		h_misuse("no producer p%d", p);
	return &h_prods[p];
}

static struct h_cons *cons(int c)
{
	if (c < 0 || c >= H_MAX_CONSUMERS)
		h_misuse("no consumer c%d", c);
	return &h_conss[c];
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
	kp->irq = 32 + (int)(hp - h_prods);
	h_prod_set_callbacks(hp);
}

static void cons_apply(struct h_cons *hc)
{
	struct irq_bypass_consumer *kc = &hc->kc;

	kc->token = token_ptr(hc->token);
	h_cons_set_callbacks(hc);
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

	h_hist_add("call register_producer(%s)", h_pnames[p]);
	ret = irq_bypass_register_producer(&hp->kp);
	after_call("register_producer", h_pnames[p], ret);
	return ret;
}

int h_register_consumer(int c)
{
	struct h_cons *hc = cons(c);
	int ret;

	h_hist_add("call register_consumer(%s)", h_cnames[c]);
	ret = irq_bypass_register_consumer(&hc->kc);
	after_call("register_consumer", h_cnames[c], ret);
	return ret;
}

int h_unregister_producer(int p)
{
	struct h_prod *hp = prod(p);

	h_hist_add("call unregister_producer(%s)", h_pnames[p]);
	irq_bypass_unregister_producer(&hp->kp);
	after_call("unregister_producer", h_pnames[p], 0);
	return 0;
}

int h_unregister_consumer(int c)
{
	struct h_cons *hc = cons(c);

	h_hist_add("call unregister_consumer(%s)", h_cnames[c]);
	irq_bypass_unregister_consumer(&hc->kc);
	after_call("unregister_consumer", h_cnames[c], 0);
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
