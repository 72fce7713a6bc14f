// SPDX-License-Identifier: GPL-2.0
/*
 * What is arm64 in the KVM harness: the in-kernel vGICv3 and its state as
 * userspace reads it, the guest's virtual timer (the interrupt KVM
 * forwards) and the host's interrupts for it, the EL1 vCPU, and the
 * guest's MMIO exits.  The VM's life, the vCPU's runs, the played device
 * and VFIO, the log and KTAP are ../common/kh_*.c, through the kh_arch_*
 * hooks of ../common/kh_internal.h.
 *
 * Only <linux/kvm.h> and libc.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "kvm_harness.h"
#include "kh_guest_abi.h"
#include "kh_internal.h"

#define KH_SPI_BASE		32
#define KH_VTIMER_INTID		27	/* KVM's default (KVM_ARM_VCPU_TIMER_IRQ_VTIMER) */
#define KH_NR_IRQS		64	/* 32 SPIs: INTIDs 32..63 */

/* GICv3 distributor and redistributor (SGI frame) register offsets. */
#define GICD_CTLR		0x0000
#define GICD_IGROUPR		0x0080
#define GICD_ISENABLER		0x0100
#define GICD_ICENABLER		0x0180
#define GICD_ISPENDR		0x0200
#define GICD_ISACTIVER		0x0300
#define GICD_IPRIORITYR		0x0400
#define GICD_ICFGR		0x0c00
#define GICD_IROUTER		0x6000

/* CNTV_CTL_EL0 bits. */
#define CNTV_CTL_ENABLE		(1u << 0)
#define CNTV_CTL_IMASK		(1u << 1)
#define CNTV_CTL_ISTATUS	(1u << 2)

#define KH_CORE_REG(name)						\
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |		\
	 (offsetof(struct kvm_regs, name) / sizeof(__u32)))

/*
 * "kvm guest vtimer" count in /proc/interrupts, last seen.  One for all VMs:
 * the vCPUs run one at a time on this thread, so the host's timer IRQs
 * during a run belong to the VM that ran.
 */
static unsigned long kh_vtimer_irqs_seen;

/* ---- observations ----------------------------------------------------- */

static const char *const kh_arch_obs_names[] = {
	[KH_OBS_GUEST_PRIO_DROP]	= "guest.priority_drop",
	[KH_OBS_GUEST_DEACTIVATE]	= "guest.deactivate",
	[KH_OBS_GUEST_TIMER_ARM]	= "guest.timer_arm",
	[KH_OBS_GUEST_TIMER_STOP]	= "guest.timer_stop",
	[KH_OBS_HOST_VTIMER_IRQ]	= "host_vtimer_irq",
};

const char *kh_arch_obs_name(enum kh_obs_kind kind)
{
	if ((unsigned int)kind < ARRAY_SIZE(kh_arch_obs_names) &&
	    kh_arch_obs_names[kind])
		return kh_arch_obs_names[kind];
	return "?";
}

/* ---- small helpers ---------------------------------------------------- */

static uint64_t kh_get_reg(struct kh_vm *vm, uint64_t id)
{
	uint64_t val = 0;
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&val };

	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_GET_ONE_REG, &reg),
		  "KVM_GET_ONE_REG 0x%llx", (unsigned long long)id);
	return val;
}

static void kh_set_reg(struct kh_vm *vm, uint64_t id, uint64_t val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&val };

	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_SET_ONE_REG, &reg),
		  "KVM_SET_ONE_REG 0x%llx", (unsigned long long)id);
}

static void kh_dev_attr(int fd, unsigned long req, uint32_t group,
			uint64_t attr, void *val)
{
	struct kvm_device_attr a = {
		.group = group, .attr = attr, .addr = (uintptr_t)val,
	};

	KH_ASSERT(!ioctl(fd, req, &a), "%s group %u attr 0x%llx",
		  req == KVM_SET_DEVICE_ATTR ? "KVM_SET_DEVICE_ATTR" :
					       "KVM_GET_DEVICE_ATTR",
		  group, (unsigned long long)attr);
}

static bool kh_is_ppi(const struct kh_vm *vm)
{
	return vm->intid < KH_SPI_BASE;
}

/*
 * One 32-bit word of the distributor (SPI) or redistributor (PPI), as
 * userspace sees it (KVM_DEV_ARM_VGIC_GRP_{DIST,REDIST}_REGS).
 */
static uint32_t kh_gic_word(struct kh_vm *vm, uint32_t gicd_reg)
{
	uint32_t val = 0;

	if (kh_is_ppi(vm))
		/* vCPU 0: MPIDR affinity 0 in bits 63:32. */
		kh_dev_attr(vm->chip_fd, KVM_GET_DEVICE_ATTR,
			    KVM_DEV_ARM_VGIC_GRP_REDIST_REGS,
			    KH_GICR_SGI_OFFSET + gicd_reg, &val);
	else
		kh_dev_attr(vm->chip_fd, KVM_GET_DEVICE_ATTR,
			    KVM_DEV_ARM_VGIC_GRP_DIST_REGS,
			    gicd_reg + 4 * (vm->intid / 32), &val);
	return val;
}

static bool kh_line_level(struct kh_vm *vm)
{
	uint32_t val = 0;

	kh_dev_attr(vm->chip_fd, KVM_GET_DEVICE_ATTR,
		    KVM_DEV_ARM_VGIC_GRP_LEVEL_INFO,
		    ((uint64_t)VGIC_LEVEL_INFO_LINE_LEVEL <<
		     KVM_DEV_ARM_VGIC_LINE_LEVEL_INFO_SHIFT) |
		    (vm->intid & ~31u), &val);
	return val & (1u << (vm->intid % 32));
}

static bool kh_timer_condition(struct kh_vm *vm)
{
	/* KVM computes ISTATUS from CVAL and the counter (read_timer_ctl). */
	uint64_t ctl = kh_get_reg(vm, KVM_REG_ARM_TIMER_CTL);

	return (ctl & (CNTV_CTL_ENABLE | CNTV_CTL_IMASK | CNTV_CTL_ISTATUS)) ==
	       (CNTV_CTL_ENABLE | CNTV_CTL_ISTATUS);
}

/* The device line: the host's level, or the timer condition. */
bool kh_arch_line(struct kh_vm *vm)
{
	return vm->cfg.line == KH_LINE_VTIMER ? kh_timer_condition(vm) :
						vm->line;
}

/* Sum of the per-CPU counts of KVM's "kvm guest vtimer" interrupt. */
static unsigned long kh_read_vtimer_irqs(void)
{
	char line[1024];
	unsigned long sum = 0;
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *p, *end;

		if (!strstr(line, "kvm guest vtimer"))
			continue;
		p = strchr(line, ':');
		if (!p)
			break;
		for (p++;; p = end) {
			unsigned long v = strtoul(p, &end, 10);

			if (end == p)
				break;
			sum += v;
		}
		break;
	}
	fclose(f);
	return sum;
}

/* ---- vGIC state ------------------------------------------------------------ */

void kh_arch_chip_state(struct kh_vm *vm, struct kh_state *st)
{
	uint32_t bit = 1u << (vm->intid % 32);

	st->line_level = kh_line_level(vm);
	/* A GICv3 uaccess of ISPENDR reads the latch (__read_pending). */
	st->pending_latch = kh_gic_word(vm, GICD_ISPENDR) & bit;
	st->chip_pending = st->line_level || st->pending_latch;
	st->chip_masked = !(kh_gic_word(vm, GICD_ISENABLER) & bit);
	st->chip_in_service = kh_gic_word(vm, GICD_ISACTIVER) & bit;
	st->lapic_isr = false;
	if (vm->cfg.line == KH_LINE_VTIMER) {
		st->timer_condition = kh_timer_condition(vm);
		st->host_vtimer_irqs = kh_read_vtimer_irqs();
	}
}

/*
 * Can the guest take our interrupt right now?  Pending (or, for the timer,
 * the condition met: KVM injects it at the next vcpu_load), enabled, not
 * active.
 */
bool kh_arch_deliverable(struct kh_vm *vm)
{
	struct kh_state st;

	kh_get_state(vm, &st);
	if (vm->cfg.line == KH_LINE_VTIMER && st.timer_condition)
		st.chip_pending = true;
	return st.chip_pending && !st.chip_masked && !st.chip_in_service;
}

/* ---- the vCPU's exits ------------------------------------------------------ */

/* The host took KVM's timer interrupt since we last looked (detail). */
static void kh_check_vtimer_irqs(struct kh_vm *vm)
{
	unsigned long now;

	if (vm->cfg.line != KH_LINE_VTIMER)
		return;
	now = kh_read_vtimer_irqs();
	while (kh_vtimer_irqs_seen < now) {
		kh_log(vm, KH_OBS_HOST_VTIMER_IRQ, 0);
		kh_vtimer_irqs_seen++;
	}
}

/* Before the resamples: the host's timer IRQs during the run. */
void kh_arch_check_host(struct kh_vm *vm)
{
	kh_check_vtimer_irqs(vm);
}

void kh_arch_exit(struct kh_vm *vm, struct kh_exit *e)
{
	struct kvm_run *run = vm->run;

	KH_ASSERT(run->exit_reason == KVM_EXIT_MMIO,
		  "unexpected exit reason %u", run->exit_reason);
	KH_ASSERT(run->mmio.phys_addr >= KH_MMIO_BASE &&
		  run->mmio.phys_addr < KH_MMIO_BASE + 0x100,
		  "MMIO %s at 0x%llx outside the harness's ports",
		  run->mmio.is_write ? "write" : "read",
		  (unsigned long long)run->mmio.phys_addr);
	e->read = !run->mmio.is_write;
	e->port = run->mmio.phys_addr - KH_MMIO_BASE;
	e->val = 0;
	if (!e->read)
		memcpy(&e->val, run->mmio.data,
		       run->mmio.len < 4 ? run->mmio.len : 4);
}

void kh_arch_complete_read(struct kh_vm *vm, uint32_t val)
{
	memset(vm->run->mmio.data, 0, sizeof(vm->run->mmio.data));
	memcpy(vm->run->mmio.data, &val,
	       vm->run->mmio.len < 4 ? vm->run->mmio.len : 4);
}

uint64_t kh_arch_pc(struct kh_vm *vm)
{
	return kh_get_reg(vm, KH_CORE_REG(regs.pc));
}

/* The guest's report of an exception it did not expect: ESR, then ELR. */
bool kh_arch_port_write(struct kh_vm *vm, unsigned int port, uint32_t val)
{
	switch (port) {
	case KH_PORT_EXC:
		vm->probe[0] = val;
		return true;
	case KH_PORT_EXC_ELR:
		KH_ASSERT(0, "guest exception: ESR_EL1=0x%08x ELR_EL1=0x%08x",
			  vm->probe[0], val);
		return true;
	}
	return false;
}

bool kh_arch_on_done(struct kh_vm *vm, uint32_t cmd)
{
	switch (cmd) {
	case KH_CMD_PRIO_DROP:
		kh_on_isr_done(vm, KH_OBS_GUEST_PRIO_DROP);
		return true;
	case KH_CMD_DEACTIVATE:
		kh_log(vm, KH_OBS_GUEST_DEACTIVATE, 0);
		return true;
	case KH_CMD_TIMER_ARM:
		kh_log(vm, KH_OBS_GUEST_TIMER_ARM, 0);
		return true;
	case KH_CMD_TIMER_STOP:
		kh_log(vm, KH_OBS_GUEST_TIMER_STOP, 0);
		return true;
	case KH_CMD_TIMER_STOP_UNMASK:
		kh_log(vm, KH_OBS_GUEST_TIMER_STOP, 0);
		kh_log(vm, KH_OBS_GUEST_UNMASK_LINE, 0);
		return true;
	}
	return false;
}

/* A physical timer IRQ the host took before this one is older. */
void kh_arch_on_intr(struct kh_vm *vm, unsigned int intid)
{
	(void)intid;	/* the vGIC's acknowledge needs no check of its own */
	kh_check_vtimer_irqs(vm);
}

/* ---- VM creation ------------------------------------------------------------ */

bool kh_arch_has_chip(enum kh_chip chip)
{
	return chip == KH_CHIP_VGIC;
}

static void kh_skip_x86_chip(enum kh_chip chip)
{
	kh_skip_exit("%s: an x86 irqchip; this is the arm64 harness (KH_CHIP_VGIC only)",
		     chip == KH_CHIP_PIC ? "KH_CHIP_PIC" : "KH_CHIP_IOAPIC");
}

void kh_arch_configure(struct kh_vm *vm)
{
	if (!kh_arch_has_chip(vm->cfg.chip))
		kh_skip_x86_chip(vm->cfg.chip);
	if (vm->cfg.line == KH_LINE_VTIMER) {
		vm->intid = KH_VTIMER_INTID;
	} else {
		KH_ASSERT(vm->cfg.pin < KH_NR_IRQS - KH_SPI_BASE,
			  "pin %u: wanted an SPI 0..%u", vm->cfg.pin,
			  KH_NR_IRQS - KH_SPI_BASE - 1);
		vm->intid = KH_SPI_BASE + vm->cfg.pin;
	}
}

/* The vGIC's init needs the vCPUs: nothing before them. */
void kh_arch_setup_vm(struct kh_vm *vm)
{
	(void)vm;
}

static void kh_put_cfg(struct kh_vm *vm, unsigned int off, uint64_t val)
{
	memcpy(vm->mem + (KH_GPA_CFG - KH_GPA_RAM) + off, &val, sizeof(val));
}

static void kh_write_cfg(struct kh_vm *vm)
{
	unsigned int n = vm->intid, word = 4 * (n / 32);
	uint64_t frame = kh_is_ppi(vm) ? KH_GICR_BASE + KH_GICR_SGI_OFFSET :
					 KH_GICD_BASE;

	kh_put_cfg(vm, KH_CFG_MMIO, KH_MMIO_BASE);
	kh_put_cfg(vm, KH_CFG_INTID, n);
	kh_put_cfg(vm, KH_CFG_FLAGS, vm->cfg.eoi_mode == KH_EOI_MODE1 ?
				     KH_CFG_F_EOIMODE1 : 0);
	/* GICR_I*R0 of the SGI frame have the GICD_I*R offsets. */
	kh_put_cfg(vm, KH_CFG_ISENABLER, frame + GICD_ISENABLER + word);
	kh_put_cfg(vm, KH_CFG_ICENABLER, frame + GICD_ICENABLER + word);
	kh_put_cfg(vm, KH_CFG_ISPENDR, frame + GICD_ISPENDR + word);
	kh_put_cfg(vm, KH_CFG_ISACTIVER, frame + GICD_ISACTIVER + word);
	kh_put_cfg(vm, KH_CFG_BIT, 1u << (n % 32));
	kh_put_cfg(vm, KH_CFG_IGROUPR, frame + GICD_IGROUPR + word);
	kh_put_cfg(vm, KH_CFG_IPRIORITYR, frame + GICD_IPRIORITYR + (n & ~3u));
	kh_put_cfg(vm, KH_CFG_PRIO_WORD, 0xa0a0a0a0u);
	kh_put_cfg(vm, KH_CFG_ICFGR, frame + GICD_ICFGR + 4 * (n / 16));
	kh_put_cfg(vm, KH_CFG_ICFGR_EDGE, 2u << (2 * (n % 16)));
	kh_put_cfg(vm, KH_CFG_IROUTER,
		   kh_is_ppi(vm) ? 0 : KH_GICD_BASE + GICD_IROUTER + 8 * n);
	kh_put_cfg(vm, KH_CFG_GICD_CTLR, KH_GICD_BASE + GICD_CTLR);
}

static void kh_init_vcpu(struct kh_vm *vm)
{
	struct kvm_vcpu_init init;

	memset(&init, 0, sizeof(init));
	KH_ASSERT(!ioctl(vm->vm_fd, KVM_ARM_PREFERRED_TARGET, &init),
		  "KVM_ARM_PREFERRED_TARGET");
	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_ARM_VCPU_INIT, &init),
		  "KVM_ARM_VCPU_INIT target %u", init.target);
	/* KVM's reset: EL1h, DAIF masked, MMU off.  Start at our code. */
	kh_set_reg(vm, KH_CORE_REG(regs.pc), KH_GPA_CODE);
}

static void kh_create_vgic(struct kh_vm *vm)
{
	struct kvm_create_device dev = { .type = KVM_DEV_TYPE_ARM_VGIC_V3 };
	uint64_t addr;
	uint32_t nr_irqs = KH_NR_IRQS;

	KH_ASSERT(!ioctl(vm->vm_fd, KVM_CREATE_DEVICE, &dev),
		  "KVM_CREATE_DEVICE(KVM_DEV_TYPE_ARM_VGIC_V3)");
	vm->chip_fd = dev.fd;
	addr = KH_GICD_BASE;
	kh_dev_attr(vm->chip_fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
		    KVM_VGIC_V3_ADDR_TYPE_DIST, &addr);
	addr = KH_GICR_BASE;
	kh_dev_attr(vm->chip_fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
		    KVM_VGIC_V3_ADDR_TYPE_REDIST, &addr);
	kh_dev_attr(vm->chip_fd, KVM_SET_DEVICE_ATTR,
		    KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &nr_irqs);
	kh_dev_attr(vm->chip_fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_CTRL,
		    KVM_DEV_ARM_VGIC_CTRL_INIT, NULL);
}

/* The vCPU's registers, then the vGIC (its init needs the vCPUs). */
void kh_arch_setup_vcpu(struct kh_vm *vm)
{
	kh_init_vcpu(vm);
	kh_create_vgic(vm);
	kh_write_cfg(vm);
	if (vm->cfg.line == KH_LINE_IRQFD)
		kh_irqfd_assign(vm);
	kh_vtimer_irqs_seen = kh_read_vtimer_irqs();
}

/* ---- inputs ------------------------------------------------------------------ */

void kh_guest_priority_drop(struct kh_vm *vm)
{
	KH_ASSERT(vm->ctx == KH_CTX_ISR, "%s outside the ISR", __func__);
	KH_ASSERT(vm->cfg.eoi_mode == KH_EOI_MODE1,
		  "%s needs .eoi_mode = KH_EOI_MODE1", __func__);
	kh_exec(vm, KH_CMD_PRIO_DROP);
}

void kh_guest_deactivate(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_DEACTIVATE);
}

void kh_guest_timer_arm(struct kh_vm *vm)
{
	KH_ASSERT(vm->cfg.line == KH_LINE_VTIMER, "%s without KH_LINE_VTIMER",
		  __func__);
	kh_exec(vm, KH_CMD_TIMER_ARM);
}

void kh_guest_timer_stop(struct kh_vm *vm)
{
	KH_ASSERT(vm->cfg.line == KH_LINE_VTIMER, "%s without KH_LINE_VTIMER",
		  __func__);
	kh_exec(vm, KH_CMD_TIMER_STOP);
}

void kh_guest_timer_stop_unmask(struct kh_vm *vm)
{
	KH_ASSERT(vm->cfg.line == KH_LINE_VTIMER, "%s without KH_LINE_VTIMER",
		  __func__);
	kh_exec(vm, KH_CMD_TIMER_STOP_UNMASK);
}

/* ---- internal steps -------------------------------------------------------- */

/* The irqfd sets the SPI's line level (kvm_vgic_inject_irq). */
bool kh_arch_irqfd_injected(struct kh_vm *vm)
{
	return kh_line_level(vm);
}

/* ---- probes ------------------------------------------------------------------ */

void kh_guest_probe(struct kh_vm *vm, struct kh_guest_probe *p)
{
	kh_exec_probe(vm, 6);
	p->ispendr = vm->probe[0];
	p->isactiver = vm->probe[1];
	p->isenabler = vm->probe[2];
	p->hppir = vm->probe[3];
	p->rpr = vm->probe[4];
	p->cntv_ctl = vm->probe[5];
	p->bit = 1u << (vm->intid % 32);
}

bool kh_have_kvm(char *why, size_t len)
{
	static const struct kh_cap caps[] = {
		{ KVM_CAP_IRQCHIP, "KVM_CAP_IRQCHIP" },
		{ KVM_CAP_DEVICE_CTRL, "KVM_CAP_DEVICE_CTRL" },
		{ KVM_CAP_IRQFD, "KVM_CAP_IRQFD" },
		{ KVM_CAP_IRQFD_RESAMPLE, "KVM_CAP_IRQFD_RESAMPLE" },
		{ KVM_CAP_ONE_REG, "KVM_CAP_ONE_REG" },
	};
	struct kvm_create_device dev = {
		.type = KVM_DEV_TYPE_ARM_VGIC_V3,
		.flags = KVM_CREATE_DEVICE_TEST,
	};
	int fd, vm_fd, r;

	fd = kh_open_kvm(why, len, caps, ARRAY_SIZE(caps));
	if (fd < 0)
		return false;
	vm_fd = ioctl(fd, KVM_CREATE_VM, 0);
	if (vm_fd < 0) {
		snprintf(why, len, "KVM_CREATE_VM: %s", strerror(errno));
		close(fd);
		return false;
	}
	r = ioctl(vm_fd, KVM_CREATE_DEVICE, &dev);
	close(vm_fd);
	close(fd);
	if (r) {
		snprintf(why, len, "no vGICv3 (KVM_CREATE_DEVICE test: %s)",
			 strerror(errno));
		return false;
	}
	snprintf(why, len, "ok");
	return true;
}

void kh_require_guest_controlled_eoi(enum kh_chip chip)
{
	struct kh_eoi_probe p;

	if (!kh_arch_has_chip(chip))
		kh_skip_x86_chip(chip);
	kh_probe_eoi_at_delivery(chip, &p);
	if (p.eoi_at_delivery)
		kh_skip_exit("vGIC: EOI takes effect at delivery on this host (before the guest's EOI: resamplefd signalled=%d, active=%d); ONESHOT timing through it is not representative",
			     p.resample_before_eoi, p.chip_in_service);
}
