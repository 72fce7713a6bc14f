/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Force-included (gcc -include) before an Era D virt/lib/irqbypass.c
 * (v6.17+). That file includes only linux/irqbypass.h, list.h, module.h
 * and mutex.h, and gets WARN_ON_ONCE, the XArray and guard(mutex) through
 * what those headers include in the kernel; our shims of those four stay
 * as they are for Era C, so the rest comes in here.
 */
#ifndef SHIM_ERA_D_H
#define SHIM_ERA_D_H

#include <linux/kernel.h>
#include <linux/bug.h>
#include <linux/cleanup.h>
#include <linux/mutex.h>
#include <linux/xarray.h>

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))

#endif /* SHIM_ERA_D_H */
