// SPDX-License-Identifier: GPL-2.0
/*
 * Running the vCPU, the same on every architecture: hand the parked guest a
 * command, run it until it parks again, and turn every exit on the way into
 * observations.  The guest (kh_guest.S of each architecture) talks to the
 * host only through the KH_PORT_* ports and the KH_CMD_* commands of its
 * kh_guest_abi.h; how an exit to a port looks is the architecture's
 * (kh_arch_exit).
 *
 * Single-threaded on purpose: the vCPU runs only inside kh_* calls and
 * every exit is turned into observations before the call returns, so the
 * log is one total order (host-kvm/NOTES.md).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "kvm_harness.h"
#include "kh_guest_abi.h"
#include "kh_internal.h"

/* A KVM_RUN that does not come back within this long is a hung guest. */
#define KH_RUN_TIMEOUT_S	5
#define KH_WINDOW_RETRIES	10
#define KH_SETTLE_MAX_STEPS	64

unsigned int kh_window_retries;

static uint64_t kh_guest_addr(const uint8_t *label)
{
	return KH_GPA_CODE + (uint64_t)(label - kh_guest_start);
}

/* Resamples, and whatever else the architecture sees KVM do in a run. */
static void kh_check_host(struct kh_vm *vm)
{
	kh_arch_check_host(vm);
	kh_check_resample(vm);
}

static void kh_vcpu_run(struct kh_vm *vm)
{
	int r;

	/* The watchdog's SIGALRM makes a hung KVM_RUN return -EINTR. */
	alarm(KH_RUN_TIMEOUT_S);
	r = ioctl(vm->vcpu_fd, KVM_RUN, NULL);
	alarm(0);
	if (r < 0 && errno == EINTR)
		KH_ASSERT(0, "vCPU still running after %ds, pc=0x%llx",
			  KH_RUN_TIMEOUT_S, (unsigned long long)kh_arch_pc(vm));
	KH_ASSERT(r == 0, "KVM_RUN = %d", r);
}

void kh_on_isr_done(struct kh_vm *vm, enum kh_obs_kind kind)
{
	kh_log(vm, kind, 0);
	/*
	 * A resample caused by the EOI belongs right after it (on arm64 the
	 * DONE exit folds the list registers, vgic_v3_fold_lr_state, before
	 * it reaches us, if the maintenance interrupt has not done so).
	 */
	kh_check_host(vm);
	if (vm->ctx == KH_CTX_ISR) {
		/* kh_guest.S: the ISR returns after its EOI. */
		vm->ctx = KH_CTX_IDLE;
		kh_log(vm, KH_OBS_GUEST_IRET, 0);
	}
}

/* The guest says it has done @cmd: the marker of a guest input. */
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
		kh_on_isr_done(vm, KH_OBS_GUEST_EOI);
		break;
	case KH_CMD_WINDOW:
		vm->window_outstanding = false;
		break;
	case KH_CMD_NOP:
	case KH_CMD_PROBE:
		break;
	default:
		KH_ASSERT(kh_arch_on_done(vm, cmd),
			  "guest reported completion of unknown command %u", cmd);
	}
}

static void kh_on_intr(struct kh_vm *vm, unsigned int vector)
{
	kh_arch_on_intr(vm, vector);
	KH_ASSERT(vm->ctx == KH_CTX_IDLE,
		  "interrupt 0x%x inside the ISR, where the guest masks them",
		  vector);
	vm->ctx = KH_CTX_ISR;
	vm->window_outstanding = true;
	vm->interrupts++;
	if (vector == vm->vector) {
		/* The model's "spurious": the device no longer asserts. */
		kh_log(vm, KH_OBS_INJECT, !kh_arch_line(vm));
	} else {
		/*
		 * e.g. the 8259's IRQ7, or the GIC's 1023, when the line
		 * dropped before the acknowledge.
		 */
		kh_log(vm, KH_OBS_UNEXPECTED_VECTOR, vector);
		vm->iret_pending = true;
	}
}

/* The vCPU stopped at its read of KH_PORT_CMD: check it is where we think. */
static void kh_check_parked(struct kh_vm *vm)
{
	uint64_t want = kh_guest_addr(vm->ctx == KH_CTX_IDLE ?
				      kh_guest_idle_in : kh_guest_isr_in);
	uint64_t pc = kh_arch_pc(vm);

	/* The idle loop is only reached once an interrupted window closed. */
	KH_ASSERT(vm->ctx == KH_CTX_ISR || !vm->window_outstanding,
		  "idle loop reached with an interrupt window still open");
	/* KVM may or may not have moved the PC past the read yet. */
	KH_ASSERT(pc == want || pc == want + KH_PARKED_PC_DELTA,
		  "guest asks for a command at pc=0x%llx, wanted 0x%llx (%s)",
		  (unsigned long long)pc, (unsigned long long)want,
		  vm->ctx == KH_CTX_IDLE ? "idle loop" : "ISR");
}

/* The guest reads @port; true when it parked there for a command. */
static bool kh_on_read(struct kh_vm *vm, unsigned int port)
{
	if (port == KH_PORT_POLL) {
		kh_arch_complete_read(vm, 0);
		kh_check_host(vm);
		return false;
	}
	KH_ASSERT(port == KH_PORT_CMD, "read from unexpected port 0x%x", port);
	kh_check_host(vm);
	kh_check_parked(vm);
	if (vm->iret_pending) {
		vm->iret_pending = false;
		vm->ctx = KH_CTX_IDLE;
		kh_arch_complete_read(vm, KH_CMD_IRET);
		return false;
	}
	vm->parked = true;
	return true;
}

static void kh_on_write(struct kh_vm *vm, unsigned int port, uint32_t val)
{
	switch (port) {
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
	default:
		KH_ASSERT(kh_arch_port_write(vm, port, val),
			  "write 0x%x to unexpected port 0x%x", val, port);
	}
	kh_check_host(vm);
}

/*
 * Run the vCPU until it parks at KH_PORT_CMD again, turning every exit on
 * the way into observations.  The resamplefd is read after every exit, so
 * that a resample lands right after the guest command that caused it.
 */
static void kh_run(struct kh_vm *vm)
{
	struct kh_exit e;

	kh_current = vm;
	for (;;) {
		kh_vcpu_run(vm);
		kh_arch_exit(vm, &e);
		if (!e.read)
			kh_on_write(vm, e.port, e.val);
		else if (kh_on_read(vm, e.port))
			return;
	}
}

void kh_run_init(struct kh_vm *vm)
{
	vm->ctx = KH_CTX_IDLE;
	kh_run(vm);
	KH_ASSERT(vm->log.n == 0, "guest init produced observations");
}

void kh_exec(struct kh_vm *vm, unsigned int cmd)
{
	KH_ASSERT(vm->parked, "guest is not waiting for a command");
	vm->parked = false;
	kh_arch_complete_read(vm, cmd);
	kh_run(vm);
}

void kh_exec_probe(struct kh_vm *vm, unsigned int n)
{
	vm->nprobe = 0;
	kh_exec(vm, KH_CMD_PROBE);
	KH_ASSERT(vm->nprobe == n, "guest sent %u probe values, wanted %u",
		  vm->nprobe, n);
}

/* ---- inputs ------------------------------------------------------------ */

void kh_guest_mask_line(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_MASK);
}

void kh_guest_eoi(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_EOI);
}

void kh_guest_thread_ack_device(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_ACK_DEVICE);
}

void kh_guest_unmask_line(struct kh_vm *vm)
{
	kh_exec(vm, KH_CMD_UNMASK);
}

void kh_guest_iret(struct kh_vm *vm)
{
	KH_ASSERT(vm->ctx == KH_CTX_ISR, "%s outside the ISR", __func__);
	vm->ctx = KH_CTX_IDLE;
	kh_log(vm, KH_OBS_GUEST_IRET, 0);
	kh_exec(vm, KH_CMD_IRET);
}

/* ---- internal steps ---------------------------------------------------- */

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
		 * taken, the vCPU kick (or arm64's host timer IRQ) may have
		 * been late: try again.
		 */
		if (!kh_arch_deliverable(vm))
			return false;
		kh_window_retries++;
		kh_sleep_us(1000);
	}
	ktap_diag("warning: interrupt deliverable but not taken in %d windows",
		  KH_WINDOW_RETRIES);
	return false;
}

void kh_settle(struct kh_vm *vm)
{
	int i;

	for (i = 0; i < KH_SETTLE_MAX_STEPS; i++) {
		if (kh_host_vfio_unmask(vm))
			continue;
		if (kh_host_vfio_hardirq(vm))
			continue;
		if (kh_kvm_deliver(vm))
			continue;
		return;
	}
	KH_ASSERT(0, "no quiescence after %d internal steps (interrupt storm?)",
		  KH_SETTLE_MAX_STEPS);
}
