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
 * What every architecture offers (the VM's life, the inputs and internal
 * steps, the observation log, assertions, KTAP) is declared in
 * conformance/common/kh_common.h, shared with x86: a program is compiled
 * with -I conformance/common as well.  This file has what is arm64's.
 */
#ifndef KVM_HARNESS_H
#define KVM_HARNESS_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "kh_common.h"

/*
 * The observations of arm64 only, numbered after the common enum
 * kh_obs_kind (plain numbers, not another enum: gcc's -Wenum-conversion).
 */
#define KH_OBS_GUEST_PRIO_DROP	(KH_OBS_ARCH_FIRST + 0)	/* "guest.priority_drop" */
#define KH_OBS_GUEST_DEACTIVATE	(KH_OBS_ARCH_FIRST + 1)	/* "guest.deactivate" */
#define KH_OBS_GUEST_TIMER_ARM	(KH_OBS_ARCH_FIRST + 2)	/* "guest.timer_arm" */
#define KH_OBS_GUEST_TIMER_STOP	(KH_OBS_ARCH_FIRST + 3)	/* "guest.timer_stop" */
/*
 * "host_vtimer_irq": the host took KVM's timer interrupt ("kvm guest vtimer"
 * in /proc/interrupts went up during the run), the physical side of the
 * forwarded timer.  KH_LINE_VTIMER only.
 */
#define KH_OBS_HOST_VTIMER_IRQ	(KH_OBS_ARCH_FIRST + 4)

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

/*
 * ---- the common inputs on arm64, and arm64's own ------------------------
 * guest.mask_line: GICD_ICENABLER (GICR_ICENABLER0 for the timer PPI).
 * guest.eoi: ICC_EOIR1_EL1, and ICC_DIR_EL1 with KH_EOI_MODE1.  In the ISR
 *	the guest then returns with PSTATE.I set, ending the hardirq.
 * guest.unmask_line: GICD_ISENABLER (GICR_ISENABLER0 for the timer PPI).
 * kh_device_raise() and kh_host_vfio_hardirq() are for KH_LINE_IRQFD only;
 *	arm64 injects the SPI inside the irqfd write (irqfd_wakeup,
 *	kvm_arch_set_irq_inatomic), so the hardirq's wait for it is a check.
 */

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
/* kh_vector(): the INTID of our interrupt (32 + pin, or 27). */

/* ---- probes ------------------------------------------------------------- */

/* kh_have_kvm(): a vGICv3, irqfd, resamplefd, ONE_REG. */

#include "kh_probe.h"

#endif /* KVM_HARNESS_H */
