// SPDX-License-Identifier: GPL-2.0
/*
 * kvm_probe: a smoke test for a guest's /dev/kvm, in KTAP.  Opens /dev/kvm,
 * asks KVM_GET_API_VERSION, creates a VM and one vCPU.  Builds for any
 * architecture with only libc and <linux/kvm.h>:
 *   gcc -static -O2 kvm_probe.c -o kvm_probe
 *   aarch64-linux-gnu-gcc -static -O2 kvm_probe.c -o kvm_probe
 * Exit status: 0 all ok, 1 a check failed, 4 no /dev/kvm (skipped).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/kvm.h>

static int failed, passed;

static void result(int ok, int n, const char *what)
{
	printf("%sok %d %s\n", ok ? "" : "not ", n, what);
	if (ok)
		passed++;
	else
		failed++;
}

int main(void)
{
	int kvm, vm, vcpu, api;

	printf("KTAP version 1\n");
	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0) {
		printf("1..0 # SKIP cannot open /dev/kvm: %s\n", strerror(errno));
		return 4;
	}
	printf("1..3\n");
	api = ioctl(kvm, KVM_GET_API_VERSION, 0);
	printf("# KVM_GET_API_VERSION %d\n", api);
	result(api == KVM_API_VERSION, 1, "api_version");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		printf("# KVM_CREATE_VM: %s\n", strerror(errno));
	result(vm >= 0, 2, "create_vm");
	vcpu = vm >= 0 ? ioctl(vm, KVM_CREATE_VCPU, 0) : -1;
	if (vm >= 0 && vcpu < 0)
		printf("# KVM_CREATE_VCPU: %s\n", strerror(errno));
	result(vcpu >= 0, 3, "create_vcpu");
	printf("# Totals: pass:%d fail:%d\n", passed, failed);
	return failed ? 1 : 0;
}
