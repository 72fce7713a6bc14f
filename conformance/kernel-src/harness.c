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
#include "harness-calls.h"

#ifndef H_SOURCE_DESC
#define H_SOURCE_DESC "virt/lib/irqbypass.c"
#endif

static char tokens[H_MAX_TOKENS];	/* only their addresses matter */

/* Objects (their callbacks are h_ibobj.c's) */

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
	struct h_prod *hp = h_prod_of(p);

	hp->token = token;
	hp->cbs = cbs;
	hp->add_ret = add_ret;
	prod_apply(hp);
}

void h_consumer_init(int c, int token, unsigned int cbs, int add_ret)
{
	struct h_cons *hc = h_cons_of(c);

	hc->token = token;
	hc->cbs = cbs;
	hc->add_ret = add_ret;
	cons_apply(hc);
}

void h_producer_set_token(int p, int token)
{
	h_prod_of(p)->token = token;
	prod_apply(h_prod_of(p));
}

void h_consumer_set_token(int c, int token)
{
	h_cons_of(c)->token = token;
	cons_apply(h_cons_of(c));
}

static bool node_linked(const struct list_head *n)
{
	return n->next && n->next != LIST_POISON1 && n->next->prev == n;
}

bool h_producer_linked(int p)
{
	return node_linked(&h_prod_of(p)->kp.node);
}

bool h_consumer_linked(int c)
{
	return node_linked(&h_cons_of(c)->kc.node);
}

/* The calls under test */

int h_register_producer(int p)
{
	struct h_prod *hp = h_prod_of(p);
	int ret;

	h_hist_add("call register_producer(%s)", h_pnames[p]);
	ret = irq_bypass_register_producer(&hp->kp);
	h_after_call("register_producer", h_pnames[p], ret);
	return ret;
}

int h_register_consumer(int c)
{
	struct h_cons *hc = h_cons_of(c);
	int ret;

	h_hist_add("call register_consumer(%s)", h_cnames[c]);
	ret = irq_bypass_register_consumer(&hc->kc);
	h_after_call("register_consumer", h_cnames[c], ret);
	return ret;
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
