// SPDX-License-Identifier: GPL-2.0
/*
 * harness-era-d.h for the Era C harness (harness.c, v5.13 .. v6.16
 * irqbypass.c): what Era C has of Era D's structures. Era C's irqbypass.c
 * has no eventfd field, no bindings and no XArray, never writes ->irq
 * (the owner does; harness.c sets 32 + p) and allocates nothing; its
 * objects are on lists instead. Built only from harness.h's calls.
 */
#include "harness-era-d.h"

int h_register_producer_irq(int p, int irq)
{
	(void)irq;	/* Era C: the owner fills in ->irq, harness.c did */
	return h_register_producer(p);
}

bool h_producer_on_list(int p)
{
	return h_producer_linked(p);
}

bool h_consumer_on_list(int c)
{
	return h_consumer_linked(c);
}

int h_producer_eventfd(int p)
{
	(void)p;
	return H_TOKEN_NULL;
}

int h_consumer_eventfd(int c)
{
	(void)c;
	return H_TOKEN_NULL;
}

int h_producer_bound(int p)
{
	(void)p;
	return -1;
}

int h_consumer_bound(int c)
{
	(void)c;
	return -1;
}

int h_producer_irq(int p)
{
	(void)p;
	return 0;
}

int h_xa_producer_at(int token)
{
	(void)token;
	return -1;
}

int h_xa_consumer_at(int token)
{
	(void)token;
	return -1;
}

void h_xa_fail_next_insert(void)
{
}
