/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tiny EL1 guest driven by kvm_harness.c (aarch64).
 *
 * Assembled into the host object as data: the host copies the bytes between
 * kh_guest_start and kh_guest_end to KH_GPA_CODE, writes the config block at
 * KH_GPA_CFG and starts the vCPU at KH_GPA_CODE in EL1h with DAIF masked
 * (KVM's reset state) and the MMU off.  The code is position independent
 * (adr, PC-relative branches); addresses come from the config block.
 *
 * The guest never decides anything by itself.  It sits in one of two loops,
 * each reading its next command from KH_PORT_CMD (an MMIO exit):
 *  - the idle loop, with PSTATE.I = 1; only KH_CMD_WINDOW opens an
 *    interrupt window ("msr daifclr, #2; ldr POLL; msr daifset, #2"), so
 *    the host decides when an interrupt may be taken;
 *  - the ISR loop, entered through the IRQ vector: it acknowledges the
 *    interrupt (ICC_IAR1_EL1), reports the INTID on KH_PORT_INTR and runs
 *    commands until an EOI, a priority drop or KH_CMD_IRET; it then returns
 *    with PSTATE.I set in the saved SPSR, so that the interrupted window
 *    closes without a second interrupt.
 * Every command but IRET ends with a write of its code to KH_PORT_DONE.
 *
 * Registers, for the whole run:
 *   x19 config block    x20 MMIO ports    x22 flags    x23 our INTID
 *   x21 the INTID the ISR acknowledged    x24 1 inside the ISR, else 0
 */
#include "kh_guest_abi.h"

/* GICv3 CPU interface registers, by encoding (no reliance on gas names). */
#define ICC_IAR1_EL1	S3_0_C12_C12_0
#define ICC_EOIR1_EL1	S3_0_C12_C12_1
#define ICC_HPPIR1_EL1	S3_0_C12_C12_2
#define ICC_BPR1_EL1	S3_0_C12_C12_3
#define ICC_CTLR_EL1	S3_0_C12_C12_4
#define ICC_SRE_EL1	S3_0_C12_C12_5
#define ICC_IGRPEN1_EL1	S3_0_C12_C12_7
#define ICC_DIR_EL1	S3_0_C12_C11_1
#define ICC_RPR_EL1	S3_0_C12_C11_3
#define ICC_PMR_EL1	S3_0_C4_C6_0

	.section .rodata.kh_guest, "a"
	.balign	KH_VBAR_ALIGN
	.globl	kh_guest_start, kh_guest_end
	.globl	kh_guest_idle_in, kh_guest_isr_in

kh_guest_start:
	mov	x19, #(KH_GPA_CFG >> 16) << 16
	ldr	x20, [x19, #KH_CFG_MMIO]
	ldr	x22, [x19, #KH_CFG_FLAGS]
	ldr	x23, [x19, #KH_CFG_INTID]
	mov	x24, #0
	mov	x0, #(KH_GPA_STACK_TOP >> 16) << 16
	mov	sp, x0
	adr	x0, kh_vectors
	msr	vbar_el1, x0
	isb

	/* CPU interface: system registers, priority mask, EOImode, group 1. */
	mrs	x0, ICC_SRE_EL1
	orr	x0, x0, #1
	msr	ICC_SRE_EL1, x0
	isb
	mov	x0, #0xff
	msr	ICC_PMR_EL1, x0
	msr	ICC_BPR1_EL1, xzr
	mrs	x0, ICC_CTLR_EL1
	bic	x0, x0, #2			/* EOImode */
	tst	x22, #KH_CFG_F_EOIMODE1
	b.eq	1f
	orr	x0, x0, #2
1:	msr	ICC_CTLR_EL1, x0
	mov	x0, #1
	msr	ICC_IGRPEN1_EL1, x0
	isb

	/* Distributor: affinity routing, group 1 enabled. */
	ldr	x1, [x19, #KH_CFG_GICD_CTLR]
	mov	w0, #0x12			/* ARE_NS | EnableGrp1A */
	str	w0, [x1]

	/* Our interrupt: group 1, priority 0xa0, level, to vCPU 0, enabled. */
	ldr	x2, [x19, #KH_CFG_BIT]
	ldr	x1, [x19, #KH_CFG_IGROUPR]
	ldr	w0, [x1]
	orr	w0, w0, w2
	str	w0, [x1]
	ldr	x1, [x19, #KH_CFG_IPRIORITYR]
	ldr	x0, [x19, #KH_CFG_PRIO_WORD]
	str	w0, [x1]
	ldr	x1, [x19, #KH_CFG_ICFGR]
	ldr	w0, [x1]
	ldr	x3, [x19, #KH_CFG_ICFGR_EDGE]
	bic	w0, w0, w3
	str	w0, [x1]
	ldr	x1, [x19, #KH_CFG_IROUTER]
	cbz	x1, 1f
	str	xzr, [x1]
1:	ldr	x1, [x19, #KH_CFG_ISENABLER]
	str	w2, [x1]
	dsb	sy

kh_idle:
	msr	daifset, #2
kh_guest_idle_in:
	ldr	w0, [x20, #KH_PORT_CMD]
	bl	do_cmd
	b	kh_idle

/*
 * Run command w0 and report it on KH_PORT_DONE (except IRET).  Returns
 * x0 = 1 when the ISR must return (EOI, PRIO_DROP, IRET inside the ISR).
 * Clobbers x0-x7.
 */
do_cmd:
	mov	x7, x30
	mov	w6, w0
	mov	x5, #0			/* leave the ISR? */
	cmp	w6, #KH_CMD_MASK
	b.eq	cmd_mask
	cmp	w6, #KH_CMD_UNMASK
	b.eq	cmd_unmask
	cmp	w6, #KH_CMD_EOI
	b.eq	cmd_eoi
	cmp	w6, #KH_CMD_ACK_DEVICE
	b.eq	cmd_ack_device
	cmp	w6, #KH_CMD_WINDOW
	b.eq	cmd_window
	cmp	w6, #KH_CMD_PROBE
	b.eq	cmd_probe
	cmp	w6, #KH_CMD_IRET
	b.eq	cmd_iret
	cmp	w6, #KH_CMD_PRIO_DROP
	b.eq	cmd_prio_drop
	cmp	w6, #KH_CMD_DEACTIVATE
	b.eq	cmd_deactivate
	cmp	w6, #KH_CMD_TIMER_ARM
	b.eq	cmd_timer_arm
	cmp	w6, #KH_CMD_TIMER_STOP
	b.eq	cmd_timer_stop
	cmp	w6, #KH_CMD_TIMER_STOP_UNMASK
	b.eq	cmd_timer_stop_unmask
	cmp	w6, #KH_CMD_NOP
	b.eq	done
	mov	w0, #KH_ERR_BAD_CMD
	str	w0, [x20, #KH_PORT_ERR]
	b	done

cmd_mask:
	ldr	x1, [x19, #KH_CFG_ICENABLER]
	ldr	x2, [x19, #KH_CFG_BIT]
	str	w2, [x1]
	b	done

cmd_unmask:
	ldr	x1, [x19, #KH_CFG_ISENABLER]
	ldr	x2, [x19, #KH_CFG_BIT]
	str	w2, [x1]
	b	done

/* The INTID a CPU interface command is about: the acknowledged one in the ISR. */
cmd_eoi:
	mov	x1, x23
	cbz	x24, 1f
	mov	x1, x21
1:	msr	ICC_EOIR1_EL1, x1
	tst	x22, #KH_CFG_F_EOIMODE1
	b.eq	2f
	msr	ICC_DIR_EL1, x1
2:	isb
	mov	x5, x24
	b	done

cmd_prio_drop:
	cbz	x24, not_in_isr
	msr	ICC_EOIR1_EL1, x21
	isb
	mov	x5, #1
	b	done

cmd_deactivate:
	mov	x1, x23
	cbz	x24, 1f
	mov	x1, x21
1:	msr	ICC_DIR_EL1, x1
	isb
	b	done

cmd_ack_device:
	/* The device lowers its line when its ack register is written. */
	mov	w0, #1
	str	w0, [x20, #KH_PORT_DEV]
	b	done

cmd_window:
	/*
	 * An interrupt that is pending in a list register is taken right
	 * after the unmask; one that KVM queues while the POLL exit is
	 * handled is taken at the VM entry that completes the read.  Either
	 * way before the daifset.
	 */
	msr	daifclr, #2
	isb
	ldr	w0, [x20, #KH_PORT_POLL]
	msr	daifset, #2
	isb
	b	done

cmd_probe:
	/* 1-3: our bit's words of ISPENDR, ISACTIVER, ISENABLER. */
	ldr	x1, [x19, #KH_CFG_ISPENDR]
	ldr	w0, [x1]
	str	w0, [x20, #KH_PORT_PROBE]
	ldr	x1, [x19, #KH_CFG_ISACTIVER]
	ldr	w0, [x1]
	str	w0, [x20, #KH_PORT_PROBE]
	ldr	x1, [x19, #KH_CFG_ISENABLER]
	ldr	w0, [x1]
	str	w0, [x20, #KH_PORT_PROBE]
	/* 4: ICC_HPPIR1_EL1, 5: ICC_RPR_EL1, 6: CNTV_CTL_EL0. */
	mrs	x0, ICC_HPPIR1_EL1
	str	w0, [x20, #KH_PORT_PROBE]
	mrs	x0, ICC_RPR_EL1
	str	w0, [x20, #KH_PORT_PROBE]
	mrs	x0, cntv_ctl_el0
	str	w0, [x20, #KH_PORT_PROBE]
	b	done

cmd_iret:
	cbz	x24, not_in_isr
	mov	x0, #1
	ret	x7

cmd_timer_arm:
	/* Compare value now: the condition is met at once and stays met. */
	mrs	x0, cntvct_el0
	msr	cntv_cval_el0, x0
	mov	x0, #1				/* ENABLE, IMASK clear */
	msr	cntv_ctl_el0, x0
	isb
	b	done

cmd_timer_stop:
	msr	cntv_ctl_el0, xzr
	isb
	b	done

cmd_timer_stop_unmask:
	/* No exit between the two: KVM does not reload the timer between. */
	msr	cntv_ctl_el0, xzr
	isb
	ldr	x1, [x19, #KH_CFG_ISENABLER]
	ldr	x2, [x19, #KH_CFG_BIT]
	str	w2, [x1]
	b	done

not_in_isr:
	mov	w0, #KH_ERR_NOT_IN_ISR
	str	w0, [x20, #KH_PORT_ERR]
done:
	str	w6, [x20, #KH_PORT_DONE]
	mov	x0, x5
	ret	x7

/*
 * IRQ, current EL with SP_ELx.  Saves every register and ELR/SPSR, so the
 * interrupted window (or any code) goes on untouched.
 */
irq_entry:
	sub	sp, sp, #256
	stp	x0, x1, [sp, #0]
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x21, x24, [sp, #64]
	stp	x29, x30, [sp, #80]
	mrs	x0, elr_el1
	mrs	x1, spsr_el1
	stp	x0, x1, [sp, #96]
	mov	x24, #1
	mrs	x21, ICC_IAR1_EL1
	str	w21, [x20, #KH_PORT_INTR]
kh_isr_loop:
kh_guest_isr_in:
	ldr	w0, [x20, #KH_PORT_CMD]
	bl	do_cmd
	cbz	x0, kh_isr_loop
	ldp	x0, x1, [sp, #96]
	orr	x1, x1, #(1 << 7)		/* return with PSTATE.I set */
	msr	elr_el1, x0
	msr	spsr_el1, x1
	ldp	x0, x1, [sp, #0]
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x21, x24, [sp, #64]
	ldp	x29, x30, [sp, #80]
	add	sp, sp, #256
	eret

/* Anything else: report the syndrome and stop (the host asserts). */
exc_entry:
	mrs	x0, esr_el1
	str	w0, [x20, #KH_PORT_EXC]
	mrs	x0, elr_el1
	str	w0, [x20, #KH_PORT_EXC_ELR]
1:	wfi
	b	1b

	.balign	KH_VBAR_ALIGN
kh_vectors:
	.rept	5			/* current EL with SP0: 4; with SPx: sync */
	.balign	0x80
	b	exc_entry
	.endr
	.balign	0x80			/* VBAR + 0x280: current EL with SPx, IRQ */
	b	irq_entry
	.rept	10			/* SPx FIQ, SError; lower ELs */
	.balign	0x80
	b	exc_entry
	.endr
	.balign	0x80

kh_guest_end:
	.section .note.GNU-stack, "", %progbits
