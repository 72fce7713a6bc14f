/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One module: the file under test.  Its reference count is visible to
 * the harness, and a test can make it look like it is being unloaded.
 */
#ifndef SHIM_LINUX_MODULE_H
#define SHIM_LINUX_MODULE_H

#include <stdbool.h>
#include <linux/kernel.h>

struct module;

extern struct module shim_this_module;
#define THIS_MODULE	(&shim_this_module)

bool try_module_get(struct module *mod);
void module_put(struct module *mod);

/* Module metadata and exports mean nothing in one executable. */
#define MODULE_LICENSE(s)	extern int shim_module_info_unused
#define MODULE_DESCRIPTION(s)	extern int shim_module_info_unused
#define MODULE_AUTHOR(s)	extern int shim_module_info_unused
#define MODULE_VERSION(s)	extern int shim_module_info_unused
#define EXPORT_SYMBOL(sym)	extern int shim_module_info_unused
#define EXPORT_SYMBOL_GPL(sym)	extern int shim_module_info_unused

#endif /* SHIM_LINUX_MODULE_H */
