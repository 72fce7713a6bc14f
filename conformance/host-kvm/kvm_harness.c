// SPDX-License-Identifier: GPL-2.0
/*
 * One interrupt forwarding scenario against the running kernel's KVM:
 * in-kernel PIC/IOAPIC, irqfd with a resamplefd, a real-mode guest that does
 * only what the host tells it, and the host playing the device and VFIO's
 * automasked INTx handler.
 *
 * Only <linux/kvm.h> and libc.  Single-threaded on purpose: the vCPU runs
 * only inside kh_* calls and every exit is turned into observations before
 * the call returns, so the log is one total order (NOTES.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
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

#define KH_PIC_VECTOR_BASE	0x20
#define KH_IOAPIC_VECTOR	0x40
#define KH_PIC_DEFAULT_PIN	5
#define KH_IOAPIC_DEFAULT_PIN	10
/* A KVM_RUN that does not come back within this long is a hung guest. */
#define KH_RUN_TIMEOUT_S	5
/* How long KVM's irqfd injection work may take to reach the irqchip. */
#define KH_INJECT_TIMEOUT_US	2000000
/* Extra time for the irqchip's vCPU kick, which follows its unlock. */
#define KH_INJECT_SETTLE_US	200
#define KH_WINDOW_RETRIES	10

#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))

enum kh_ctx {
	KH_CTX_IDLE,	/* parked at the IN of the idle loop, IF=0 */
	KH_CTX_ISR,	/* parked at the IN of the ISR loop, IF=0 */
};

struct kh_vm {
	struct kh_config cfg;
	unsigned int vector;
	int kvm_fd, vm_fd, vcpu_fd;
	struct kvm_run *run;
	size_t run_size;
	uint8_t *mem;
	int irqfd, resamplefd;

	/* The device: the level of its interrupt line. */
	bool line;
	/* VFIO: the host IRQ is masked (automasked at the last hardirq). */
	bool host_masked;
	/* resamplefd signals read but not yet acted on by VFIO's unmask. */
	unsigned int resample_pending;

	/* The vCPU is stopped at an IN from KH_PORT_CMD, in context ctx. */
	bool parked;
	enum kh_ctx ctx;
	/* A KH_CMD_WINDOW was interrupted; its DONE comes after the IRET. */
	bool window_outstanding;
	/* The ISR was entered for a vector that is not ours: leave it. */
	bool iret_pending;
	unsigned int interrupts;

	uint32_t probe[3];
	unsigned int nprobe;

	struct kh_obs_log log;
};

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

/* ---- irqchip state ------------------------------------------------------- */

void kh_get_state(struct kh_vm *vm, struct kh_state *st)
{
	struct kvm_irqchip chip = { 0 };
	unsigned int pin = vm->cfg.pin;

	memset(st, 0, sizeof(*st));
	st->line = vm->line;
	st->host_masked = vm->host_masked;
	st->resample_pending = vm->resample_pending;
	st->in_isr = vm->ctx == KH_CTX_ISR;

	if (vm->cfg.chip == KH_CHIP_PIC) {
		chip.chip_id = KVM_IRQCHIP_PIC_MASTER;
		KH_ASSERT(!ioctl(vm->vm_fd, KVM_GET_IRQCHIP, &chip),
			  "KVM_GET_IRQCHIP(PIC_MASTER)");
		st->chip_pending = chip.chip.pic.irr & (1u << pin);
		st->chip_masked = chip.chip.pic.imr & (1u << pin);
		st->chip_in_service = chip.chip.pic.isr & (1u << pin);
	} else {
		struct kvm_lapic_state lapic;
		uint32_t isr;

		chip.chip_id = KVM_IRQCHIP_IOAPIC;
		KH_ASSERT(!ioctl(vm->vm_fd, KVM_GET_IRQCHIP, &chip),
			  "KVM_GET_IRQCHIP(IOAPIC)");
		st->chip_pending = chip.chip.ioapic.irr & (1u << pin);
		st->chip_masked = chip.chip.ioapic.redirtbl[pin].fields.mask;
		st->chip_in_service =
			chip.chip.ioapic.redirtbl[pin].fields.remote_irr;

		KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_GET_LAPIC, &lapic),
			  "KVM_GET_LAPIC");
		memcpy(&isr, &lapic.regs[0x100 + 0x10 * (vm->vector / 32)], 4);
		st->lapic_isr = isr & (1u << (vm->vector % 32));
	}
}

/*
 * Can the guest take our interrupt right now?  PIC: irr set, not masked,
 * not in service.  IOAPIC: the LAPIC has the vector in IRR and not in ISR.
 */
static bool kh_deliverable(struct kh_vm *vm)
{
	struct kvm_lapic_state lapic;
	struct kh_state st;
	uint32_t irr;

	kh_get_state(vm, &st);
	if (vm->cfg.chip == KH_CHIP_PIC)
		return st.chip_pending && !st.chip_masked &&
		       !st.chip_in_service;

	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_GET_LAPIC, &lapic), "KVM_GET_LAPIC");
	memcpy(&irr, &lapic.regs[0x200 + 0x10 * (vm->vector / 32)], 4);
	return (irr & (1u << (vm->vector % 32))) && !st.lapic_isr;
}

/* ---- running the vCPU ----------------------------------------------------- */

static void kh_check_resample(struct kh_vm *vm)
{
	uint64_t cnt;
	ssize_t n;

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

static void kh_vcpu_run(struct kh_vm *vm)
{
	int r;

	alarm(KH_RUN_TIMEOUT_S);
	r = ioctl(vm->vcpu_fd, KVM_RUN, NULL);
	alarm(0);
	if (r < 0 && errno == EINTR) {
		struct kvm_regs regs;

		ioctl(vm->vcpu_fd, KVM_GET_REGS, &regs);
		KH_ASSERT(0, "vCPU still running after %ds, rip=0x%llx",
			  KH_RUN_TIMEOUT_S, (unsigned long long)regs.rip);
	}
	KH_ASSERT(r == 0, "KVM_RUN = %d", r);
}

static void kh_on_done(struct kh_vm *vm, uint8_t cmd)
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
		kh_log(vm, KH_OBS_GUEST_EOI, 0);
		/* A resample caused by the EOI belongs right after it. */
		kh_check_resample(vm);
		if (vm->ctx == KH_CTX_ISR) {
			/* kh_guest.S: the ISR returns after its EOI. */
			vm->ctx = KH_CTX_IDLE;
			kh_log(vm, KH_OBS_GUEST_IRET, 0);
		}
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

static void kh_on_intr(struct kh_vm *vm, unsigned int vector)
{
	/* Exceptions would re-fault after IRET: nothing to recover. */
	KH_ASSERT(vector >= 0x20, "guest exception, vector %u", vector);
	KH_ASSERT(vm->ctx == KH_CTX_IDLE,
		  "interrupt (vector 0x%x) inside the ISR, IF should be 0",
		  vector);
	vm->ctx = KH_CTX_ISR;
	vm->window_outstanding = true;
	vm->interrupts++;
	if (vector == vm->vector) {
		/* The model's "spurious": the device no longer asserts. */
		kh_log(vm, KH_OBS_INJECT, !vm->line);
	} else {
		/* e.g. the 8259's IRQ7 when the line dropped before INTA. */
		kh_log(vm, KH_OBS_UNEXPECTED_VECTOR, vector);
		vm->iret_pending = true;
	}
}

/* The vCPU stopped at an IN from KH_PORT_CMD: check it is where we think. */
static void kh_check_parked(struct kh_vm *vm)
{
	uint64_t want = kh_guest_addr(vm->ctx == KH_CTX_IDLE ?
				      kh_guest_idle_in : kh_guest_isr_in);
	struct kvm_regs regs;

	/* The idle loop is only reached once an interrupted window closed. */
	KH_ASSERT(vm->ctx == KH_CTX_ISR || !vm->window_outstanding,
		  "idle loop reached with an interrupt window still open");
	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_GET_REGS, &regs), "KVM_GET_REGS");
	/* "in imm8, %al" is 2 bytes; RIP may or may not be past it yet. */
	KH_ASSERT(regs.rip == want || regs.rip == want - 2,
		  "guest asks for a command at rip=0x%llx, wanted 0x%llx (%s)",
		  (unsigned long long)regs.rip, (unsigned long long)want,
		  vm->ctx == KH_CTX_IDLE ? "idle loop" : "ISR");
}

static void kh_complete_in(struct kh_vm *vm, uint8_t val)
{
	*((uint8_t *)vm->run + vm->run->io.data_offset) = val;
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
		uint8_t *data;
		uint32_t val = 0;

		kh_vcpu_run(vm);
		KH_ASSERT(run->exit_reason == KVM_EXIT_IO,
			  "unexpected exit reason %u (hw/suberror 0x%llx)",
			  run->exit_reason,
			  (unsigned long long)run->hw.hardware_exit_reason);
		KH_ASSERT(run->io.count == 1, "string I/O on port 0x%x",
			  run->io.port);
		data = (uint8_t *)run + run->io.data_offset;

		if (run->io.direction == KVM_EXIT_IO_IN) {
			if (run->io.port == KH_PORT_POLL) {
				kh_complete_in(vm, 0);
				kh_check_resample(vm);
				continue;
			}
			KH_ASSERT(run->io.port == KH_PORT_CMD,
				  "IN from unexpected port 0x%x", run->io.port);
			kh_check_resample(vm);
			kh_check_parked(vm);
			if (vm->iret_pending) {
				vm->iret_pending = false;
				vm->ctx = KH_CTX_IDLE;
				kh_complete_in(vm, KH_CMD_IRET);
				continue;
			}
			vm->parked = true;
			return;
		}

		memcpy(&val, data, run->io.size);
		switch (run->io.port) {
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
			KH_ASSERT(vm->nprobe < 3, "too many probe values");
			vm->probe[vm->nprobe++] = val;
			break;
		case KH_PORT_ERR:
			KH_ASSERT(0, "guest error %u", val);
			break;
		default:
			KH_ASSERT(0, "OUT 0x%x to unexpected port 0x%x", val,
				  run->io.port);
		}
		kh_check_resample(vm);
	}
}

/* Give the parked guest command @cmd and run it until it parks again. */
void kh_exec(struct kh_vm *vm, unsigned int cmd)
{
	KH_ASSERT(vm->parked, "guest is not waiting for a command");
	vm->parked = false;
	kh_complete_in(vm, cmd);
	kh_run(vm);
}

/* ---- VM creation ------------------------------------------------------------ */

static void kh_set_seg(struct kvm_segment *s, uint8_t type, uint32_t limit)
{
	memset(s, 0, sizeof(*s));
	s->type = type;
	s->present = 1;
	s->s = 1;
	s->limit = limit;
	s->g = limit > 0xfffff;
}

static void kh_setup_vcpu(struct kh_vm *vm)
{
	struct kvm_sregs sregs;
	struct kvm_regs regs = { 0 };

	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_GET_SREGS, &sregs), "KVM_GET_SREGS");
	/* Real mode, everything in segment 0... */
	kh_set_seg(&sregs.cs, 0xb, 0xffff);
	kh_set_seg(&sregs.ds, 0x3, 0xffff);
	kh_set_seg(&sregs.es, 0x3, 0xffff);
	kh_set_seg(&sregs.ss, 0x3, 0xffff);
	kh_set_seg(&sregs.gs, 0x3, 0xffff);
	/* ...but FS reaches 4 GiB ("unreal"): the IOAPIC/LAPIC windows. */
	kh_set_seg(&sregs.fs, 0x3, 0xffffffff);
	sregs.cr0 &= ~1ull;	/* PE */
	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_SET_SREGS, &sregs), "KVM_SET_SREGS");

	regs.rip = KH_GPA_CODE;
	regs.rsp = KH_GPA_STACK_TOP;
	regs.rflags = 0x2;
	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_SET_REGS, &regs), "KVM_SET_REGS");
}

static void kh_write_cfg(struct kh_vm *vm)
{
	uint8_t *cfg = vm->mem + KH_GPA_CFG;
	unsigned int pin = vm->cfg.pin;
	uint32_t v;

	if (vm->cfg.chip == KH_CHIP_PIC) {
		cfg[KH_CFG_CHIP] = KH_CFG_CHIP_PIC;
		cfg[KH_CFG_PIC_EOI] = vm->cfg.eoi_mode == KH_EOI_SPECIFIC ?
				      0x60 | pin : 0x20;
		cfg[KH_CFG_ELCR] = 1u << pin;
		/* Only our pin is ever unmasked; the cascade is not used. */
		cfg[KH_CFG_IMR_UNMASKED] = (uint8_t)~(1u << pin);
		cfg[KH_CFG_IMR_MASKED] = 0xff;
	} else {
		cfg[KH_CFG_CHIP] = KH_CFG_CHIP_IOAPIC;
		cfg[KH_CFG_ELCR] = 0;
		cfg[KH_CFG_IMR_UNMASKED] = 0xff;
		cfg[KH_CFG_IMR_MASKED] = 0xff;
	}
	cfg[KH_CFG_PIN] = pin;
	cfg[KH_CFG_PIC_BASE] = KH_PIC_VECTOR_BASE;

	v = 0x10 + 2 * pin;
	memcpy(&cfg[KH_CFG_IOREGSEL], &v, 4);
	/* Fixed, physical, active high, level (bit 15); mask is bit 16. */
	v = KH_IOAPIC_VECTOR | (1u << 15);
	memcpy(&cfg[KH_CFG_RTE_UNMASKED], &v, 4);
	v |= 1u << 16;
	memcpy(&cfg[KH_CFG_RTE_MASKED], &v, 4);
	v = KH_LAPIC_BASE + 0x100 + 0x10 * (KH_IOAPIC_VECTOR / 32);
	memcpy(&cfg[KH_CFG_LAPIC_ISR], &v, 4);
}

/*
 * Route our GSI to the chosen chip only, replacing KVM's default table (which
 * sends GSIs 0-15 to both the PIC and the IOAPIC), so the other chip cannot
 * add its own ack notifications or deliveries.
 */
static void kh_set_routing(struct kh_vm *vm)
{
	struct {
		struct kvm_irq_routing hdr;
		struct kvm_irq_routing_entry e[1];
	} r;

	memset(&r, 0, sizeof(r));
	r.hdr.nr = 1;
	r.e[0].gsi = vm->cfg.pin;
	r.e[0].type = KVM_IRQ_ROUTING_IRQCHIP;
	r.e[0].u.irqchip.irqchip = vm->cfg.chip == KH_CHIP_PIC ?
				   KVM_IRQCHIP_PIC_MASTER : KVM_IRQCHIP_IOAPIC;
	r.e[0].u.irqchip.pin = vm->cfg.pin;
	KH_ASSERT(!ioctl(vm->vm_fd, KVM_SET_GSI_ROUTING, &r),
		  "KVM_SET_GSI_ROUTING gsi %u", vm->cfg.pin);
}

struct kh_vm *kh_vm_create(const struct kh_config *cfg)
{
	struct kvm_userspace_memory_region region = { 0 };
	struct kvm_irqfd irqfd = { 0 };
	struct kh_vm *vm;
	size_t len;
	int r;

	kh_install_watchdog();
	vm = calloc(1, sizeof(*vm));
	KH_ASSERT(vm, "calloc");
	vm->cfg = *cfg;
	if (!vm->cfg.pin)
		vm->cfg.pin = cfg->chip == KH_CHIP_PIC ? KH_PIC_DEFAULT_PIN :
							 KH_IOAPIC_DEFAULT_PIN;
	if (vm->cfg.chip == KH_CHIP_PIC) {
		KH_ASSERT(vm->cfg.pin >= 3 && vm->cfg.pin <= 7,
			  "PIC pin %u: wanted a master pin 3..7", vm->cfg.pin);
		vm->vector = KH_PIC_VECTOR_BASE + vm->cfg.pin;
	} else {
		KH_ASSERT(vm->cfg.pin < 24, "IOAPIC pin %u: wanted 0..23",
			  vm->cfg.pin);
		vm->vector = KH_IOAPIC_VECTOR;
	}

	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	KH_ASSERT(vm->kvm_fd >= 0, "open(/dev/kvm)");
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	KH_ASSERT(vm->vm_fd >= 0, "KVM_CREATE_VM");
	/* VMX needs a TSS for real mode without unrestricted guest; else no-op. */
	ioctl(vm->vm_fd, KVM_SET_TSS_ADDR, 0xfffbd000ul);

	vm->mem = mmap(NULL, KH_GUEST_MEM_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KH_ASSERT(vm->mem != MAP_FAILED, "mmap guest memory");
	region.slot = 0;
	region.guest_phys_addr = 0;
	region.memory_size = KH_GUEST_MEM_SIZE;
	region.userspace_addr = (uintptr_t)vm->mem;
	KH_ASSERT(!ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region),
		  "KVM_SET_USER_MEMORY_REGION");

	KH_ASSERT(!ioctl(vm->vm_fd, KVM_CREATE_IRQCHIP, 0),
		  "KVM_CREATE_IRQCHIP");
	kh_set_routing(vm);

	vm->vcpu_fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, 0);
	KH_ASSERT(vm->vcpu_fd >= 0, "KVM_CREATE_VCPU");
	r = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	KH_ASSERT(r > 0, "KVM_GET_VCPU_MMAP_SIZE = %d", r);
	vm->run_size = r;
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       vm->vcpu_fd, 0);
	KH_ASSERT(vm->run != MAP_FAILED, "mmap kvm_run");

	len = kh_guest_end - kh_guest_start;
	KH_ASSERT(KH_GPA_CODE + len < KH_GPA_STACK_TOP - 0x1000,
		  "guest image of %zu bytes runs into the stack", len);
	memcpy(vm->mem + KH_GPA_CODE, kh_guest_start, len);
	kh_write_cfg(vm);
	kh_setup_vcpu(vm);

	/* The VFIO side: one trigger eventfd, one unmask (resample) eventfd. */
	vm->irqfd = eventfd(0, EFD_CLOEXEC);
	KH_ASSERT(vm->irqfd >= 0, "eventfd");
	vm->resamplefd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	KH_ASSERT(vm->resamplefd >= 0, "eventfd");
	irqfd.fd = vm->irqfd;
	irqfd.gsi = vm->cfg.pin;
	irqfd.flags = KVM_IRQFD_FLAG_RESAMPLE;
	irqfd.resamplefd = vm->resamplefd;
	KH_ASSERT(!ioctl(vm->vm_fd, KVM_IRQFD, &irqfd),
		  "KVM_IRQFD gsi %u with KVM_IRQFD_FLAG_RESAMPLE", irqfd.gsi);

	/* Guest init up to its first command. */
	vm->ctx = KH_CTX_IDLE;
	kh_run(vm);
	KH_ASSERT(vm->log.n == 0, "guest init produced observations");
	return vm;
}

void kh_vm_destroy(struct kh_vm *vm)
{
	struct kvm_irqfd irqfd = {
		.fd = vm->irqfd,
		.gsi = vm->cfg.pin,
		.flags = KVM_IRQFD_FLAG_DEASSIGN,
	};

	ioctl(vm->vm_fd, KVM_IRQFD, &irqfd);
	close(vm->irqfd);
	close(vm->resamplefd);
	munmap(vm->run, vm->run_size);
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
	return vm->vector;
}

/* ---- inputs ------------------------------------------------------------------ */

void kh_device_raise(struct kh_vm *vm)
{
	kh_current = vm;
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

void kh_guest_probe(struct kh_vm *vm, struct kh_guest_probe *p)
{
	vm->nprobe = 0;
	kh_exec(vm, KH_CMD_PROBE);
	KH_ASSERT(vm->nprobe == 3, "guest sent %u probe values, wanted 3",
		  vm->nprobe);
	p->rte_lo = vm->probe[0];
	p->lapic_isr = vm->probe[1];
	p->pic_isr = vm->probe[2] >> 8;
	p->pic_irr = vm->probe[2];
}

/* ---- internal steps -------------------------------------------------------- */

/*
 * KVM injects from a workqueue item (irqfd_inject), so the eventfd write
 * returns before the irqchip sees the level.  Wait for the pin's IRR.
 */
static void kh_wait_irqfd_inject(struct kh_vm *vm)
{
	struct kh_state st;
	long waited;

	for (waited = 0; waited < KH_INJECT_TIMEOUT_US; waited += 10) {
		kh_get_state(vm, &st);
		if (st.chip_pending) {
			kh_sleep_us(KH_INJECT_SETTLE_US);
			kh_log(vm, KH_OBS_IRQFD_INJECT, 0);
			return;
		}
		kh_sleep_us(10);
	}
	KH_ASSERT(0, "irqfd injection not seen in the irqchip after %d us",
		  KH_INJECT_TIMEOUT_US);
}

bool kh_host_vfio_hardirq(struct kh_vm *vm)
{
	uint64_t one = 1;

	kh_current = vm;
	if (!vm->line || vm->host_masked)
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
		 * Nothing taken.  If the irqchip says the interrupt could be
		 * taken, the vCPU kick may have been late: try again.
		 */
		if (!kh_deliverable(vm))
			return false;
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
		{ KVM_CAP_IRQFD, "KVM_CAP_IRQFD" },
		{ KVM_CAP_IRQFD_RESAMPLE, "KVM_CAP_IRQFD_RESAMPLE" },
		{ KVM_CAP_IRQ_ROUTING, "KVM_CAP_IRQ_ROUTING" },
	};
	unsigned int i;
	int fd, r;

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
	close(fd);
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
	vm = kh_vm_create(&cfg);
	kh_device_raise(vm);
	KH_ASSERT(kh_host_vfio_hardirq(vm), "probe: host IRQ did not fire");
	KH_ASSERT(kh_kvm_deliver(vm), "probe: interrupt was not delivered");

	/* Delivered; the guest has not written any EOI yet. */
	kh_get_state(vm, &st);
	res->resample_before_eoi = vm->resample_pending > 0;
	res->chip_in_service = st.chip_in_service;
	res->lapic_isr = st.lapic_isr;
	kh_guest_probe(vm, &res->guest);

	/* Ack first, so that the EOI does not re-fire the line. */
	kh_guest_thread_ack_device(vm);
	before = vm->resample_pending;
	kh_guest_eoi(vm);
	res->resample_at_eoi = vm->resample_pending > before;

	res->eoi_at_delivery = res->resample_before_eoi ||
			       !res->chip_in_service ||
			       (chip == KH_CHIP_IOAPIC && !res->lapic_isr);
	kh_vm_destroy(vm);
}

void kh_require_guest_controlled_eoi(enum kh_chip chip)
{
	struct kh_eoi_probe p;

	kh_probe_eoi_at_delivery(chip, &p);
	if (p.eoi_at_delivery)
		kh_skip_exit("%s: EOI takes effect at delivery on this host (before the guest's EOI: resamplefd signalled=%d, %s=%d, LAPIC ISR=%d); ONESHOT timing through it is not representative",
			     chip == KH_CHIP_PIC ? "PIC" : "IOAPIC",
			     p.resample_before_eoi,
			     chip == KH_CHIP_PIC ? "PIC ISR" : "remote_irr",
			     p.chip_in_service, p.lapic_isr);
}

/* ---- KTAP --------------------------------------------------------------------- */

/* Nothing of its own to report (arm64 counts reopened windows). */
void kh_ktap_report(void)
{
}
