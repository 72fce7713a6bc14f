// SPDX-License-Identifier: GPL-2.0
/*
 * Runtime of the Era D shims: the XArray of linux/xarray.h and the
 * warnings of linux/bug.h.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/bug.h>
#include <linux/xarray.h>
#include "shim.h"

void (*shim_warn_hook)(const char *macro, const char *cond, const char *func);
static int warnings;

void shim_warn(const char *macro, const char *cond, const char *func)
{
	warnings++;
	if (shim_warn_hook)
		shim_warn_hook(macro, cond, func);
	else
		fprintf(stderr, "%s(%s) in %s\n", macro, cond, func);
}

int shim_warnings(void)
{
	return warnings;
}

/* Marks a slot reserved by storing NULL (lib/xarray.c's XA_ZERO_ENTRY). */
static char zero_entry;
#define SHIM_XA_ZERO	((void *)&zero_entry)

#define SHIM_XA_MAX	8
static struct xarray *known[SHIM_XA_MAX];
static unsigned int nknown;
static bool alloc_fails;

static void remember(struct xarray *xa)
{
	if (xa->known)
		return;
	if (nknown == SHIM_XA_MAX)
		shim_fatal("xarray misuse", "more than %d XArrays", SHIM_XA_MAX);
	known[nknown++] = xa;
	xa->known = true;
}

static struct shim_xa_slot *find(struct xarray *xa, unsigned long index)
{
	for (unsigned int i = 0; i < xa->n; i++)
		if (xa->slot[i].index == index)
			return &xa->slot[i];
	return NULL;
}

/* xa_is_internal() && <= XA_RETRY_ENTRY in the kernel's encoding. */
static bool is_advanced(const void *entry)
{
	unsigned long v = (unsigned long)entry;

	return (v & 3) == 2 && v <= 258;
}

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	(void)gfp;
	if (WARN_ON_ONCE(is_advanced(entry)))
		return -EINVAL;
	if (!entry)
		entry = SHIM_XA_ZERO;
	if (find(xa, index))
		return -EBUSY;
	/* A lone entry at index 0 lives in xa_head; all else needs nodes. */
	if (alloc_fails && !(index == 0 && xa->n == 0)) {
		alloc_fails = false;
		return -ENOMEM;
	}
	if (xa->n == SHIM_XA_SLOTS)
		shim_fatal("xarray misuse", "%s: more than %d entries",
			   xa->name, SHIM_XA_SLOTS);
	remember(xa);
	xa->slot[xa->n].index = index;
	xa->slot[xa->n].entry = entry;
	xa->n++;
	return 0;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	struct shim_xa_slot *s = find(xa, index);

	return s && s->entry != SHIM_XA_ZERO ? s->entry : NULL;
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	struct shim_xa_slot *s = find(xa, index);
	void *entry;

	if (!s)
		return NULL;
	entry = s->entry == SHIM_XA_ZERO ? NULL : s->entry;
	*s = xa->slot[--xa->n];
	return entry;
}

void shim_xa_fail_next_alloc(void)
{
	alloc_fails = true;
}

bool shim_xa_alloc_armed(void)
{
	return alloc_fails;
}

struct xarray *shim_xa_nth(unsigned int n)
{
	return n < nknown ? known[n] : NULL;
}

void *shim_xa_peek(const struct xarray *xa, unsigned long index)
{
	for (unsigned int i = 0; i < xa->n; i++)
		if (xa->slot[i].index == index)
			return xa->slot[i].entry;
	return NULL;
}

bool shim_xa_holds(const void *entry)
{
	for (unsigned int k = 0; k < nknown; k++)
		for (unsigned int i = 0; i < known[k]->n; i++)
			if (known[k]->slot[i].entry == entry)
				return true;
	return false;
}
