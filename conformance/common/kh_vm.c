// SPDX-License-Identifier: GPL-2.0
/*
 * A VM's life, the same on every architecture: /dev/kvm, the VM, one
 * memslot holding the guest image, one vCPU and its kvm_run, and the
 * state the harness keeps of it.  The irqchip, the registers and the
 * guest's config block are the architecture's (kh_arch_setup_*).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/kvm.h>

#include "kvm_harness.h"
#include "kh_guest_abi.h"
#include "kh_internal.h"

struct kh_vm *kh_current;

void kh_sleep_us(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void kh_alarm_handler(int sig)
{
	(void)sig;	/* only there to make KVM_RUN return -EINTR */
}

static void kh_install_watchdog(void)
{
	static bool done;
	struct sigaction sa = { .sa_handler = kh_alarm_handler };

	if (done)
		return;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a hung KVM_RUN must come back with EINTR. */
	KH_ASSERT(!sigaction(SIGALRM, &sa, NULL), "sigaction(SIGALRM)");
	done = true;
}

/* One memslot of KH_GUEST_MEM_SIZE at KH_GPA_RAM, with the guest's code. */
static void kh_setup_memory(struct kh_vm *vm)
{
	struct kvm_userspace_memory_region region = { 0 };
	size_t len = kh_guest_end - kh_guest_start;

	vm->mem = mmap(NULL, KH_GUEST_MEM_SIZE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	KH_ASSERT(vm->mem != MAP_FAILED, "mmap guest memory");
	KH_ASSERT(KH_GPA_CODE + len < KH_GPA_STACK_TOP - 0x1000,
		  "guest image of %zu bytes runs into the stack", len);
	memcpy(vm->mem + (KH_GPA_CODE - KH_GPA_RAM), kh_guest_start, len);
	region.slot = 0;
	region.guest_phys_addr = KH_GPA_RAM;
	region.memory_size = KH_GUEST_MEM_SIZE;
	region.userspace_addr = (uintptr_t)vm->mem;
	KH_ASSERT(!ioctl(vm->vm_fd, KVM_SET_USER_MEMORY_REGION, &region),
		  "KVM_SET_USER_MEMORY_REGION");
}

static void kh_create_vcpu(struct kh_vm *vm)
{
	int r;

	vm->vcpu_fd = ioctl(vm->vm_fd, KVM_CREATE_VCPU, 0);
	KH_ASSERT(vm->vcpu_fd >= 0, "KVM_CREATE_VCPU");
	r = ioctl(vm->kvm_fd, KVM_GET_VCPU_MMAP_SIZE, 0);
	KH_ASSERT(r > 0, "KVM_GET_VCPU_MMAP_SIZE = %d", r);
	vm->run_size = r;
	vm->run = mmap(NULL, vm->run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
		       vm->vcpu_fd, 0);
	KH_ASSERT(vm->run != MAP_FAILED, "mmap kvm_run");
}

struct kh_vm *kh_vm_create(const struct kh_config *cfg)
{
	struct kh_vm *vm = calloc(1, sizeof(*vm));

	KH_ASSERT(vm, "calloc");
	vm->cfg = *cfg;
	vm->chip_fd = vm->irqfd = vm->resamplefd = -1;
	kh_arch_configure(vm);
	kh_install_watchdog();

	vm->kvm_fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	KH_ASSERT(vm->kvm_fd >= 0, "open(/dev/kvm)");
	vm->vm_fd = ioctl(vm->kvm_fd, KVM_CREATE_VM, 0);
	KH_ASSERT(vm->vm_fd >= 0, "KVM_CREATE_VM");
	kh_setup_memory(vm);
	kh_arch_setup_vm(vm);
	kh_create_vcpu(vm);
	kh_arch_setup_vcpu(vm);

	/* Guest init up to its first command. */
	kh_run_init(vm);
	return vm;
}

void kh_vm_destroy(struct kh_vm *vm)
{
	kh_irqfd_release(vm);
	munmap(vm->run, vm->run_size);
	if (vm->chip_fd >= 0)
		close(vm->chip_fd);
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

void kh_get_state(struct kh_vm *vm, struct kh_state *st)
{
	memset(st, 0, sizeof(*st));
	st->line = kh_arch_line(vm);
	st->host_masked = vm->host_masked;
	st->resample_pending = vm->resample_pending;
	st->in_isr = vm->ctx == KH_CTX_ISR;
	kh_arch_chip_state(vm, st);
}
