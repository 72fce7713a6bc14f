/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the host harness (kvm_harness.c) and the tiny
 * real-mode guest (kh_guest.S): guest physical layout, the port numbers the
 * guest uses to talk to the host, the command bytes and the layout of the
 * configuration block the host fills in before the first KVM_RUN.
 *
 * Included by the assembler too: C declarations are under !__ASSEMBLER__.
 */
#ifndef KH_GUEST_ABI_H
#define KH_GUEST_ABI_H

/* Guest physical layout (all below 64 KiB so that CS=DS=SS=0 reaches it). */
#define KH_GPA_IVT		0x0000	/* real-mode IVT, filled by the guest */
#define KH_GPA_CFG		0x0500	/* config block, filled by the host */
#define KH_GPA_CODE		0x1000	/* kh_guest_start is copied here */
#define KH_GPA_STACK_TOP	0x8000	/* SS:SP at start */
#define KH_GPA_RAM		0x0000	/* one memslot ... */
#define KH_GUEST_MEM_SIZE	0x10000	/* ... of 64 KiB */

/* MMIO windows of the in-kernel irqchips (reached through a flat FS). */
#define KH_IOAPIC_BASE		0xfec00000
#define KH_IOAPIC_IOWIN		0xfec00010
#define KH_LAPIC_BASE		0xfee00000
#define KH_LAPIC_EOI		0xfee000b0
#define KH_LAPIC_SVR		0xfee000f0

/*
 * Ports.  None of them is claimed by an in-kernel device (only the PIC at
 * 0x20/0x21/0xa0/0xa1 and the ELCR at 0x4d0/0x4d1 are, we create no PIT), so
 * every access exits to the host as KVM_EXIT_IO.
 */
#define KH_PORT_CMD		0xe0	/* in  byte: next command */
#define KH_PORT_DONE		0xe1	/* out byte: command completed */
#define KH_PORT_INTR		0xe2	/* out word: interrupt taken, vector */
#define KH_PORT_DEV		0xe3	/* out byte: device register (ack) */
#define KH_PORT_POLL		0xe4	/* in  byte: interrupt window */
#define KH_PORT_PROBE		0xe5	/* out dword: probe values */
#define KH_PORT_ERR		0xe6	/* out byte: guest-detected error */

/* Commands (the byte the guest reads from KH_PORT_CMD). */
#define KH_CMD_NOP		0x00
#define KH_CMD_MASK		0x01	/* mask the pin: IMR bit / RTE mask */
#define KH_CMD_UNMASK		0x02	/* unmask the pin */
#define KH_CMD_EOI		0x03	/* PIC OCW2 EOI / LAPIC EOI register */
#define KH_CMD_ACK_DEVICE	0x04	/* write the device's ack register */
#define KH_CMD_WINDOW		0x05	/* sti; in POLL; cli */
#define KH_CMD_PROBE		0x06	/* report RTE, LAPIC ISR, PIC ISR/IRR */
#define KH_CMD_IRET		0x07	/* ISR only: return without EOI */

/* Guest error codes on KH_PORT_ERR. */
#define KH_ERR_BAD_CMD		0x01

/* Config block at KH_GPA_CFG, written by the host. */
#define KH_CFG_CHIP		0x00	/* byte: KH_CFG_CHIP_PIC / _IOAPIC */
#define KH_CFG_PIN		0x01	/* byte: irqchip pin */
#define KH_CFG_PIC_EOI		0x02	/* byte: OCW2 value for EOI */
#define KH_CFG_ELCR		0x03	/* byte: master ELCR (port 0x4d0) */
#define KH_CFG_IMR_UNMASKED	0x04	/* byte: master IMR, pin unmasked */
#define KH_CFG_IMR_MASKED	0x05	/* byte: master IMR, pin masked */
#define KH_CFG_PIC_BASE		0x06	/* byte: ICW2 of the master */
#define KH_CFG_IOREGSEL		0x08	/* dword: IOREGSEL of the RTE low */
#define KH_CFG_RTE_UNMASKED	0x0c	/* dword: RTE low, unmasked */
#define KH_CFG_RTE_MASKED	0x10	/* dword: RTE low, masked */
#define KH_CFG_LAPIC_ISR	0x14	/* dword: address of the ISR word */

#define KH_CFG_CHIP_PIC		0
#define KH_CFG_CHIP_IOAPIC	1

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Labels of kh_guest.S, as host addresses of the image's bytes. */
extern const uint8_t kh_guest_start[], kh_guest_end[];
/* Right after the "in $KH_PORT_CMD" of the idle loop and of the ISR. */
extern const uint8_t kh_guest_idle_in[], kh_guest_isr_in[];
/* "in imm8, %al" is 2 bytes; RIP may or may not be past it yet. */
#define KH_PARKED_PC_DELTA	(-2)
#endif

#endif /* KH_GUEST_ABI_H */
