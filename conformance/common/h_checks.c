// SPDX-License-Identifier: GPL-2.0
/*
 * The checks of h_api.h: see h_checks.h.  The same file builds into the
 * userspace harness libraries and into the test modules; only the errno
 * names and the log's lock differ.
 */
#ifdef __KERNEL__
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#else
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* strerrorname_np() */
#endif
#include <stdio.h>
#include <string.h>
#endif

#include "h_checks.h"
#include "ktap.h"

/* Until a runner points it elsewhere (userspace: at its shared mapping). */
static struct h_core h_local;
struct h_core *h_core = &h_local;

#ifdef __KERNEL__
/*
 * The names userspace gets from strerrorname_np(), and the kernel's own:
 * a result reads as "-16 (-EBUSY)" in both runners.
 */
struct h_errname {
	int e;
	const char *name;
};

#define H_E(x)	{ x, #x }
static const struct h_errname h_errnames[] = {
	H_E(EPERM), H_E(ENOENT), H_E(ESRCH), H_E(EINTR), H_E(EIO),
	H_E(ENXIO), H_E(E2BIG), H_E(ENOEXEC), H_E(EBADF), H_E(ECHILD),
	H_E(EAGAIN), H_E(ENOMEM), H_E(EACCES), H_E(EFAULT), H_E(ENOTBLK),
	H_E(EBUSY), H_E(EEXIST), H_E(EXDEV), H_E(ENODEV), H_E(ENOTDIR),
	H_E(EISDIR), H_E(EINVAL), H_E(ENFILE), H_E(EMFILE), H_E(ENOTTY),
	H_E(ETXTBSY), H_E(EFBIG), H_E(ENOSPC), H_E(ESPIPE), H_E(EROFS),
	H_E(EMLINK), H_E(EPIPE), H_E(EDOM), H_E(ERANGE), H_E(EDEADLK),
	H_E(ENAMETOOLONG), H_E(ENOLCK), H_E(ENOSYS), H_E(ENOTEMPTY),
	H_E(ELOOP), H_E(ENOMSG), H_E(EIDRM), H_E(ECHRNG), H_E(EL2NSYNC),
	H_E(EL3HLT), H_E(EL3RST), H_E(ELNRNG), H_E(EUNATCH), H_E(ENOCSI),
	H_E(EL2HLT), H_E(EBADE), H_E(EBADR), H_E(EXFULL), H_E(ENOANO),
	H_E(EBADRQC), H_E(EBADSLT), H_E(EBFONT), H_E(ENOSTR), H_E(ENODATA),
	H_E(ETIME), H_E(ENOSR), H_E(ENONET), H_E(ENOPKG), H_E(EREMOTE),
	H_E(ENOLINK), H_E(EADV), H_E(ESRMNT), H_E(ECOMM), H_E(EPROTO),
	H_E(EMULTIHOP), H_E(EDOTDOT), H_E(EBADMSG), H_E(EOVERFLOW),
	H_E(ENOTUNIQ), H_E(EBADFD), H_E(EREMCHG), H_E(ELIBACC),
	H_E(ELIBBAD), H_E(ELIBSCN), H_E(ELIBMAX), H_E(ELIBEXEC),
	H_E(EILSEQ), H_E(ERESTART), H_E(ESTRPIPE), H_E(EUSERS),
	H_E(ENOTSOCK), H_E(EDESTADDRREQ), H_E(EMSGSIZE), H_E(EPROTOTYPE),
	H_E(ENOPROTOOPT), H_E(EPROTONOSUPPORT), H_E(ESOCKTNOSUPPORT),
	H_E(EOPNOTSUPP), H_E(EPFNOSUPPORT), H_E(EAFNOSUPPORT),
	H_E(EADDRINUSE), H_E(EADDRNOTAVAIL), H_E(ENETDOWN),
	H_E(ENETUNREACH), H_E(ENETRESET), H_E(ECONNABORTED),
	H_E(ECONNRESET), H_E(ENOBUFS), H_E(EISCONN), H_E(ENOTCONN),
	H_E(ESHUTDOWN), H_E(ETOOMANYREFS), H_E(ETIMEDOUT),
	H_E(ECONNREFUSED), H_E(EHOSTDOWN), H_E(EHOSTUNREACH),
	H_E(EALREADY), H_E(EINPROGRESS), H_E(ESTALE), H_E(EUCLEAN),
	H_E(ENOTNAM), H_E(ENAVAIL), H_E(EISNAM), H_E(EREMOTEIO),
	H_E(EDQUOT), H_E(ENOMEDIUM), H_E(EMEDIUMTYPE), H_E(ECANCELED),
	H_E(ENOKEY), H_E(EKEYEXPIRED), H_E(EKEYREVOKED), H_E(EKEYREJECTED),
	H_E(EOWNERDEAD), H_E(ENOTRECOVERABLE), H_E(ERFKILL),
	H_E(EHWPOISON),
	/* kernel-internal (linux/errno.h); glibc has no names for these */
	H_E(ERESTARTSYS), H_E(ERESTARTNOINTR), H_E(ERESTARTNOHAND),
	H_E(ENOIOCTLCMD), H_E(ERESTART_RESTARTBLOCK), H_E(EPROBE_DEFER),
	H_E(EOPENSTALE), H_E(ENOPARAM), H_E(EBADHANDLE), H_E(ENOTSYNC),
	H_E(EBADCOOKIE), H_E(ENOTSUPP), H_E(ETOOSMALL), H_E(ESERVERFAULT),
	H_E(EBADTYPE), H_E(EJUKEBOX), H_E(EIOCBQUEUED),
	H_E(ERECALLCONFLICT),
};

static const char *errname(long v)
{
	int i;

	for (i = 0; i < ARRAY_SIZE(h_errnames); i++)
		if (h_errnames[i].e == v)
			return h_errnames[i].name;
	return NULL;
}

/* A module's log takes lines from hardirq context (genirq's flow). */
static DEFINE_RAW_SPINLOCK(h_log_lock);

static unsigned long log_lock(void)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&h_log_lock, flags);
	return flags;
}

static void log_unlock(unsigned long flags)
{
	raw_spin_unlock_irqrestore(&h_log_lock, flags);
}
#else
#define READ_ONCE(x)	(x)

static const char *errname(long v)
{
	return strerrorname_np((int)v);
}

/* A test child is single-threaded. */
static unsigned long log_lock(void)
{
	return 0;
}

static void log_unlock(unsigned long flags)
{
	(void)flags;
}
#endif

void h_diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	ktap_vdiag(fmt, ap);
	va_end(ap);
}

void h_hist_add(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h_core->hist[h_core->hist_n % H_HIST], H_LINE, fmt, ap);
	va_end(ap);
	h_core->hist_n++;
}

void h_print_history(void)
{
	unsigned int n = h_core->hist_n;
	unsigned int i = n > H_HIST ? n - H_HIST : 0;

	h_diag("last harness events:");
	for (; i < n; i++)
		h_diag("  %s", h_core->hist[i % H_HIST]);
}

void h_core_reset(void)
{
	memset(h_core, 0, sizeof(*h_core));
}

/* The callback log */

void h_log_line(const char *line)
{
	unsigned long flags = log_lock();

	if (h_core->log_n < H_LOG_MAX)
		snprintf(h_core->log[h_core->log_n++], H_LINE, "%s", line);
	else
		h_core->log_overflow = true;
	log_unlock(flags);
}

void h_log_add(const char *fmt, ...)
{
	char line[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	h_log_line(line);
}

void h_log_event(const char *fmt, ...)
{
	char line[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	h_hist_add("%s", line);
	h_log_line(line);
}

int h_log_count(void)
{
	return READ_ONCE(h_core->log_n);
}

const char *h_log_entry(int i)
{
	return i >= 0 && i < h_log_count() ? h_core->log[i] : NULL;
}

void h_log_clear(void)
{
	unsigned long flags = log_lock();

	h_core->log_n = 0;
	h_core->log_overflow = false;
	log_unlock(flags);
}

bool h_log_matches(const char *const *want, int nwant)
{
	const struct h_core *c = h_core;
	bool same = nwant == c->log_n && !c->log_overflow;
	int n, i;

	for (i = 0; same && i < nwant; i++)
		same = !strcmp(want[i], c->log[i]);
	if (same)
		return true;
	h_diag("%s: callback log mismatch%s", h_step_prefix(),
	       c->log_overflow ? " (log overflowed)" : "");
	h_diag("  %-32s %s", "want", "got");
	n = nwant > c->log_n ? nwant : c->log_n;
	for (i = 0; i < n; i++) {
		const char *w = i < nwant ? want[i] : "-";
		const char *g = i < c->log_n ? c->log[i] : "-";

		h_diag("%c %-32s %s", strcmp(w, g) ? '!' : ' ', w, g);
	}
	return false;
}

bool h_log_check(const char *const *want)
{
	int nwant = 0;
	bool same;

	if (h_core->ended)
		return true;
	while (want[nwant])
		nwant++;
	same = h_log_matches(want, nwant);
	if (!same)
		h_core->failures++;
	h_log_clear();
	return same;
}

/* The checks */

int h_failures(void)
{
	return h_core->failures;
}

const char *h_step_prefix(void)
{
	return h_core->step[0] ? h_core->step : h_check_ops.no_step;
}

void h_fail(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h_diag("%s: %s", h_step_prefix(), buf);
	h_core->failures++;
}

void h_step(const char *fmt, ...)
{
	char label[H_LINE];
	va_list ap;

	if (h_core->ended)
		return;
	va_start(ap, fmt);
	vsnprintf(label, H_LINE, fmt, ap);
	va_end(ap);
	if (h_check_ops.stop_at_failed_step && h_core->failures) {
		/* A step diverged: what follows would only repeat it. */
		h_diag("%s and later steps: not run (step %s failed)", label,
		       h_core->step);
		h_core->ended = true;
		return;
	}
	snprintf(h_core->step, H_LINE, "%s", label);
	h_hist_add("step %s", h_core->step);
}

/* A negative value is shown with its errno name: "-16 (-EBUSY)". */
static void fmt_value(char *buf, size_t size, long v)
{
	const char *name = v < 0 ? errname(-v) : NULL;

	if (name)
		snprintf(buf, size, "%ld (-%s)", v, name);
	else
		snprintf(buf, size, "%ld", v);
}

bool h_expect_int(const char *what, long want, long got)
{
	char w[48], g[48];

	if (h_core->ended || want == got)
		return true;
	fmt_value(w, sizeof(w), want);
	fmt_value(g, sizeof(g), got);
	h_fail("%s: want %s, got %s", what, w, g);
	return false;
}
