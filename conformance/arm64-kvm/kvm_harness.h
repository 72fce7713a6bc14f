/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Drive the running kernel's arm64 KVM through one interrupt forwarding
 * scenario, step by step, and record one total order of observations.
 *
 * The same C API as conformance/host-kvm/kvm_harness.h (the x86 harness), so
 * that the programs irqspec generates for a host-kvm binding compile
 * unchanged against either; the differences are additions:
 *  - KH_CHIP_VGIC: the in-kernel vGICv3 (KVM_DEV_TYPE_ARM_VGIC_V3);
 *    KH_CHIP_PIC and KH_CHIP_IOAPIC exist so that x86 programs compile, and
 *    kh_vm_create() skips them (exit 4);
 *  - .line = KH_LINE_VTIMER: the interrupt is the guest's virtual timer
 *    (PPI 27, the HW-mapped interrupt KVM forwards), not an irqfd SPI;
 *  - .eoi_mode = KH_EOI_MODE1: the guest runs with ICC_CTLR_EL1.EOImode = 1
 *    (priority drop and deactivation are separate);
 *  - kh_guest_priority_drop(), kh_guest_deactivate(), kh_guest_timer_*().
 *
 * The real parts: KVM, the vGICv3, a real irqfd registered with
 * KVM_IRQFD_FLAG_RESAMPLE and a real resamplefd (or the real virtual timer),
 * one vCPU running a tiny EL1 guest (kh_guest.S).  The played parts: the
 * device (one line level) and VFIO's automasked INTx handler.
 *
 * Everything runs on the caller's thread: the vCPU only runs inside the
 * kh_* calls, so the log is one total order.  See NOTES.md.
 *
 * The assertions, the observation log and the KTAP output are those of
 * conformance/common/kh_common.h, shared with the other architecture: a
 * program is compiled with -I conformance/common as well.
 */
#ifndef KVM_HARNESS_H
#define KVM_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "kh_common.h"

/* ---- configuration --------------------------------------------------- */

enum kh_chip {
	KH_CHIP_PIC,	/* x86 only: kh_vm_create() skips on arm64 */
	KH_CHIP_IOAPIC,	/* x86 only: kh_vm_create() skips on arm64 */
	KH_CHIP_VGIC,	/* the in-kernel vGICv3 */
};

enum kh_eoi_mode {
	KH_EOI_NONSPECIFIC = 0,	/* x86 PIC names; on arm64 the same as MODE0 */
	KH_EOI_SPECIFIC = 1,	/* x86 PIC names; on arm64 the same as MODE0 */
	/* ICC_CTLR_EL1.EOImode = 0: ICC_EOIR1_EL1 drops and deactivates. */
	KH_EOI_MODE0 = 0,
	/*
	 * ICC_CTLR_EL1.EOImode = 1: ICC_EOIR1_EL1 drops the priority,
	 * ICC_DIR_EL1 deactivates; kh_guest_eoi() does both.
	 */
	KH_EOI_MODE1 = 2,
};

enum kh_line {
	/*
	 * An SPI driven by a KVM_IRQFD with KVM_IRQFD_FLAG_RESAMPLE; the host
	 * plays the device and VFIO.  The default.
	 */
	KH_LINE_IRQFD = 0,
	/*
	 * The guest's virtual timer, PPI 27: KVM maps it to the host's timer
	 * interrupt (irq->hw), the one forwarded interrupt of arm64 KVM.  No
	 * irqfd; the "device" is the timer condition (CNTV_CTL_EL0.ISTATUS,
	 * ENABLE set, IMASK clear), set by kh_guest_timer_arm().
	 */
	KH_LINE_VTIMER = 1,
};

struct kh_config {
	enum kh_chip chip;
	/*
	 * KH_LINE_IRQFD: the GSI; the SPI is INTID 32 + pin (KVM's default
	 * routing, kvm_vgic_setup_default_irq_routing), 0..31.  0 is a valid
	 * pin and the default.
	 */
	unsigned int pin;
	enum kh_eoi_mode eoi_mode;
	enum kh_line line;
};

/* ---- the VM ------------------------------------------------------------ */

struct kh_vm;

/*
 * Create the VM, the vCPU, the vGICv3, the irqfd + resamplefd (irqfd line
 * only) and the guest, and run the guest's init up to its first command.
 * Asserts on any failure; skips (exit 4) for an x86 irqchip.
 */
struct kh_vm *kh_vm_create(const struct kh_config *cfg);
void kh_vm_destroy(struct kh_vm *vm);

/* ---- inputs: one call per model action ---------------------------------- */

/* device.raise: the device asserts its line (takes effect at vfio_hardirq). */
void kh_device_raise(struct kh_vm *vm);
/* guest.mask_line: GICD_ICENABLER (GICR_ICENABLER0 for the timer PPI). */
void kh_guest_mask_line(struct kh_vm *vm);
/*
 * guest.eoi: ICC_EOIR1_EL1, and ICC_DIR_EL1 with KH_EOI_MODE1.  In the ISR
 * the guest then returns with PSTATE.I set, ending the hardirq.
 */
void kh_guest_eoi(struct kh_vm *vm);
/* guest.thread_ack_device: write the device's ack register; line goes low. */
void kh_guest_thread_ack_device(struct kh_vm *vm);
/* guest.unmask_line: GICD_ISENABLER (GICR_ISENABLER0 for the timer PPI). */
void kh_guest_unmask_line(struct kh_vm *vm);
/* Leave the ISR without an EOI. */
void kh_guest_iret(struct kh_vm *vm);
/*
 * KH_EOI_MODE1 only, in the ISR: ICC_EOIR1_EL1 alone (priority drop; the
 * interrupt stays active), then return from the ISR.
 */
void kh_guest_priority_drop(struct kh_vm *vm);
/* ICC_DIR_EL1 of our INTID (the acknowledged one inside the ISR). */
void kh_guest_deactivate(struct kh_vm *vm);
/* KH_LINE_VTIMER: CNTV_CVAL_EL0 = now, CNTV_CTL_EL0 = ENABLE: condition met. */
void kh_guest_timer_arm(struct kh_vm *vm);
/* KH_LINE_VTIMER: CNTV_CTL_EL0 = 0: the condition goes away. */
void kh_guest_timer_stop(struct kh_vm *vm);
/*
 * KH_LINE_VTIMER: timer stop and unmask in one guest command, with no exit
 * (and so no vcpu_put/vcpu_load, which re-samples the timer) in between.
 */
void kh_guest_timer_stop_unmask(struct kh_vm *vm);

/* ---- internal steps (each returns whether it did anything) --------------- */

/*
 * host.vfio_hardirq: line high and host IRQ unmasked: VFIO masks the host
 * IRQ and signals the irqfd (event eventfd_signal), then waits until the
 * vGIC shows the SPI's line level (arm64 injects an SPI from irqfd_wakeup
 * itself, kvm_arch_set_irq_inatomic; the wait is a check).
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

/* ---- state, for tests and probes ----------------------------------------- */

struct kh_state {
	bool line;		/* device line level / timer condition */
	bool host_masked;	/* VFIO automasked the host IRQ */
	unsigned int resample_pending;	/* resamplefd signals not yet acted on */
	bool in_isr;		/* guest is inside its interrupt handler */
	/* from KVM_GET_DEVICE_ATTR on the vGIC (userspace view) */
	bool chip_pending;	/* line_level (LEVEL_INFO) or the pending latch */
	bool chip_masked;	/* not enabled (GICD_ISENABLER) */
	bool chip_in_service;	/* active (GICD_ISACTIVER) */
	bool lapic_isr;		/* x86 only: always false */
	/* arm64 additions */
	bool line_level;	/* vgic_irq.line_level (LEVEL_INFO) */
	bool pending_latch;	/* vgic_irq.pending_latch (ISPENDR uaccess) */
	bool timer_condition;	/* CNTV_CTL: ENABLE, !IMASK, ISTATUS */
	unsigned long host_vtimer_irqs;	/* "kvm guest vtimer" in /proc/interrupts */
};
void kh_get_state(struct kh_vm *vm, struct kh_state *st);

/* What the guest itself reads (KH_CMD_PROBE). */
struct kh_guest_probe {
	uint32_t ispendr;	/* the GICD_ISPENDR / GICR_ISPENDR0 word */
	uint32_t isactiver;	/* the ISACTIVER word */
	uint32_t isenabler;	/* the ISENABLER word */
	uint32_t hppir;		/* ICC_HPPIR1_EL1 */
	uint32_t rpr;		/* ICC_RPR_EL1 */
	uint32_t cntv_ctl;	/* CNTV_CTL_EL0 */
	uint32_t bit;		/* our INTID's bit in those words */
};
void kh_guest_probe(struct kh_vm *vm, struct kh_guest_probe *p);

/* The INTID of our interrupt (32 + pin, or 27). */
unsigned int kh_vector(const struct kh_vm *vm);

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
	KH_OBS_UNEXPECTED_VECTOR,	/* "unexpected_vector(0xNN)": another INTID */
	/* arm64 additions */
	KH_OBS_GUEST_PRIO_DROP,		/* "guest.priority_drop" */
	KH_OBS_GUEST_DEACTIVATE,	/* "guest.deactivate" */
	KH_OBS_GUEST_TIMER_ARM,		/* "guest.timer_arm" */
	KH_OBS_GUEST_TIMER_STOP,	/* "guest.timer_stop" */
	/*
	 * "host_vtimer_irq": the host took KVM's timer interrupt ("kvm guest
	 * vtimer" in /proc/interrupts went up during the run), the physical
	 * side of the forwarded timer.  KH_LINE_VTIMER only.
	 */
	KH_OBS_HOST_VTIMER_IRQ,
};

struct kh_obs {
	enum kh_obs_kind kind;
	int arg;	/* spurious for INJECT, INTID for UNEXPECTED_VECTOR */
};

/* Details are printed but left out of comparisons. */
bool kh_obs_is_detail(enum kh_obs_kind kind);

/* ---- probes ------------------------------------------------------------- */

/* Is /dev/kvm usable with a vGICv3, irqfd and resamplefd? */
bool kh_have_kvm(char *why, size_t len);
/* kh_have_kvm() or skip: KTAP skip line and exit(KSFT_SKIP). */
void kh_require_kvm(void);

struct kh_eoi_probe {
	/* after the delivery, before the guest's EOI: */
	bool resample_before_eoi;	/* resamplefd already signalled */
	bool chip_in_service;		/* vGIC active */
	bool lapic_isr;			/* x86 only: false */
	struct kh_guest_probe guest;	/* what the guest reads */
	/* after the guest's EOI: */
	bool resample_at_eoi;		/* resamplefd signalled by the EOI */
	/* conclusion: the EOI effect happened at delivery */
	bool eoi_at_delivery;
};

/*
 * Deliver one level interrupt through @chip in a scratch VM and look at the
 * in-service state between delivery and the guest's EOI.  On arm64 only
 * KH_CHIP_VGIC; an x86 chip gives eoi_at_delivery = false and nothing else.
 */
void kh_probe_eoi_at_delivery(enum kh_chip chip, struct kh_eoi_probe *res);
/* Skip (exit 4) when @chip's EOI is not under the guest's control. */
void kh_require_guest_controlled_eoi(enum kh_chip chip);

#endif /* KVM_HARNESS_H */
