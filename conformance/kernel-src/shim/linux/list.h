/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Circular doubly-linked lists with the kernel's interface, written for
 * the harness.  Every link change is checked the way CONFIG_DEBUG_LIST
 * checks it, and a few ways more: deleting an entry twice (its links are
 * poisoned on deletion), deleting an entry that was never added (its
 * links are NULL), and adding an entry that is still on a list are all
 * fatal reports naming the entry, never a silent corruption.
 */
#ifndef SHIM_LINUX_LIST_H
#define SHIM_LINUX_LIST_H

#include <stdbool.h>
#include <linux/kernel.h>
#include "shim.h"

struct list_head {
	struct list_head *next, *prev;
};

/* Not mapped in any process, so an unchecked use faults at once. */
#define LIST_POISON1	((struct list_head *)0xdead000000000100UL)
#define LIST_POISON2	((struct list_head *)0xdead000000000122UL)

#define LIST_HEAD_INIT(name)	{ &(name), &(name) }
#define LIST_HEAD(name)		struct list_head name = LIST_HEAD_INIT(name)

static inline void INIT_LIST_HEAD(struct list_head *head)
{
	head->next = head;
	head->prev = head;
}

static inline bool shim_list_linked(const struct list_head *e)
{
	return e->next && e->next != LIST_POISON1 && e->next->prev == e;
}

static inline void shim_list_insert(struct list_head *e,
				    struct list_head *prev,
				    struct list_head *next)
{
	if (prev->next != next || next->prev != prev)
		shim_fatal(SHIM_FATAL_LIST,
			   "list_add of %p: neighbours %p and %p are not adjacent",
			   (void *)e, (void *)prev, (void *)next);
	if (e == prev || e == next || shim_list_linked(e))
		shim_fatal(SHIM_FATAL_LIST,
			   "list_add of %p: entry is already on a list",
			   (void *)e);
	e->prev = prev;
	e->next = next;
	prev->next = e;
	next->prev = e;
}

/* Insert @e right after @head (stack order). */
static inline void list_add(struct list_head *e, struct list_head *head)
{
	shim_list_insert(e, head, head->next);
}

/* Insert @e right before @head (queue order). */
static inline void list_add_tail(struct list_head *e, struct list_head *head)
{
	shim_list_insert(e, head->prev, head);
}

static inline void shim_list_check_del(const struct list_head *e)
{
	if (e->next == LIST_POISON1 || e->prev == LIST_POISON2)
		shim_fatal(SHIM_FATAL_LIST,
			   "list_del of %p: entry was already deleted (poisoned links)",
			   (const void *)e);
	if (!e->next || !e->prev)
		shim_fatal(SHIM_FATAL_LIST,
			   "list_del of %p: entry was never added (NULL links)",
			   (const void *)e);
	if (e->prev->next != e || e->next->prev != e)
		shim_fatal(SHIM_FATAL_LIST,
			   "list_del of %p: neighbours %p and %p do not point back at it",
			   (const void *)e, (void *)e->prev, (void *)e->next);
}

static inline void shim_list_unlink(struct list_head *e)
{
	shim_list_check_del(e);
	e->prev->next = e->next;
	e->next->prev = e->prev;
}

static inline void list_del(struct list_head *e)
{
	shim_list_unlink(e);
	e->next = LIST_POISON1;
	e->prev = LIST_POISON2;
}

static inline void list_del_init(struct list_head *e)
{
	shim_list_unlink(e);
	INIT_LIST_HEAD(e);
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)

#define list_first_entry(head, type, member) \
	list_entry((head)->next, type, member)

#define list_next_entry(pos, member) \
	list_entry((pos)->member.next, __typeof__(*(pos)), member)

#define list_entry_is_head(pos, head, member)	(&(pos)->member == (head))

#define list_for_each(pos, head) \
	for (pos = (head)->next; pos != (head); pos = pos->next)

#define list_for_each_entry(pos, head, member)				\
	for (pos = list_first_entry(head, __typeof__(*(pos)), member);	\
	     !list_entry_is_head(pos, head, member);			\
	     pos = list_next_entry(pos, member))

#define list_for_each_entry_safe(pos, n, head, member)			\
	for (pos = list_first_entry(head, __typeof__(*(pos)), member),	\
	     n = list_next_entry(pos, member);				\
	     !list_entry_is_head(pos, head, member);			\
	     pos = n, n = list_next_entry(n, member))

#endif /* SHIM_LINUX_LIST_H */
