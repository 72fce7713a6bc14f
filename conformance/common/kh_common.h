/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The part of the KVM harnesses' C API that does not depend on the
 * architecture: the VM's life, the model's inputs and internal steps that
 * every architecture offers, the observation log and its comparisons,
 * assertions, and KTAP output.  conformance/host-kvm/kvm_harness.h (x86)
 * and conformance/arm64-kvm/kvm_harness.h include it; the kh_*.c files of
 * this folder implement it once for both (built into each one's
 * libkvm-harness.a).  The configuration, the irqchip state and the probes
 * are the architecture's.
 */
#ifndef KH_COMMON_H
#define KH_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ktap.h"

#ifndef __noreturn
#define __noreturn	__attribute__((noreturn))
#endif

struct kh_vm;
/* What to create: the irqchip, the pin...; kvm_harness.h defines it. */
struct kh_config;

/*
 * KH_ASSERT - TEST_ASSERT in the style of the KVM selftests: on failure print
 * where, the condition, errno and the message (say what was wanted and what
 * was seen), the observations so far, and exit with KSFT_FAIL.
 */
#define KH_ASSERT(cond, fmt, ...)					\
	do {								\
		if (!(cond))						\
			kh_assert_fail(__FILE__, __LINE__, #cond,	\
				       fmt, ##__VA_ARGS__);		\
	} while (0)

__noreturn __printf(4, 5)
void kh_assert_fail(const char *file, int line, const char *cond,
		    const char *fmt, ...);

/* ---- the VM ------------------------------------------------------------ */

/*
 * Create the VM, its memory with the guest, the irqchip, the vCPU and (for
 * a line driven by the played device) the irqfd + resamplefd, and run the
 * guest's init up to its first command.  Asserts on any failure; skips
 * (exit 4) for an irqchip the architecture does not have.
 */
struct kh_vm *kh_vm_create(const struct kh_config *cfg);
void kh_vm_destroy(struct kh_vm *vm);
/* Our interrupt as the guest sees it: x86's vector, arm64's INTID. */
unsigned int kh_vector(const struct kh_vm *vm);

/* Is /dev/kvm usable with this architecture's irqchip, irqfd, resamplefd? */
bool kh_have_kvm(char *why, size_t len);
/* kh_have_kvm() or skip: KTAP skip line and exit(KSFT_SKIP). */
void kh_require_kvm(void);

/*
 * ---- inputs: one call per model action ----------------------------------
 * kvm_harness.h says what the guest writes for each on its irqchip.
 */

/* device.raise: the device asserts its line (takes effect at vfio_hardirq). */
void kh_device_raise(struct kh_vm *vm);
/* guest.mask_line: the guest masks our line at the irqchip. */
void kh_guest_mask_line(struct kh_vm *vm);
/* guest.eoi: the guest's EOI; in the ISR it then returns, ending the hardirq. */
void kh_guest_eoi(struct kh_vm *vm);
/* guest.thread_ack_device: write the device's ack register; line goes low. */
void kh_guest_thread_ack_device(struct kh_vm *vm);
/* guest.unmask_line: the guest unmasks our line at the irqchip. */
void kh_guest_unmask_line(struct kh_vm *vm);
/* Leave the ISR without an EOI (for a hardirq handler that defers it). */
void kh_guest_iret(struct kh_vm *vm);

/* ---- internal steps (each returns whether it did anything) --------------- */

/*
 * host.vfio_hardirq: line high and host IRQ unmasked: VFIO masks the host
 * IRQ and signals the irqfd (event eventfd_signal).  Then waits until the
 * irqchip shows the level (kvm.irqfd_inject, which x86 runs from a
 * workqueue), so that nothing the test does later races with it.
 */
bool kh_host_vfio_hardirq(struct kh_vm *vm);
/* host.vfio_unmask: a resamplefd signal was read: VFIO unmasks the host IRQ. */
bool kh_host_vfio_unmask(struct kh_vm *vm);
/*
 * kvm.deliver: open one interrupt window in the guest's idle loop; true if
 * an interrupt was taken (event inject(spurious), spurious = line low).
 * Does nothing while the guest is in its ISR.
 */
bool kh_kvm_deliver(struct kh_vm *vm);
/* Run the three steps above, in that priority, until none does anything. */
void kh_settle(struct kh_vm *vm);

/* ---- the observation log ----------------------------------------------- */

enum kh_obs_kind {
	KH_OBS_DEVICE_RAISE,		/* "device.raise" */
	KH_OBS_EVENTFD_SIGNAL,		/* "eventfd_signal" */
	KH_OBS_IRQFD_INJECT,		/* "irqfd_inject" (detail) */
	KH_OBS_RESAMPLE,		/* "resample" */
	KH_OBS_VFIO_UNMASK,		/* "vfio_unmask" */
	KH_OBS_INJECT,			/* "inject(spurious=0|1)" */
	KH_OBS_GUEST_MASK_LINE,		/* "guest.mask_line" */
	KH_OBS_GUEST_EOI,		/* "guest.eoi" */
	KH_OBS_GUEST_THREAD_ACK_DEVICE,	/* "guest.thread_ack_device" */
	KH_OBS_GUEST_UNMASK_LINE,	/* "guest.unmask_line" */
	KH_OBS_GUEST_IRET,		/* "guest.iret" (detail) */
	KH_OBS_UNEXPECTED_VECTOR,	/* "unexpected_vector(0xNN)" */
	/* The architecture's own kinds from here on (kvm_harness.h). */
	KH_OBS_ARCH_FIRST,
};

struct kh_obs {
	enum kh_obs_kind kind;
	int arg;	/* spurious for INJECT, vector (INTID) for UNEXPECTED_VECTOR */
};

/* Details are printed but left out of comparisons. */
bool kh_obs_is_detail(enum kh_obs_kind kind);
/* Format one observation as the tables above list them; returns buf. */
const char *kh_obs_str(const struct kh_obs *obs, char *buf, size_t len);

unsigned int kh_log_len(const struct kh_vm *vm);
const struct kh_obs *kh_log_at(const struct kh_vm *vm, unsigned int i);
/* Forget the observations so far (e.g. after a scenario's preamble). */
void kh_log_clear(struct kh_vm *vm);
/* Print the log, one "# " line per observation, details in parentheses. */
void kh_log_print(const struct kh_vm *vm, FILE *f);

/*
 * Compare the non-detail observations with @expected, a NULL-terminated
 * array of strings as kh_obs_str() prints them.  On a mismatch print a
 * diff ("-" wanted only, "+" seen only) as "# " lines.
 */
bool kh_log_expect(const struct kh_vm *vm, const char *const *expected);
/*
 * The same against a NULL-terminated list of acceptable sequences; on a
 * mismatch the diff is against the closest one.  Returns the index of the
 * matching sequence, or -1.
 */
int kh_log_expect_any(const struct kh_vm *vm,
		      const char *const *const *alternatives);
/*
 * Is what was observed so far the beginning of one of @alternatives?  A
 * generated test checks this after every step, to name the first step at
 * which the kernel left every behaviour of the model.
 */
bool kh_log_prefix_any(const struct kh_vm *vm,
		       const char *const *const *alternatives);

/* ---- KTAP output (ktap.h's writer) -------------------------------------- */

/* "KTAP version 1" + "1..n". */
void kh_ktap_plan(unsigned int n);
__printf(2, 3) void kh_ktap_result(bool ok, const char *fmt, ...);
__printf(2, 3) void kh_ktap_skip(const char *reason, const char *fmt, ...);
/* Totals line; the exit code: 1 if any failed, 4 if all skipped, else 0. */
int kh_ktap_finish(void);
/* Skip the whole program: "1..0 # SKIP" before the plan, else one result. */
__noreturn __printf(1, 2) void kh_skip_exit(const char *fmt, ...);

#endif /* KH_COMMON_H */
