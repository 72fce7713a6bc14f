/* SPDX-License-Identifier: GPL-2.0 */
#ifndef SHIM_LINUX_KERNEL_H
#define SHIM_LINUX_KERNEL_H

#include <stddef.h>
#include <errno.h>	/* kernel errno values equal glibc's */

#ifndef container_of
/* The structure of type @type whose member @member is at @ptr. */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))
#endif

/* Userspace never runs in atomic context: nothing to check. */
#define might_sleep()	do { } while (0)

#endif /* SHIM_LINUX_KERNEL_H */
