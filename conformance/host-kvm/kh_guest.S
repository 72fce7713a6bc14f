/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tiny real-mode guest driven by kvm_harness.c.
 *
 * Assembled into the host object as data: the host copies the bytes between
 * kh_guest_start and kh_guest_end to KH_GPA_CODE and starts the vCPU there
 * with CS=DS=ES=SS=0 and FS flat with a 4 GiB limit ("unreal" FS), set up
 * by the host through KVM_SET_SREGS, so that the IOAPIC and LAPIC MMIO
 * windows are reachable from real mode without a GDT.
 *
 * Absolute addresses are written as G(label): the distance from
 * kh_guest_start, an assembly-time constant, plus the load address.
 *
 * The guest never decides anything by itself.  It sits in one of two loops,
 * each reading its next command from KH_PORT_CMD:
 *  - the idle loop, with IF=0; only KH_CMD_WINDOW opens an interrupt window
 *    ("sti; in POLL; cli"), so the host decides when an interrupt may be
 *    delivered;
 *  - the ISR loop (IF=0, the CPU cleared it), entered through a per-vector
 *    stub that reports the vector on KH_PORT_INTR.  It runs commands until
 *    an EOI (or KH_CMD_IRET) and then returns, clearing IF in the saved
 *    FLAGS so that the interrupted window closes without a second delivery.
 * Every command ends with "out cmd, KH_PORT_DONE".
 */
#include "kh_guest_abi.h"

#define G(x)	((x) - kh_guest_start + KH_GPA_CODE)
#define CFG(o)	(KH_GPA_CFG + (o))

	.section .rodata.kh_guest, "a"
	.code16
	.balign 16
	.globl kh_guest_start, kh_guest_end
	.globl kh_guest_idle_in, kh_guest_isr_in

kh_guest_start:
	cld

	/* IVT: vector v -> 0000:(kh_stubs + 8 * v). */
	xor	%di, %di
	mov	$G(kh_stubs), %ax
	mov	$256, %cx
1:	mov	%ax, (%di)
	movw	$0, 2(%di)
	add	$8, %ax
	add	$4, %di
	loop	1b

	/*
	 * 8259 pair: ICW1 (edge init, cascade, ICW4), ICW2 (vector base),
	 * ICW3 (slave on IR2), ICW4 (8086 mode, normal EOI: no AEOI, so the
	 * in-service bit stays set until our EOI command).  The slave stays
	 * masked.  The ELCR makes our pin level-triggered; KVM's PIC ignores
	 * the LTIM bit of ICW1, the ELCR is the way.
	 */
	mov	$0x11, %al
	out	%al, $0x20
	out	%al, $0xa0
	mov	CFG(KH_CFG_PIC_BASE), %al
	out	%al, $0x21
	add	$8, %al
	out	%al, $0xa1
	mov	$0x04, %al
	out	%al, $0x21
	mov	$0x02, %al
	out	%al, $0xa1
	mov	$0x01, %al
	out	%al, $0x21
	out	%al, $0xa1
	mov	$0xff, %al
	out	%al, $0xa1
	mov	CFG(KH_CFG_ELCR), %al
	mov	$0x4d0, %dx
	out	%al, %dx
	mov	CFG(KH_CFG_IMR_UNMASKED), %al
	out	%al, $0x21

	cmpb	$KH_CFG_CHIP_IOAPIC, CFG(KH_CFG_CHIP)
	jne	kh_idle

	/* LAPIC: software-enable through the SVR (spurious vector 0xff). */
	mov	$KH_LAPIC_SVR, %ebx
	movl	$0x1ff, %fs:(%ebx)
	/* RTE high: physical destination APIC ID 0, then the low half. */
	mov	$KH_IOAPIC_BASE, %ebx
	mov	CFG(KH_CFG_IOREGSEL), %edx
	inc	%edx
	mov	%edx, %fs:(%ebx)
	movl	$0, %fs:0x10(%ebx)
	mov	CFG(KH_CFG_RTE_UNMASKED), %eax
	call	rte_write

kh_idle:
	cli
	in	$KH_PORT_CMD, %al
kh_guest_idle_in:
	call	do_cmd
	jmp	kh_idle

/* Run command %al, then report it on KH_PORT_DONE.  Preserves all registers. */
do_cmd:
	pushal
	call	exec_cmd
	popal
	out	%al, $KH_PORT_DONE
	ret

exec_cmd:
	cmp	$KH_CMD_MASK, %al
	je	cmd_mask
	cmp	$KH_CMD_UNMASK, %al
	je	cmd_unmask
	cmp	$KH_CMD_EOI, %al
	je	cmd_eoi
	cmp	$KH_CMD_ACK_DEVICE, %al
	je	cmd_ack_device
	cmp	$KH_CMD_WINDOW, %al
	je	cmd_window
	cmp	$KH_CMD_PROBE, %al
	je	cmd_probe
	cmp	$KH_CMD_NOP, %al
	je	1f
	mov	$KH_ERR_BAD_CMD, %al
	out	%al, $KH_PORT_ERR
1:	ret

cmd_mask:
	cmpb	$KH_CFG_CHIP_IOAPIC, CFG(KH_CFG_CHIP)
	je	1f
	mov	CFG(KH_CFG_IMR_MASKED), %al	/* OCW1 */
	out	%al, $0x21
	ret
1:	mov	CFG(KH_CFG_RTE_MASKED), %eax
	jmp	rte_write

cmd_unmask:
	cmpb	$KH_CFG_CHIP_IOAPIC, CFG(KH_CFG_CHIP)
	je	1f
	mov	CFG(KH_CFG_IMR_UNMASKED), %al	/* OCW1 */
	out	%al, $0x21
	ret
1:	mov	CFG(KH_CFG_RTE_UNMASKED), %eax
	jmp	rte_write

cmd_eoi:
	cmpb	$KH_CFG_CHIP_IOAPIC, CFG(KH_CFG_CHIP)
	je	1f
	mov	CFG(KH_CFG_PIC_EOI), %al	/* OCW2 */
	out	%al, $0x20
	ret
1:	mov	$KH_LAPIC_EOI, %ebx
	movl	$0, %fs:(%ebx)
	ret

cmd_ack_device:
	/* The device lowers its line when its ack register is written. */
	out	%al, $KH_PORT_DEV
	ret

cmd_window:
	/*
	 * STI's interrupt shadow covers the IN; the IN exits to the host, and
	 * a pending interrupt is delivered at the VM entry that completes it,
	 * before the CLI.
	 */
	sti
	in	$KH_PORT_POLL, %al
	cli
	ret

cmd_probe:
	/* 1: IOAPIC RTE low as the guest reads it (remote IRR is bit 14). */
	xor	%eax, %eax
	cmpb	$KH_CFG_CHIP_IOAPIC, CFG(KH_CFG_CHIP)
	jne	1f
	mov	$KH_IOAPIC_BASE, %ebx
	mov	CFG(KH_CFG_IOREGSEL), %edx
	mov	%edx, %fs:(%ebx)
	mov	%fs:0x10(%ebx), %eax
1:	out	%eax, $KH_PORT_PROBE
	/* 2: the LAPIC ISR word that holds our vector. */
	xor	%eax, %eax
	cmpb	$KH_CFG_CHIP_IOAPIC, CFG(KH_CFG_CHIP)
	jne	1f
	mov	CFG(KH_CFG_LAPIC_ISR), %ebx
	mov	%fs:(%ebx), %eax
1:	out	%eax, $KH_PORT_PROBE
	/* 3: master 8259 ISR << 8 | IRR, through OCW3 read-register. */
	mov	$0x0b, %al
	out	%al, $0x20
	in	$0x20, %al
	mov	%al, %ah
	mov	$0x0a, %al
	out	%al, $0x20
	in	$0x20, %al
	movzwl	%ax, %eax
	out	%eax, $KH_PORT_PROBE
	ret

/* Write RTE low of our pin with %eax. */
rte_write:
	mov	$KH_IOAPIC_BASE, %ebx
	mov	CFG(KH_CFG_IOREGSEL), %edx
	mov	%edx, %fs:(%ebx)
	mov	%eax, %fs:0x10(%ebx)
	ret

/*
 * Interrupt service.  Stack at entry of isr_common: vector, IP, CS, FLAGS;
 * after pushal (32 bytes): vector at 32(%bp), FLAGS at 38(%bp).
 */
isr_common:
	pushal
	mov	%sp, %bp
	mov	32(%bp), %ax
	out	%ax, $KH_PORT_INTR
1:	in	$KH_PORT_CMD, %al
kh_guest_isr_in:
	cmp	$KH_CMD_IRET, %al
	je	2f
	call	do_cmd
	cmp	$KH_CMD_EOI, %al
	jne	1b
2:	andw	$0xfdff, 38(%bp)		/* return with IF=0 */
	popal
	add	$2, %sp
	iret

	/* 256 stubs, 8 bytes apart: push the vector, join isr_common. */
	.balign 8
kh_stubs:
	vec = 0
	.rept 256
	.balign 8
	pushw	$vec
	jmp	isr_common
	vec = vec + 1
	.endr

kh_guest_end:
	.section .note.GNU-stack, "", @progbits
