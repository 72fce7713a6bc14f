// SPDX-License-Identifier: GPL-2.0
/*
 * The objects of the irqbypass harnesses and their callbacks: see
 * h_ibobj.h.  Every callback appends its line to the callback log
 * (h_log_event), named by the objects' numbers.
 */
#include <linux/kernel.h>

#include "h_checks.h"
#include "h_ibobj.h"

struct h_prod h_prods[H_MAX_PRODUCERS] = {
	[0 ... H_MAX_PRODUCERS - 1] = { .token = H_TOKEN_NULL },
};

struct h_cons h_conss[H_MAX_CONSUMERS] = {
	[0 ... H_MAX_CONSUMERS - 1] = { .token = H_TOKEN_NULL },
};

const char *const h_pnames[H_MAX_PRODUCERS] = {
	"p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7",
};

const char *const h_cnames[H_MAX_CONSUMERS] = {
	"c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7",
};

static const char *pname(const struct irq_bypass_producer *kp)
{
	int i;

	for (i = 0; i < H_MAX_PRODUCERS; i++)
		if (kp == &h_prods[i].kp)
			return h_pnames[i];
	return "p?";
}

static const char *cname(const struct irq_bypass_consumer *kc)
{
	int i;

	for (i = 0; i < H_MAX_CONSUMERS; i++)
		if (kc == &h_conss[i].kc)
			return h_cnames[i];
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

void h_prod_set_callbacks(struct h_prod *hp)
{
	struct irq_bypass_producer *kp = &hp->kp;

	kp->add_consumer = hp->cbs & H_CB_ADD ? hp_add_consumer : NULL;
	kp->del_consumer = hp->cbs & H_CB_DEL ? hp_del_consumer : NULL;
	kp->stop = hp->cbs & H_CB_STOP ? hp_stop : NULL;
	kp->start = hp->cbs & H_CB_START ? hp_start : NULL;
}

void h_cons_set_callbacks(struct h_cons *hc)
{
	struct irq_bypass_consumer *kc = &hc->kc;

	kc->add_producer = hc->cbs & H_CB_ADD ? hc_add_producer : NULL;
	kc->del_producer = hc->cbs & H_CB_DEL ? hc_del_producer : NULL;
	kc->stop = hc->cbs & H_CB_STOP ? hc_stop : NULL;
	kc->start = hc->cbs & H_CB_START ? hc_start : NULL;
}
