/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the host harness (kvm_harness.c) and the tiny EL1
 * guest (kh_guest.S): the guest physical layout, the MMIO "ports" through
 * which the guest talks to the host, the command codes and the layout of the
 * configuration block the host writes before the first KVM_RUN.
 *
 * Included by the assembler too: C declarations are under !__ASSEMBLER__.
 */
#ifndef KH_GUEST_ABI_H
#define KH_GUEST_ABI_H

/*
 * Guest physical layout.  One 64 KiB memslot of RAM; the guest runs with
 * its MMU off (SCTLR_EL1.M = 0), so guest virtual = guest physical.
 */
#define KH_GPA_RAM		0x40000000	/* the memslot */
#define KH_GUEST_MEM_SIZE	0x10000
#define KH_GPA_CFG		0x40000000	/* config block, written by the host */
#define KH_GPA_CODE		0x40000800	/* kh_guest_start is copied here */
#define KH_GPA_STACK_TOP	0x40010000	/* SP_EL1 at start (grows down) */

/* The in-kernel vGICv3 (KVM_DEV_TYPE_ARM_VGIC_V3). */
#define KH_GICD_BASE		0x08000000	/* distributor, 64 KiB */
#define KH_GICR_BASE		0x080a0000	/* redistributor of vCPU 0, 128 KiB */
#define KH_GICR_SGI_OFFSET	0x10000		/* SGI_base = RD_base + 64 KiB */

/*
 * MMIO ports: a page that no memslot and no in-kernel device covers, so
 * every access exits to the host as KVM_EXIT_MMIO.  32-bit accesses.
 */
#define KH_MMIO_BASE		0x10000000
#define KH_PORT_CMD		0x00	/* read: next command (the vCPU parks here) */
#define KH_PORT_DONE		0x08	/* write: command done (its code) */
#define KH_PORT_INTR		0x10	/* write: IRQ taken, the INTID ICC_IAR1_EL1 gave */
#define KH_PORT_DEV		0x18	/* write: the device's ack register */
#define KH_PORT_POLL		0x20	/* read: the interrupt window */
#define KH_PORT_PROBE		0x28	/* write: probe values */
#define KH_PORT_ERR		0x30	/* write: guest-detected error code */
#define KH_PORT_EXC		0x38	/* write: unexpected exception: ESR_EL1 */
#define KH_PORT_EXC_ELR		0x40	/* write: ... and ELR_EL1 (low 32 bits) */

/* Commands (the value the guest reads from KH_PORT_CMD). */
#define KH_CMD_NOP		0x00
#define KH_CMD_MASK		0x01	/* GICD_ICENABLER / GICR_ICENABLER0 bit */
#define KH_CMD_UNMASK		0x02	/* GICD_ISENABLER / GICR_ISENABLER0 bit */
#define KH_CMD_EOI		0x03	/* ICC_EOIR1_EL1 (+ ICC_DIR_EL1 if EOImode=1) */
#define KH_CMD_ACK_DEVICE	0x04	/* write the device's ack register */
#define KH_CMD_WINDOW		0x05	/* msr daifclr,#2; read POLL; msr daifset,#2 */
#define KH_CMD_PROBE		0x06	/* report what the guest reads (4 values) */
#define KH_CMD_IRET		0x07	/* ISR only: return without EOI */
#define KH_CMD_PRIO_DROP	0x08	/* ISR only, EOImode=1: ICC_EOIR1_EL1 only */
#define KH_CMD_DEACTIVATE	0x09	/* ICC_DIR_EL1 of our INTID */
#define KH_CMD_TIMER_ARM	0x0a	/* CNTV_CVAL_EL0 = CNTVCT_EL0, CNTV_CTL_EL0 = ENABLE */
#define KH_CMD_TIMER_STOP	0x0b	/* CNTV_CTL_EL0 = 0 */
#define KH_CMD_TIMER_STOP_UNMASK 0x0c	/* TIMER_STOP then UNMASK, no exit between */

/* Guest error codes on KH_PORT_ERR. */
#define KH_ERR_BAD_CMD		0x01
#define KH_ERR_NOT_IN_ISR	0x02	/* PRIO_DROP/IRET outside the ISR */

/*
 * Config block at KH_GPA_CFG, written by the host before the first run.
 * Every field is 64 bits.
 */
#define KH_CFG_MMIO		0x00	/* KH_MMIO_BASE */
#define KH_CFG_INTID		0x08	/* our INTID (SPI 32 + pin, or PPI 27) */
#define KH_CFG_FLAGS		0x10	/* KH_CFG_F_* */
#define KH_CFG_ISENABLER	0x18	/* address of the ISENABLER word */
#define KH_CFG_ICENABLER	0x20	/* address of the ICENABLER word */
#define KH_CFG_BIT		0x28	/* 1 << (intid % 32) */
#define KH_CFG_IGROUPR		0x30	/* address of the IGROUPR word */
#define KH_CFG_IPRIORITYR	0x38	/* address of the IPRIORITYR word */
#define KH_CFG_PRIO_WORD	0x40	/* value for it: 0xa0 in every byte */
#define KH_CFG_ICFGR		0x48	/* address of the ICFGR word */
#define KH_CFG_ICFGR_EDGE	0x50	/* the edge bit of our INTID in it */
#define KH_CFG_IROUTER		0x58	/* address of GICD_IROUTER<n>, 0 for a PPI */
#define KH_CFG_GICD_CTLR	0x60	/* address of GICD_CTLR */
#define KH_CFG_ISPENDR		0x68	/* address of the ISPENDR word (probe) */
#define KH_CFG_ISACTIVER	0x70	/* address of the ISACTIVER word (probe) */

#define KH_CFG_F_EOIMODE1	0x01	/* ICC_CTLR_EL1.EOImode = 1 */

/* The guest's vector table is 2 KiB aligned inside the image. */
#define KH_VBAR_ALIGN		2048

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Labels of kh_guest.S, as host addresses of the image's bytes. */
extern const uint8_t kh_guest_start[], kh_guest_end[];
/* The "ldr" from KH_PORT_CMD of the idle loop and of the ISR. */
extern const uint8_t kh_guest_idle_in[], kh_guest_isr_in[];
/* KVM advances the PC past the load when it completes the MMIO. */
#define KH_PARKED_PC_DELTA	4
#endif

#endif /* KH_GUEST_ABI_H */
