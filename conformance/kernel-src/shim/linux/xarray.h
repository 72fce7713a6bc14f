/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of the XArray interface that Era D's virt/lib/irqbypass.c
 * (v6.17+) uses: DEFINE_XARRAY, xa_insert, xa_load, xa_erase. Written for
 * the harness from the interface's documented behaviour
 * (Documentation/core-api/xarray.rst, lib/xarray.c's kernel-doc), not
 * from lib/xarray.c itself: an array of (index, entry) slots per XArray.
 *
 * - xa_insert(): -EBUSY if @index holds an entry (also a reserved one, as
 *   xa_insert(xa, i, NULL, gfp) makes), -EINVAL with a warning for an
 *   internal entry, -ENOMEM when it must allocate and memory has run out
 *   (see shim_xa_fail_next_alloc()), else 0.
 * - xa_load(): the entry at @index, NULL for none (and for a reserved one).
 * - xa_erase(): removes and returns the entry at @index (NULL for none).
 *
 * Whether an insert allocates follows lib/xarray.c: an XArray whose only
 * entry is at index 0 keeps it in xa_head; every other store needs nodes.
 */
#ifndef SHIM_LINUX_XARRAY_H
#define SHIM_LINUX_XARRAY_H

#include <stdbool.h>
#include <linux/kernel.h>

typedef unsigned int gfp_t;
#define GFP_KERNEL	0x0cc0u
#define GFP_NOWAIT	0x0800u

#define SHIM_XA_SLOTS	32

struct shim_xa_slot {
	unsigned long index;
	void *entry;		/* SHIM_XA_ZERO for a reserved slot */
};

struct xarray {
	const char *name;
	bool known;		/* on the shim's list of XArrays */
	unsigned int n;
	struct shim_xa_slot slot[SHIM_XA_SLOTS];
};

#define XARRAY_INIT(xaname, flags)	{ .name = #xaname }
#define DEFINE_XARRAY(xaname)	struct xarray xaname = XARRAY_INIT(xaname, 0)

int xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_load(struct xarray *xa, unsigned long index);
void *xa_erase(struct xarray *xa, unsigned long index);

/* For the harness. */

/* The next xa_insert() that must allocate finds no memory: -ENOMEM. */
void shim_xa_fail_next_alloc(void);
bool shim_xa_alloc_armed(void);
/* XArrays that have held an entry, in order of first use; NULL past the end. */
struct xarray *shim_xa_nth(unsigned int n);
/* The entry stored at @index of @xa, or NULL (reserved slots included). */
void *shim_xa_peek(const struct xarray *xa, unsigned long index);
/* Is @entry stored in any XArray? */
bool shim_xa_holds(const void *entry);

#endif /* SHIM_LINUX_XARRAY_H */
