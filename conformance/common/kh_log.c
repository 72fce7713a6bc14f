// SPDX-License-Identifier: GPL-2.0
/*
 * The observation log of a VM, the same on every architecture: what is
 * logged, how it is printed, and how it is compared with the model's
 * sequences (exactly, against alternatives with an LCS diff for the
 * closest one, or as a prefix).
 */
#include <stdlib.h>
#include <string.h>

#include "kvm_harness.h"
#include "kh_internal.h"

/* ---- observations ----------------------------------------------------- */

static const char *const kh_obs_names[] = {
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

bool kh_obs_is_detail(enum kh_obs_kind kind)
{
	return kind == KH_OBS_IRQFD_INJECT || kind == KH_OBS_GUEST_IRET;
}

/* The kinds after the common ones are the architecture's. */
static const char *kh_obs_name(enum kh_obs_kind kind)
{
	if (kind < KH_OBS_ARCH_FIRST)
		return kh_obs_names[kind];
	return kh_arch_obs_name(kind);
}

const char *kh_obs_str(const struct kh_obs *obs, char *buf, size_t len)
{
	const char *name = kh_obs_name(obs->kind);

	if (obs->kind == KH_OBS_INJECT)
		snprintf(buf, len, "%s(spurious=%d)", name, obs->arg);
	else if (obs->kind == KH_OBS_UNEXPECTED_VECTOR)
		snprintf(buf, len, "%s(0x%02x)", name, obs->arg);
	else
		snprintf(buf, len, "%s", name);
	return buf;
}

void kh_log(struct kh_vm *vm, enum kh_obs_kind kind, int arg)
{
	struct kh_obs_log *log = &vm->log;

	KH_ASSERT(log->n < KH_LOG_MAX, "more than %d observations",
		  KH_LOG_MAX);
	log->obs[log->n].kind = kind;
	log->obs[log->n].arg = arg;
	log->n++;
}

void kh_log_clear(struct kh_vm *vm)
{
	vm->log.n = 0;
}

unsigned int kh_log_len(const struct kh_vm *vm)
{
	return vm->log.n;
}

const struct kh_obs *kh_log_at(const struct kh_vm *vm, unsigned int i)
{
	const struct kh_obs_log *log = &vm->log;

	return i < log->n ? &log->obs[i] : NULL;
}

void kh_log_print(const struct kh_vm *vm, FILE *f)
{
	const struct kh_obs_log *log = &vm->log;
	char buf[64];
	unsigned int i;

	for (i = 0; i < log->n; i++) {
		kh_obs_str(&log->obs[i], buf, sizeof(buf));
		if (kh_obs_is_detail(log->obs[i].kind))
			fprintf(f, "#   %2u  (%s)\n", i, buf);
		else
			fprintf(f, "#   %2u  %s\n", i, buf);
	}
}

/* ---- comparing logs ------------------------------------------------------ */

#define KH_STR_LEN 48

static unsigned int kh_log_strings(const struct kh_vm *vm,
				   char (*out)[KH_STR_LEN])
{
	const struct kh_obs_log *log = &vm->log;
	unsigned int i, n = 0;

	for (i = 0; i < log->n; i++)
		if (!kh_obs_is_detail(log->obs[i].kind))
			kh_obs_str(&log->obs[i], out[n++], KH_STR_LEN);
	return n;
}

static unsigned int kh_count(const char *const *v)
{
	unsigned int n = 0;

	while (v[n])
		n++;
	return n;
}

/* LCS table of wanted[0..m) against seen[0..n): t[i][j] for suffixes. */
static unsigned int *kh_lcs(const char *const *want, unsigned int m,
			    char (*seen)[KH_STR_LEN], unsigned int n)
{
	unsigned int *t = calloc((m + 1) * (n + 1), sizeof(*t));
	int i, j;

	KH_ASSERT(t, "calloc");
	for (i = m - 1; i >= 0; i--)
		for (j = n - 1; j >= 0; j--) {
			unsigned int *c = &t[i * (n + 1) + j];
			unsigned int down = t[(i + 1) * (n + 1) + j];
			unsigned int right = t[i * (n + 1) + j + 1];

			if (!strcmp(want[i], seen[j]))
				*c = t[(i + 1) * (n + 1) + j + 1] + 1;
			else
				*c = down > right ? down : right;
		}
	return t;
}

static void kh_print_diff(const char *const *want, unsigned int m,
			  char (*seen)[KH_STR_LEN], unsigned int n)
{
	unsigned int *t = kh_lcs(want, m, seen, n);
	unsigned int i = 0, j = 0;

	ktap_diag("observations differ (- wanted only, + seen only):");
	while (i < m || j < n) {
		if (i < m && j < n && !strcmp(want[i], seen[j])) {
			ktap_diag("    %s", want[i]);
			i++;
			j++;
		} else if (i < m && (j == n || t[(i + 1) * (n + 1) + j] >=
					       t[i * (n + 1) + j + 1])) {
			ktap_diag("  - %s", want[i++]);
		} else {
			ktap_diag("  + %s", seen[j++]);
		}
	}
	free(t);
}

static bool kh_equal(const char *const *want, unsigned int m,
		     char (*seen)[KH_STR_LEN], unsigned int n)
{
	unsigned int i;

	if (m != n)
		return false;
	for (i = 0; i < n; i++)
		if (strcmp(want[i], seen[i]))
			return false;
	return true;
}

bool kh_log_prefix_any(const struct kh_vm *vm,
		       const char *const *const *alternatives)
{
	char (*seen)[KH_STR_LEN] = calloc(kh_log_len(vm) + 1, KH_STR_LEN);
	unsigned int n, a, i;
	bool ok = false;

	KH_ASSERT(seen, "calloc");
	n = kh_log_strings(vm, seen);
	for (a = 0; alternatives[a] && !ok; a++) {
		if (kh_count(alternatives[a]) < n)
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(alternatives[a][i], seen[i]))
				break;
		ok = i == n;
	}
	free(seen);
	return ok;
}

bool kh_log_expect(const struct kh_vm *vm, const char *const *expected)
{
	const char *const *alts[] = { expected, NULL };

	return kh_log_expect_any(vm, alts) == 0;
}

int kh_log_expect_any(const struct kh_vm *vm,
		      const char *const *const *alternatives)
{
	char (*seen)[KH_STR_LEN] = calloc(KH_LOG_MAX, KH_STR_LEN);
	unsigned int n, k, best = 0, best_dist = ~0u;
	int match = -1;

	KH_ASSERT(seen, "calloc");
	n = kh_log_strings(vm, seen);
	for (k = 0; alternatives[k]; k++) {
		const char *const *want = alternatives[k];
		unsigned int m = kh_count(want), *t, dist;

		if (kh_equal(want, m, seen, n)) {
			match = k;
			break;
		}
		t = kh_lcs(want, m, seen, n);
		dist = m + n - 2 * t[0];
		free(t);
		if (dist < best_dist) {
			best_dist = dist;
			best = k;
		}
	}
	if (match < 0 && k) {
		if (k > 1)
			ktap_diag("none of %u acceptable sequences matched; closest is #%u",
				  k, best);
		kh_print_diff(alternatives[best], kh_count(alternatives[best]),
			      seen, n);
	}
	free(seen);
	return match;
}
