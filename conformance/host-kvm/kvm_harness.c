// SPDX-License-Identifier: GPL-2.0
/*
 * What is x86 in the KVM harness: the in-kernel PIC or IOAPIC + LAPIC, a
 * GSI route to the chosen chip only, the real-mode vCPU, and the guest's
 * port I/O exits.  The VM's life, the vCPU's runs, the played device and
 * VFIO, the log and KTAP are ../common/kh_*.c, through the kh_arch_* hooks
 * of ../common/kh_internal.h.
 *
 * Only <linux/kvm.h> and libc.
 */
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "kvm_harness.h"
#include "kh_guest_abi.h"
#include "kh_internal.h"

#define KH_PIC_VECTOR_BASE	0x20
#define KH_IOAPIC_VECTOR	0x40
#define KH_PIC_DEFAULT_PIN	5
#define KH_IOAPIC_DEFAULT_PIN	10
/* Extra time for the irqchip's vCPU kick, which follows its unlock. */
#define KH_INJECT_SETTLE_US	200

/* ---- irqchip state ------------------------------------------------------- */

bool kh_arch_line(struct kh_vm *vm)
{
	return vm->line;
}

void kh_arch_chip_state(struct kh_vm *vm, struct kh_state *st)
{
	struct kvm_irqchip chip = { 0 };
	unsigned int pin = vm->cfg.pin;

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
bool kh_arch_deliverable(struct kh_vm *vm)
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

/*
 * KVM injects from a workqueue item (irqfd_inject), so the irqchip may see
 * the level after the eventfd write returned: the pin's IRR tells.  Then
 * wait for the irqchip's vCPU kick, which comes after its unlock.
 */
bool kh_arch_irqfd_injected(struct kh_vm *vm)
{
	struct kh_state st;

	kh_get_state(vm, &st);
	if (!st.chip_pending)
		return false;
	kh_sleep_us(KH_INJECT_SETTLE_US);
	return true;
}

/* ---- the vCPU's exits ------------------------------------------------------ */

void kh_arch_exit(struct kh_vm *vm, struct kh_exit *e)
{
	struct kvm_run *run = vm->run;

	KH_ASSERT(run->exit_reason == KVM_EXIT_IO,
		  "unexpected exit reason %u (hw/suberror 0x%llx)",
		  run->exit_reason,
		  (unsigned long long)run->hw.hardware_exit_reason);
	KH_ASSERT(run->io.count == 1, "string I/O on port 0x%x", run->io.port);
	e->read = run->io.direction == KVM_EXIT_IO_IN;
	e->port = run->io.port;
	e->val = 0;
	if (!e->read)
		memcpy(&e->val, (uint8_t *)run + run->io.data_offset,
		       run->io.size);
}

/* The guest's ports are byte-wide "in"s. */
void kh_arch_complete_read(struct kh_vm *vm, uint32_t val)
{
	*((uint8_t *)vm->run + vm->run->io.data_offset) = val;
}

uint64_t kh_arch_pc(struct kh_vm *vm)
{
	struct kvm_regs regs;

	KH_ASSERT(!ioctl(vm->vcpu_fd, KVM_GET_REGS, &regs), "KVM_GET_REGS");
	return regs.rip;
}

/* x86 has no ports, commands, observations or host events of its own. */
bool kh_arch_port_write(struct kh_vm *vm, unsigned int port, uint32_t val)
{
	(void)vm;
	(void)port;
	(void)val;
	return false;
}

bool kh_arch_on_done(struct kh_vm *vm, uint32_t cmd)
{
	(void)vm;
	(void)cmd;
	return false;
}

const char *kh_arch_obs_name(enum kh_obs_kind kind)
{
	(void)kind;
	return "?";
}

void kh_arch_check_host(struct kh_vm *vm)
{
	(void)vm;
}

void kh_arch_on_intr(struct kh_vm *vm, unsigned int vector)
{
	(void)vm;
	/* Exceptions would re-fault after IRET: nothing to recover. */
	KH_ASSERT(vector >= 0x20, "guest exception, vector %u", vector);
}

/* ---- VM creation ------------------------------------------------------------ */

bool kh_arch_has_chip(enum kh_chip chip)
{
	return chip == KH_CHIP_PIC || chip == KH_CHIP_IOAPIC;
}

void kh_arch_configure(struct kh_vm *vm)
{
	if (!vm->cfg.pin)
		vm->cfg.pin = vm->cfg.chip == KH_CHIP_PIC ?
			      KH_PIC_DEFAULT_PIN : KH_IOAPIC_DEFAULT_PIN;
	if (vm->cfg.chip == KH_CHIP_PIC) {
		KH_ASSERT(vm->cfg.pin >= 3 && vm->cfg.pin <= 7,
			  "PIC pin %u: wanted a master pin 3..7", vm->cfg.pin);
		vm->vector = KH_PIC_VECTOR_BASE + vm->cfg.pin;
	} else {
		KH_ASSERT(vm->cfg.pin < 24, "IOAPIC pin %u: wanted 0..23",
			  vm->cfg.pin);
		vm->vector = KH_IOAPIC_VECTOR;
	}
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

/* The irqchip must exist before the vCPU (its LAPIC is made with it). */
void kh_arch_setup_vm(struct kh_vm *vm)
{
	/* VMX needs a TSS for real mode without unrestricted guest; else no-op. */
	ioctl(vm->vm_fd, KVM_SET_TSS_ADDR, 0xfffbd000ul);
	KH_ASSERT(!ioctl(vm->vm_fd, KVM_CREATE_IRQCHIP, 0),
		  "KVM_CREATE_IRQCHIP");
	kh_set_routing(vm);
}

static void kh_set_seg(struct kvm_segment *s, uint8_t type, uint32_t limit)
{
	memset(s, 0, sizeof(*s));
	s->type = type;
	s->present = 1;
	s->s = 1;
	s->limit = limit;
	s->g = limit > 0xfffff;
}

static void kh_set_regs(struct kh_vm *vm)
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

void kh_arch_setup_vcpu(struct kh_vm *vm)
{
	kh_write_cfg(vm);
	kh_set_regs(vm);
	kh_irqfd_assign(vm);
}

/* ---- probes ------------------------------------------------------------------ */

void kh_guest_probe(struct kh_vm *vm, struct kh_guest_probe *p)
{
	kh_exec_probe(vm, 3);
	p->rte_lo = vm->probe[0];
	p->lapic_isr = vm->probe[1];
	p->pic_isr = vm->probe[2] >> 8;
	p->pic_irr = vm->probe[2];
}

bool kh_have_kvm(char *why, size_t len)
{
	static const struct kh_cap caps[] = {
		{ KVM_CAP_IRQCHIP, "KVM_CAP_IRQCHIP" },
		{ KVM_CAP_IRQFD, "KVM_CAP_IRQFD" },
		{ KVM_CAP_IRQFD_RESAMPLE, "KVM_CAP_IRQFD_RESAMPLE" },
		{ KVM_CAP_IRQ_ROUTING, "KVM_CAP_IRQ_ROUTING" },
	};
	int fd = kh_open_kvm(why, len, caps, ARRAY_SIZE(caps));

	if (fd < 0)
		return false;
	close(fd);
	snprintf(why, len, "ok");
	return true;
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
