/* SPDX-License-Identifier: GPL-2.0 */
/*
 * irqspec kvm-vfio harness: drives the running kernel's KVM-VFIO pseudo
 * device (KVM_DEV_TYPE_VFIO, virt/kvm/vfio.c) from userspace, one model
 * step per call, for the tests irqspec generates from
 * models/kvm_vfio_forward.irqspec with models/kvm_vfio_forward.host-kvm.json.
 *
 * The runner and the checks are the C API of conformance/kernel-src/
 * harness.h (h_step, h_expect_int with errno names, H_EXPECT_LOG,
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

/* The callback log (always empty here) and the checks. */
int h_log_count(void);
const char *h_log_entry(int i);
void h_log_clear(void);
bool h_log_check(const char *const *want);
#define H_EXPECT_LOG(...) \
	h_log_check((const char *const[]){ __VA_ARGS__, NULL })
#define H_EXPECT_NO_CALLBACKS()	h_log_check((const char *const[]){ NULL })

void h_step(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool h_expect_int(const char *what, long want, long got);
void h_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void h_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int h_failures(void);
/* End the test as skipped (KTAP "# SKIP reason"). */
void h_skip(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));

enum h_crash {
	H_CRASH_NONE,
	H_CRASH_LIST,
	H_CRASH_ANY,
};
void h_crash_expect(enum h_crash kind, const char *call,
		    const char *const *want_log);
void h_crash_missed(void);
#define H_EXPECT_CRASH(kind, call)				\
	do {							\
		h_crash_expect(kind, #call, NULL);		\
		(void)(call);					\
		h_crash_missed();				\
	} while (0)
#define H_EXPECT_CRASH_LOG(kind, call, ...)			\
	do {							\
		h_crash_expect(kind, #call,			\
			(const char *const[]){ __VA_ARGS__, NULL });	\
		(void)(call);					\
		h_crash_missed();				\
	} while (0)

#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif

struct h_test {
	const char *name;
	void (*fn)(void);
};
#define H_TEST(fn)	{ #fn, fn }

/*
 * -l lists the tests, -t NAME runs only NAME (repeatable), --no-fork runs
 * one test in-process. IRQSPEC_TEST_TIMEOUT: per-test alarm in seconds
 * (default 10). Without a usable /dev/kvm every test is skipped
 * ("1..0 # SKIP ..."). Returns 0 all passed, 1 a test failed, 2 bad
 * usage, 4 everything skipped.
 */
int h_run(int argc, char **argv, const struct h_test *tests, int n);

#endif /* IRQSPEC_KVM_VFIO_HARNESS_H */
