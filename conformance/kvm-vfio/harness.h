/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec kvm-vfio harness: drives the running kernel's KVM-VFIO pseudo
 * device (KVM_DEV_TYPE_VFIO, virt/kvm/vfio.c) from userspace, one model
 * step per call, for the tests irqspec generates from
 * models/kvm_vfio_forward.irqspec with models/kvm_vfio_forward.host-kvm.json.
 *
 * The runner and the checks are the C API of conformance/common/h_api.h
 * (h_step, h_expect_int with errno names, H_EXPECT_LOG,
 * H_EXPECT_NO_CALLBACKS, H_EXPECT_CRASH, h_run, struct h_test, H_TEST,
 * KTAP version 1 on stdout), so the same test generator emits the suite.
 *
 * Every test runs in a forked child with a VM of its own (KVM refuses a
 * VM fd from another process: kvm->mm != current->mm). The VM is created
 * at the first call; the VFIO device with kv_create_device().
 *
 * The VMM's files are slots f = 0 .. KV_MAX_FILES - 1. A slot is opened
 * as one kind of file, at fd number KV_FD_BASE + f, which nothing else
 * takes; a slot that was never opened, or was closed, is a closed fd
 * number (-EBADF from fget()). This host can open OTHER files (an
 * eventfd) only: VFIO groups and device cdevs need a device bound to
 * vfio-pci.
 *
 * The kernel makes no callback that userspace sees, so the callback log
 * stays empty (H_EXPECT_NO_CALLBACKS passes, H_EXPECT_LOG of any line
 * fails).
 */
#ifndef IRQSPEC_KVM_VFIO_HARNESS_H
#define IRQSPEC_KVM_VFIO_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

#include "h_api.h"	/* the checks, the log, h_run (conformance/common) */

#define KV_MAX_FILES	8
#define KV_FD_BASE	900

/* Kinds of file a slot can be opened as (the model's FileKind). */
enum kv_file_kind {
	KV_NO_FILE = 0,
	KV_OTHER_FILE = 1,		/* an eventfd */
	KV_VFIO_GROUP_FILE = 2,		/* not available here */
	KV_VFIO_DEVICE_FILE = 3,	/* not available here */
};

/* KVM_HAS_DEVICE_ATTR attributes of group 1 (the model's Attr). */
enum kv_attr {
	KV_ATTR_ADD = 0,		/* KVM_DEV_VFIO_FILE_ADD (1) */
	KV_ATTR_DEL = 1,		/* KVM_DEV_VFIO_FILE_DEL (2) */
	KV_ATTR_SPAPR_TCE = 2,		/* KVM_DEV_VFIO_GROUP_SET_SPAPR_TCE (3) */
	KV_ATTR_OTHER = 3,		/* 99 */
};

/*
 * The calls. Those with a result return 0 or a negative errno, as the
 * ioctl's errno; the others return 0 too (void steps).
 */
int kv_open_file(int f, int kind);
int kv_close_file(int f);
int kv_create_device(void);			/* KVM_CREATE_DEVICE(VFIO) */
int kv_file_add(int f);				/* SET_ATTR(1, ADD, &fd of f) */
int kv_file_del(int f);				/* SET_ATTR(1, DEL, &fd of f) */
int kv_file_add_efault(void);			/* SET_ATTR(1, ADD, .addr = 1) */
int kv_set_unknown_attr(void);			/* SET_ATTR(1, 99) */
int kv_set_unknown_group(void);			/* SET_ATTR(99, 1) */
int kv_has_attr(int attr);			/* HAS_ATTR(1, attr) */
/*
 * The 2014 proposal's KVM_DEV_VFIO_DEVICE (group 2) FORWARD_IRQ (1) and
 * UNFORWARD_IRQ (2), with { fd, index } as .addr (the layout is this
 * harness's: a kernel without the group answers -ENXIO before reading it).
 */
int kv_forward_irq(int f, int index);
int kv_unforward_irq(int f, int index);
int kv_close_device_fd(void);
int kv_close_vm_fd(void);
int kv_kill(void);				/* close every fd, as kill -9 does */

/* The fd number of slot f (KV_FD_BASE + f), open or not. */
int kv_fd(int f);

/*
 * The callback log (always empty here), the checks and the runner are
 * h_api.h's.  A test may end itself as skipped (KTAP "# SKIP reason").
 * h_run(): -l lists the tests, -t NAME runs only NAME (repeatable),
 * --no-fork runs one test in-process. IRQSPEC_TEST_TIMEOUT: per-test alarm
 * in seconds (default 10). Without a usable /dev/kvm every test is skipped
 * ("1..0 # SKIP ..."). Returns 0 all passed, 1 a test failed, 2 bad
 * usage, 4 everything skipped.
 */
__noreturn __printf(1, 2) void h_skip(const char *fmt, ...);

#endif /* IRQSPEC_KVM_VFIO_HARNESS_H */
