// SPDX-License-Identifier: GPL-2.0
/*
 * One interrupt forwarding scenario against the running kernel's arm64 KVM:
 * the in-kernel vGICv3, an SPI driven by an irqfd with a resamplefd (or the
 * guest's virtual timer), a tiny EL1 guest that does only what the host
 * tells it, and the host playing the device and VFIO's automasked INTx
 * handler.
 *
 * Only <linux/kvm.h> and libc.  Single-threaded on purpose: the vCPU runs
 * only inside kh_* calls and every exit is turned into observations before
 * the call returns, so the log is one total order (NOTES.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/kvm.h>

#include "kvm_harness.h"
#include "kh_internal.h"
#include "kh_guest_abi.h"

#define KH_SPI_BASE		32
#define KH_VTIMER_INTID		27	/* KVM's default (KVM_ARM_VCPU_TIMER_IRQ_VTIMER) */
#define KH_NR_IRQS		64	/* 32 SPIs: INTIDs 32..63 */
/* A KVM_RUN that does not come back within this long is a hung guest. */
#define KH_RUN_TIMEOUT_S	5
/* How long the irqfd injection may take to show in the vGIC. */
#define KH_INJECT_TIMEOUT_US	2000000
#define KH_WINDOW_RETRIES	10

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

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

#define KH_CORE_REG(name)						\
	(KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |		\
	 (offsetof(struct kvm_regs, name) / sizeof(__u32)))

enum kh_ctx {
	KH_CTX_IDLE,	/* parked at the ldr of the idle loop, PSTATE.I = 1 */
	KH_CTX_ISR,	/* parked at the ldr of the ISR loop */
};

struct kh_vm {
	struct kh_config cfg;
	unsigned int intid;
	int kvm_fd, vm_fd, vcpu_fd, gic_fd;
	struct kvm_run *run;
	size_t run_size;
	uint8_t *mem;
	int irqfd, resamplefd;

	/* The device: the level of its interrupt line (irqfd line). */
	bool line;
	/* VFIO: the host IRQ is masked (automasked at the last hardirq). */
	bool host_masked;
	/* resamplefd signals read but not yet acted on by VFIO's unmask. */
	unsigned int resample_pending;

	/* The vCPU is stopped at a read of KH_PORT_CMD, in context ctx. */
	bool parked;
	enum kh_ctx ctx;
	/* A KH_CMD_WINDOW was interrupted; its DONE comes after the return. */
	bool window_outstanding;
	/* The ISR was entered for an INTID that is not ours: leave it. */
	bool iret_pending;
	unsigned int interrupts;

	uint32_t probe[8];
	unsigned int nprobe;

	struct kh_obs_log log;
};

/*
 * "kvm guest vtimer" count in /proc/interrupts, last seen.  One for all VMs:
 * the vCPUs run one at a time on this thread, so the host's timer IRQs
 * during a run belong to the VM that ran.
 */
static unsigned long kh_vtimer_irqs_seen;
/* Interrupt windows opened again because the vGIC said deliverable. */
static unsigned int kh_window_retries;

/* ---- observations ----------------------------------------------------- */

const char *const kh_obs_names[] = {
	[KH_OBS_DEVICE_RAISE]		= "device.raise",
	[KH_OBS_EVENTFD_SIGNAL]		= "eventfd_signal",
	[KH_OBS_IRQFD_INJECT]		= "irqfd_inject",
	[KH_OBS_RESAMPLE]		= "resample",
	[KH_OBS_VFIO_UNMASK]		= "vfio_unmask",
	[KH_OBS_INJECT]			= "inject",
	[KH_OBS_GUEST_MASK_LINE]	= "guest.mask_line",
	[KH_OBS_GUEST_EOI]		= "guest.eoi",
	[KH_OBS_GUEST_THREAD_ACK_DEVICE] = "guest.thread_ack_device",
	[KH_OBS_GUEST_UNMASK_LINE]	= "guest.unmask_line",
	[KH_OBS_GUEST_IRET]		= "guest.iret",
	[KH_OBS_UNEXPECTED_VECTOR]	= "unexpected_vector",
	[KH_OBS_GUEST_PRIO_DROP]	= "guest.priority_drop",
	[KH_OBS_GUEST_DEACTIVATE]	= "guest.deactivate",
	[KH_OBS_GUEST_TIMER_ARM]	= "guest.timer_arm",
	[KH_OBS_GUEST_TIMER_STOP]	= "guest.timer_stop",
	[KH_OBS_HOST_VTIMER_IRQ]	= "host_vtimer_irq",
};

const struct kh_obs_log *kh_vm_log(const struct kh_vm *vm)
{
	return &vm->log;
}

static void kh_log(struct kh_vm *vm, enum kh_obs_kind kind, int arg)
{
	kh_obs_log_add(&vm->log, kind, arg);
}

void kh_log_clear(struct kh_vm *vm)
{
	vm->log.n = 0;
}

/* ---- small helpers ---------------------------------------------------- */

static uint64_t kh_guest_addr(const uint8_t *label)
{
	return KH_GPA_CODE + (uint64_t)(label - kh_guest_start);
}

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

/* One 32-bit word of the distributor (SPI) or redistributor (PPI), as
 * userspace sees it (KVM_DEV_ARM_VGIC_GRP_{DIST,REDIST}_REGS). */
static uint32_t kh_gic_word(struct kh_vm *vm, uint32_t gicd_reg)
{
	uint32_t val = 0;

	if (kh_is_ppi(vm))
		/* vCPU 0: MPIDR affinity 0 in bits 63:32. */
		kh_dev_attr(vm->gic_fd, KVM_GET_DEVICE_ATTR,
			    KVM_DEV_ARM_VGIC_GRP_REDIST_REGS,
			    KH_GICR_SGI_OFFSET + gicd_reg, &val);
	else
		kh_dev_attr(vm->gic_fd, KVM_GET_DEVICE_ATTR,
			    KVM_DEV_ARM_VGIC_GRP_DIST_REGS,
			    gicd_reg + 4 * (vm->intid / 32), &val);
	return val;
}

static bool kh_line_level(struct kh_vm *vm)
{
	uint32_t val = 0;

	kh_dev_attr(vm->gic_fd, KVM_GET_DEVICE_ATTR,
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
static bool kh_line_now(struct kh_vm *vm)
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

void kh_get_state(struct kh_vm *vm, struct kh_state *st)
{
	uint32_t bit = 1u << (vm->intid % 32);

	memset(st, 0, sizeof(*st));
	st->line = kh_line_now(vm);
	st->host_masked = vm->host_masked;
	st->resample_pending = vm->resample_pending;
	st->in_isr = vm->ctx == KH_CTX_ISR;
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
static bool kh_deliverable(struct kh_vm *vm)
{
	struct kh_state st;

	kh_get_state(vm, &st);
	if (vm->cfg.line == KH_LINE_VTIMER && st.timer_condition)
		st.chip_pending = true;
	return st.chip_pending && !st.chip_masked && !st.chip_in_service;
}

/* ---- running the vCPU ----------------------------------------------------- */

static void kh_check_resample(struct kh_vm *vm)
{
	uint64_t cnt;
	ssize_t n;

	if (vm->resamplefd < 0)
		return;
	n = read(vm->resamplefd, &cnt, sizeof(cnt));
	if (n < 0 && errno == EAGAIN)
		return;
	KH_ASSERT(n == sizeof(cnt), "read(resamplefd) = %zd", n);
	/* One observation per signal, even if two were coalesced. */
	while (cnt--) {
		kh_log(vm, KH_OBS_RESAMPLE, 0);
		vm->resample_pending++;
	}
}

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

/* What happened inside KVM during the last run: resamples, host IRQs. */
static void kh_check_host(struct kh_vm *vm)
{
	kh_check_vtimer_irqs(vm);
	kh_check_resample(vm);
}

static void kh_vcpu_run(struct kh_vm *vm)
{
	int r;

	alarm(KH_RUN_TIMEOUT_S);
	r = ioctl(vm->vcpu_fd, KVM_RUN, NULL);
	alarm(0);
	if (r < 0 && errno == EINTR) {
		uint64_t pc = kh_get_reg(vm, KH_CORE_REG(regs.pc));

		KH_ASSERT(0, "vCPU still running after %ds, pc=0x%llx",
			  KH_RUN_TIMEOUT_S, (unsigned long long)pc);
	}
	KH_ASSERT(r == 0, "KVM_RUN = %d", r);
}

static void kh_on_done(struct kh_vm *vm, uint32_t cmd)
{
	switch (cmd) {
	case KH_CMD_MASK:
		kh_log(vm, KH_OBS_GUEST_MASK_LINE, 0);
		break;
	case KH_CMD_UNMASK:
		kh_log(vm, KH_OBS_GUEST_UNMASK_LINE, 0);
		break;
	case KH_CMD_ACK_DEVICE:
		kh_log(vm, KH_OBS_GUEST_THREAD_ACK_DEVICE, 0);
		break;
	case KH_CMD_EOI:
	case KH_CMD_PRIO_DROP:
		kh_log(vm, cmd == KH_CMD_EOI ? KH_OBS_GUEST_EOI :
					       KH_OBS_GUEST_PRIO_DROP, 0);
		/*
		 * A resample caused by the EOI belongs right after it: the
		 * DONE exit folds the list registers (vgic_v3_fold_lr_state)
		 * before it reaches us, if the maintenance interrupt has not
		 * done so already.
		 */
		kh_check_host(vm);
		if (vm->ctx == KH_CTX_ISR) {
			/* kh_guest.S: the ISR returns after its EOI. */
			vm->ctx = KH_CTX_IDLE;
			kh_log(vm, KH_OBS_GUEST_IRET, 0);
		}
		break;
	case KH_CMD_DEACTIVATE:
		kh_log(vm, KH_OBS_GUEST_DEACTIVATE, 0);
		break;
	case KH_CMD_TIMER_ARM:
		kh_log(vm, KH_OBS_GUEST_TIMER_ARM, 0);
		break;
	case KH_CMD_TIMER_STOP:
		kh_log(vm, KH_OBS_GUEST_TIMER_STOP, 0);
		break;
	case KH_CMD_TIMER_STOP_UNMASK:
		kh_log(vm, KH_OBS_GUEST_TIMER_STOP, 0);
		kh_log(vm, KH_OBS_GUEST_UNMASK_LINE, 0);
		break;
	case KH_CMD_WINDOW:
		vm->window_outstanding = false;
		break;
	case KH_CMD_NOP:
	case KH_CMD_PROBE:
		break;
	default:
		KH_ASSERT(0, "guest reported completion of unknown command %u",
			  cmd);
	}
}

static void kh_on_intr(struct kh_vm *vm, uint32_t intid)
{
	KH_ASSERT(vm->ctx == KH_CTX_IDLE,
		  "IRQ (INTID %u) inside the ISR, PSTATE.I should be set",
		  intid);
	vm->ctx = KH_CTX_ISR;
	vm->window_outstanding = true;
	vm->interrupts++;
	/* A physical timer IRQ the host took before this one is older. */
	kh_check_vtimer_irqs(vm);
	if (intid == vm->intid) {
		/* The model's "spurious": the device no longer asserts. */
		kh_log(vm, KH_OBS_INJECT, !kh_line_now(vm));
	} else {
		/* 1023: nothing pending any more by the time of the IAR. */
		kh_log(vm, KH_OBS_UNEXPECTED_VECTOR, intid);
		vm->iret_pending = true;
	}
}

/* The vCPU stopped at a read of KH_PORT_CMD: check it is where we think. */
static void kh_check_parked(struct kh_vm *vm)
{
	uint64_t want = kh_guest_addr(vm->ctx == KH_CTX_IDLE ?
				      kh_guest_idle_in : kh_guest_isr_in);
	uint64_t pc = kh_get_reg(vm, KH_CORE_REG(regs.pc));

	/* The idle loop is only reached once an interrupted window closed. */
	KH_ASSERT(vm->ctx == KH_CTX_ISR || !vm->window_outstanding,
		  "idle loop reached with an interrupt window still open");
	/* KVM advances the PC past the load when it completes the MMIO. */
	KH_ASSERT(pc == want || pc == want + 4,
		  "guest asks for a command at pc=0x%llx, wanted 0x%llx (%s)",
		  (unsigned long long)pc, (unsigned long long)want,
		  vm->ctx == KH_CTX_IDLE ? "idle loop" : "ISR");
}

static void kh_complete_read(struct kh_vm *vm, uint32_t val)
{
	memset(vm->run->mmio.data, 0, sizeof(vm->run->mmio.data));
	memcpy(vm->run->mmio.data, &val,
	       vm->run->mmio.len < 4 ? vm->run->mmio.len : 4);
}

/*
 * Run the vCPU until it parks at KH_PORT_CMD again, turning every exit on
 * the way into observations.
 */
static void kh_run(struct kh_vm *vm)
{
	struct kvm_run *run = vm->run;

	kh_current = vm;
	for (;;) {
		uint64_t off;
		uint32_t val = 0;

		kh_vcpu_run(vm);
		KH_ASSERT(run->exit_reason == KVM_EXIT_MMIO,
			  "unexpected exit reason %u", run->exit_reason);
		KH_ASSERT(run->mmio.phys_addr >= KH_MMIO_BASE &&
			  run->mmio.phys_addr < KH_MMIO_BASE + 0x100,
			  "MMIO %s at 0x%llx outside the harness's ports",
			  run->mmio.is_write ? "write" : "read",
			  (unsigned long long)run->mmio.phys_addr);
		off = run->mmio.phys_addr - KH_MMIO_BASE;

		if (!run->mmio.is_write) {
			if (off == KH_PORT_POLL) {
				kh_complete_read(vm, 0);
				kh_check_host(vm);
				continue;
			}
			KH_ASSERT(off == KH_PORT_CMD,
				  "read from unexpected port 0x%llx",
				  (unsigned long long)off);
			kh_check_host(vm);
			kh_check_parked(vm);
			if (vm->iret_pending) {
				vm->iret_pending = false;
				vm->ctx = KH_CTX_IDLE;
				kh_complete_read(vm, KH_CMD_IRET);
				continue;
			}
			vm->parked = true;
			return;
		}

		memcpy(&val, run->mmio.data,
		       run->mmio.len < 4 ? run->mmio.len : 4);
		switch (off) {
		case KH_PORT_DONE:
			kh_on_done(vm, val);
			break;
		case KH_PORT_INTR:
			kh_on_intr(vm, val);
			break;
		case KH_PORT_DEV:
			/* The device's ack register: deassert. */
			vm->line = false;
			break;
		case KH_PORT_PROBE:
			KH_ASSERT(vm->nprobe < ARRAY_SIZE(vm->probe),
				  "too many probe values");
			vm->probe[vm->nprobe++] = val;
			break;
		case KH_PORT_ERR:
			KH_ASSERT(0, "guest error %u", val);
			break;
		case KH_PORT_EXC:
			vm->probe[0] = val;
			break;
		case KH_PORT_EXC_ELR:
			KH_ASSERT(0, "guest exception: ESR_EL1=0x%08x ELR_EL1=0x%08x",
				  vm->probe[0], val);
			break;
		default:
			KH_ASSERT(0, "write 0x%x to unexpected port 0x%llx",
				  val, (unsigned long long)off);
		}
		kh_check_host(vm);
	}
}

/* Give the parked guest command @cmd and run it until it parks again. */
void kh_exec(struct kh_vm *vm, unsigned int cmd)
{
	KH_ASSERT(vm->parked, "guest is not waiting for a command");
	vm->parked = false;
	kh_complete_read(vm, cmd);
	kh_run(vm);
}

/* ---- VM creation ------------------------------------------------------------ */

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

static void kh_setup_vcpu(struct kh_vm *vm)
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
	vm->gic_fd = dev.fd;
	addr = KH_GICD_BASE;
	kh_dev_attr(vm->gic_fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
		    KVM_VGIC_V3_ADDR_TYPE_DIST, &addr);
	addr = KH_GICR_BASE;
	kh_dev_attr(vm->gic_fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_ADDR,
		    KVM_VGIC_V3_ADDR_TYPE_REDIST, &addr);
	kh_dev_attr(vm->gic_fd, KVM_SET_DEVICE_ATTR,
		    KVM_DEV_ARM_VGIC_GRP_NR_IRQS, 0, &nr_irqs);
	kh_dev_attr(vm->gic_fd, KVM_SET_DEVICE_ATTR, KVM_DEV_ARM_VGIC_GRP_CTRL,
		    KVM_DEV_ARM_VGIC_CTRL_INIT, NULL);
}

static void kh_skip_x86_chip(enum kh_chip chip)
{
	kh_skip_exit("%s: an x86 irqchip; this is the arm64 harness (KH_CHIP_VGIC only)",
		     chip == KH_CHIP_PIC ? "KH_CHIP_PIC" : "KH_CHIP_IOAPIC");
}

struct kh_vm *kh_vm_create(const struct kh_config *cfg)
{
	struct kvm_userspace_memory_region region = { 0 };
	struct kh_vm *vm;
	size_t len;
	int r;

	if (cfg->chip != KH_CHIP_VGIC)
		kh_skip_x86_chip(cfg->chip);
	kh_install_watchdog();
	vm = calloc(1, sizeof(*vm));
	KH_ASSERT(vm, "calloc");
	vm->cfg = *cfg;
	vm->irqfd = vm->resamplefd = -1;
	if (vm->cfg.line == KH_LINE_VTIMER) {
		vm->intid = KH_VTIMER_INTID;
	} else {
		KH_ASSERT(vm->cfg.pin < KH_NR_IRQS - KH_SPI_BASE,
			  "pin %u: wanted an SPI 0..%u", vm->cfg.pin,
			  KH_NR_IRQS - KH_SPI_BASE - 1);
		vm->intid = KH_SPI_BASE + vm->cfg.pin;
	}

	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	KH_ASSERT(vm->kvm_fd >= 0, "open(/dev/kvm)");
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	KH_ASSERT(vm->vm_fd >= 0, "KVM_CREATE_VM");

	vm->mem = mmap(NULL, KH_GUEST_MEM_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KH_ASSERT(vm->mem != MAP_FAILED, "mmap guest memory");
	len = kh_guest_end - kh_guest_start;
	KH_ASSERT(KH_GPA_CODE - KH_GPA_RAM + len < KH_GUEST_MEM_SIZE - 0x1000,
		  "guest image of %zu bytes runs into the stack", len);
	memcpy(vm->mem + (KH_GPA_CODE - KH_GPA_RAM), kh_guest_start, len);
	region.slot = 0;
	region.guest_phys_addr = KH_GPA_RAM;
	region.memory_size = KH_GUEST_MEM_SIZE;
	region.userspace_addr = (uintptr_t)vm->mem;
	KH_ASSERT(!ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region),
		  "KVM_SET_USER_MEMORY_REGION");

	/* The vGIC's init needs the vCPUs; the vCPU's first run needs both. */
	vm->vcpu_fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, 0);
	KH_ASSERT(vm->vcpu_fd >= 0, "KVM_CREATE_VCPU");
	r = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	KH_ASSERT(r > 0, "KVM_GET_VCPU_MMAP_SIZE = %d", r);
	vm->run_size = r;
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       vm->vcpu_fd, 0);
	KH_ASSERT(vm->run != MAP_FAILED, "mmap kvm_run");
	kh_setup_vcpu(vm);
	kh_create_vgic(vm);
	kh_write_cfg(vm);

	if (vm->cfg.line == KH_LINE_IRQFD) {
		struct kvm_irqfd irqfd = { 0 };

		/* The VFIO side: a trigger eventfd and an unmask eventfd. */
		vm->irqfd = eventfd(0, EFD_CLOEXEC);
		KH_ASSERT(vm->irqfd >= 0, "eventfd");
		vm->resamplefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
		KH_ASSERT(vm->resamplefd >= 0, "eventfd");
		irqfd.fd = vm->irqfd;
		irqfd.gsi = vm->cfg.pin;
		irqfd.flags = KVM_IRQFD_FLAG_RESAMPLE;
		irqfd.resamplefd = vm->resamplefd;
		KH_ASSERT(!ioctl(vm->vm_fd, KVM_IRQFD, &irqfd),
			  "KVM_IRQFD gsi %u with KVM_IRQFD_FLAG_RESAMPLE",
			  irqfd.gsi);
	}

	/* Guest init up to its first command. */
	vm->ctx = KH_CTX_IDLE;
	kh_vtimer_irqs_seen = kh_read_vtimer_irqs();
	kh_run(vm);
	KH_ASSERT(vm->log.n == 0, "guest init produced observations");
	return vm;
}

void kh_vm_destroy(struct kh_vm *vm)
{
	if (vm->irqfd >= 0) {
		struct kvm_irqfd irqfd = {
			.fd = vm->irqfd,
			.gsi = vm->cfg.pin,
			.flags = KVM_IRQFD_FLAG_DEASSIGN,
		};

		ioctl(vm->vm_fd, KVM_IRQFD, &irqfd);
		close(vm->irqfd);
		close(vm->resamplefd);
	}
	munmap(vm->run, vm->run_size);
	close(vm->gic_fd);
	close(vm->vcpu_fd);
	close(vm->vm_fd);
	close(vm->kvm_fd);
	munmap(vm->mem, KH_GUEST_MEM_SIZE);
	if (kh_current == vm)
		kh_current = NULL;
	free(vm);
}

unsigned int kh_vector(const struct kh_vm *vm)
{
	return vm->intid;
}

/* ---- inputs ------------------------------------------------------------------ */

void kh_device_raise(struct kh_vm *vm)
{
	kh_current = vm;
	KH_ASSERT(vm->cfg.line == KH_LINE_IRQFD,
		  "kh_device_raise: the timer's device is the guest's timer (kh_guest_timer_arm)");
	vm->line = true;
	kh_log(vm, KH_OBS_DEVICE_RAISE, 0);
}

void kh_guest_iret(struct kh_vm *vm)
{
	KH_ASSERT(vm->ctx == KH_CTX_ISR, "%s outside the ISR", __func__);
	vm->ctx = KH_CTX_IDLE;
	kh_log(vm, KH_OBS_GUEST_IRET, 0);
	kh_exec(vm, KH_CMD_IRET);
}

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

void kh_guest_probe(struct kh_vm *vm, struct kh_guest_probe *p)
{
	vm->nprobe = 0;
	kh_exec(vm, KH_CMD_PROBE);
	KH_ASSERT(vm->nprobe == 6, "guest sent %u probe values, wanted 6",
		  vm->nprobe);
	p->ispendr = vm->probe[0];
	p->isactiver = vm->probe[1];
	p->isenabler = vm->probe[2];
	p->hppir = vm->probe[3];
	p->rpr = vm->probe[4];
	p->cntv_ctl = vm->probe[5];
	p->bit = 1u << (vm->intid % 32);
}

/* ---- internal steps -------------------------------------------------------- */

/*
 * arm64 injects an SPI from irqfd_wakeup itself (kvm_arch_set_irq_inatomic,
 * vgic-irqfd.c), inside our write(); a work item only when the vGIC is not
 * initialised.  Wait for the line level anyway, as the x86 harness does.
 */
static void kh_wait_irqfd_inject(struct kh_vm *vm)
{
	long waited;

	for (waited = 0; waited < KH_INJECT_TIMEOUT_US; waited += 10) {
		if (kh_line_level(vm)) {
			kh_log(vm, KH_OBS_IRQFD_INJECT, 0);
			return;
		}
		kh_sleep_us(10);
	}
	KH_ASSERT(0, "irqfd injection not seen in the vGIC after %d us",
		  KH_INJECT_TIMEOUT_US);
}

bool kh_host_vfio_hardirq(struct kh_vm *vm)
{
	uint64_t one = 1;

	kh_current = vm;
	if (vm->cfg.line != KH_LINE_IRQFD || !vm->line || vm->host_masked)
		return false;
	/* vfio_automasked_irq_handler: disable_irq_nosync, then signal. */
	vm->host_masked = true;
	KH_ASSERT(write(vm->irqfd, &one, sizeof(one)) == sizeof(one),
		  "write(irqfd)");
	kh_log(vm, KH_OBS_EVENTFD_SIGNAL, 0);
	kh_wait_irqfd_inject(vm);
	return true;
}

bool kh_host_vfio_unmask(struct kh_vm *vm)
{
	kh_current = vm;
	kh_check_resample(vm);
	if (!vm->resample_pending)
		return false;
	/*
	 * virqfd reads the counter once and runs the unmask handler once,
	 * however many signals were coalesced; enable_irq if masked.
	 */
	vm->resample_pending = 0;
	vm->host_masked = false;
	kh_log(vm, KH_OBS_VFIO_UNMASK, 0);
	return true;
}

bool kh_kvm_deliver(struct kh_vm *vm)
{
	unsigned int before = vm->interrupts;
	int i;

	kh_current = vm;
	if (vm->ctx == KH_CTX_ISR)
		return false;
	for (i = 0; i < KH_WINDOW_RETRIES; i++) {
		kh_exec(vm, KH_CMD_WINDOW);
		if (vm->interrupts != before)
			return true;
		/*
		 * Nothing taken.  If the vGIC says the interrupt could be
		 * taken, the vCPU kick (or the host's timer IRQ) may have been
		 * late: try again.
		 */
		if (!kh_deliverable(vm))
			return false;
		kh_window_retries++;
		kh_sleep_us(1000);
	}
	printf("# warning: interrupt deliverable but not taken in %d windows\n",
	       KH_WINDOW_RETRIES);
	return false;
}

/* ---- probes ------------------------------------------------------------------ */

bool kh_have_kvm(char *why, size_t len)
{
	static const struct {
		long cap;
		const char *name;
	} caps[] = {
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
	unsigned int i;
	int fd, vm_fd, r;

	fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		snprintf(why, len, "/dev/kvm: %s", strerror(errno));
		return false;
	}
	r = ioctl(fd, KVM_GET_API_VERSION, 0);
	if (r != KVM_API_VERSION) {
		snprintf(why, len, "KVM_GET_API_VERSION = %d, wanted %d", r,
			 KVM_API_VERSION);
		close(fd);
		return false;
	}
	for (i = 0; i < ARRAY_SIZE(caps); i++) {
		if (ioctl(fd, KVM_CHECK_EXTENSION, caps[i].cap) <= 0) {
			snprintf(why, len, "%s not supported", caps[i].name);
			close(fd);
			return false;
		}
	}
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

void kh_probe_eoi_at_delivery(enum kh_chip chip, struct kh_eoi_probe *res)
{
	struct kh_config cfg = { .chip = chip };
	struct kh_state st;
	struct kh_vm *vm;
	unsigned int before;

	memset(res, 0, sizeof(*res));
	if (chip != KH_CHIP_VGIC)
		return;
	vm = kh_vm_create(&cfg);
	kh_device_raise(vm);
	KH_ASSERT(kh_host_vfio_hardirq(vm), "probe: host IRQ did not fire");
	KH_ASSERT(kh_kvm_deliver(vm), "probe: interrupt was not delivered");

	/* Delivered and acknowledged; the guest has not EOIed yet. */
	kh_get_state(vm, &st);
	res->resample_before_eoi = vm->resample_pending > 0;
	res->chip_in_service = st.chip_in_service;
	kh_guest_probe(vm, &res->guest);

	/* Ack first, so that the EOI does not re-fire the line. */
	kh_guest_thread_ack_device(vm);
	before = vm->resample_pending;
	kh_guest_eoi(vm);
	res->resample_at_eoi = vm->resample_pending > before;

	res->eoi_at_delivery = res->resample_before_eoi ||
			       !res->chip_in_service;
	kh_vm_destroy(vm);
}

void kh_require_guest_controlled_eoi(enum kh_chip chip)
{
	struct kh_eoi_probe p;

	if (chip != KH_CHIP_VGIC)
		kh_skip_x86_chip(chip);
	kh_probe_eoi_at_delivery(chip, &p);
	if (p.eoi_at_delivery)
		kh_skip_exit("vGIC: EOI takes effect at delivery on this host (before the guest's EOI: resamplefd signalled=%d, active=%d); ONESHOT timing through it is not representative",
			     p.resample_before_eoi, p.chip_in_service);
}

/* ---- KTAP --------------------------------------------------------------------- */

void kh_ktap_report(void)
{
	if (kh_window_retries)
		ktap_diag("harness: %u interrupt window(s) opened again",
			  kh_window_retries);
}
