// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec genirq-kmod harness: see harness.h and NOTES.md.
 *
 * The code under test is the running kernel's genirq, reached through its
 * exported API (irq_domain_create_simple, irq_create_mapping_affinity,
 * irq_set_chip_and_handler_name, irq_set_irq_type, irq_modify_status,
 * request_threaded_irq, free_irq, disable_irq_nosync, enable_irq,
 * generic_handle_irq, handle_level_irq, handle_fasteoi_irq,
 * handle_edge_irq).  For the white-box views the harness reads struct
 * irq_desc (include/linux/irqdesc.h: depth, threads_oneshot,
 * threads_active, the action list, and the istate word that
 * kernel/irq/internals.h calls desc->istate) and struct irqaction
 * (include/linux/interrupt.h: thread_flags, thread_mask).  Two values of
 * kernel/irq/internals.h, which modules cannot include, are spelled out
 * below; they are the same in 6.1 and 6.12.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bottom_half.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irq_work.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include <linux/version.h>
#include <linux/wait.h>

#include "harness.h"
#include "h_checks.h"
#include "h_kmod.h"
#include "ktap.h"

/* kernel/irq/internals.h (6.1 and 6.12): the istate bits, IRQTF_RUNTHREAD. */
#define H_IRQS_REPLAY		0x00000040
#define H_IRQS_PENDING		0x00000200
#define H_IRQTF_RUNTHREAD	0

#define H_SETTLE_MS	2000	/* how long the irq threads may take to settle */

struct h_action {
	int index;
};

/* One test's interrupt: configuration, kernel objects, emulated hardware. */
struct h_irq {
	/* configuration (h_request_irq) */
	int flow, sense, nact;
	bool level, chip_active, oneshot, oneshot_safe, eoi_threaded;
	bool chip_disable, unlazy, resend_in_progress;
	bool threaded[H_MAX_ACTIONS];

	/* kernel objects */
	struct fwnode_handle *fwnode;
	struct irq_domain *domain;
	unsigned int irq;
	struct irq_chip chip;
	struct h_action act[H_MAX_ACTIONS];
	bool have_action[H_MAX_ACTIONS];
	bool requested;

	/* the emulated hardware, under emu_lock */
	bool dev[H_MAX_ACTIONS];
	bool latched, hw_masked, active;
	bool raise_again;	/* h_interrupt(true): not yet done */

	/* delivery from hardirq context */
	struct irq_work work;
	int work_err;

	/* the irq threads' gates, under emu_lock */
	bool at_gate[H_MAX_ACTIONS];
	bool gate_open[H_MAX_ACTIONS];
	unsigned int passed[H_MAX_ACTIONS];	/* times through the gate */
	bool release_all;
};

static struct h_irq h;
static DEFINE_RAW_SPINLOCK(emu_lock);
static DECLARE_WAIT_QUEUE_HEAD(gate_wq);

static const char *const anames[H_MAX_ACTIONS] = { "irqspec-a0", "irqspec-a1" };

/* The checks (common/h_checks.c): a failed step ends the test. */
const struct h_check_ops h_check_ops = {
	.no_step = "(setup)",
	.stop_at_failed_step = true,
};

/*
 * The genirq model has no crash steps, and the harness does not crash the
 * kernel: such a step fails the test, which ends there (so H_EXPECT_CRASH's
 * call is a no-op).
 */
void h_crash_expect(enum h_crash kind, const char *call,
		    const char *const *want_log)
{
	if (h_core->ended)
		return;
	h_fail("the model says %s must crash; this harness runs no crash steps", call);
	h_core->ended = true;
}

void h_crash_missed(void)
{
}

/* The kernel's view */

static struct irq_desc *h_desc(void)
{
	struct irq_data *d = h.requested || h.irq ? irq_get_irq_data(h.irq) : NULL;

	return d ? irq_data_to_desc(d) : NULL;
}

static struct irqaction *action_of(int a)
{
	struct irq_desc *dsc = h_desc();
	struct irqaction *act;

	if (!dsc || a < 0 || a >= H_MAX_ACTIONS || !h.have_action[a])
		return NULL;
	for (act = dsc->action; act; act = act->next)
		if (act->dev_id == &h.act[a])
			return act;
	return NULL;
}

static bool action_ok(int a, const char *what)
{
	if (a >= 0 && a < h.nact)
		return true;
	h_fail("harness misuse: %s of action %d (the line has %d)", what, a, h.nact);
	return false;
}

/* The emulated hardware */

static bool line_locked(void)
{
	int i;

	for (i = 0; i < h.nact; i++)
		if (h.dev[i])
			return true;
	return false;
}

static bool sensed_locked(void)
{
	return h.sense == H_SENSE_LEVEL ? line_locked() : h.latched;
}

static bool deliverable_locked(void)
{
	return h.requested && sensed_locked() && !h.hw_masked && !h.active;
}

/* Device @a raises: a pulse, or its level going high (an edge if the line was low). */
static void raise_locked(int a)
{
	bool rising = !h.level || !line_locked();

	h.dev[a] = true;
	if (rising && (h.sense == H_SENSE_EDGE_LATCH ||
		       (h.sense == H_SENSE_EDGE_DROP && !h.hw_masked)))
		h.latched = true;
}

static void deliver_locked(void)
{
	h.latched = false;
	if (h.chip_active)
		h.active = true;
}

/* Chip callbacks */

static void hc_mask(struct irq_data *d)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu_lock, flags);
	h.hw_masked = true;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	h_log_add("chip.irq_mask");
}

static void hc_unmask(struct irq_data *d)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu_lock, flags);
	h.hw_masked = false;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	h_log_add("chip.irq_unmask");
}

static void hc_ack(struct irq_data *d)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu_lock, flags);
	h.active = false;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	h_log_add("chip.irq_ack");
}

static void hc_eoi(struct irq_data *d)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu_lock, flags);
	h.active = false;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	h_log_add("chip.irq_eoi");
}

static void hc_disable(struct irq_data *d)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu_lock, flags);
	h.hw_masked = true;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	h_log_add("chip.irq_disable");
}

static void hc_enable(struct irq_data *d)
{
	unsigned long flags;

	raw_spin_lock_irqsave(&emu_lock, flags);
	h.hw_masked = false;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	h_log_add("chip.irq_enable");
}

static int hc_set_type(struct irq_data *d, unsigned int type)
{
	return IRQ_SET_MASK_OK;
}

/* desc->handle_irq: log the entry, then the kernel's flow handler. */
static void h_flow(struct irq_desc *dsc)
{
	h_log_add("flow %s", in_hardirq() ? "hardirq" :
		  in_serving_softirq() ? "resend" : "other-context");
	switch (h.flow) {
	case H_FLOW_LEVEL:
		handle_level_irq(dsc);
		break;
	case H_FLOW_FASTEOI:
		handle_fasteoi_irq(dsc);
		break;
	default:
		handle_edge_irq(dsc);
		break;
	}
}

/* The chip hands the interrupt to this CPU (hardirq context). */
static void h_deliver_now(void)
{
	unsigned long flags;
	bool ok;

	raw_spin_lock_irqsave(&emu_lock, flags);
	ok = deliverable_locked();
	if (ok)
		deliver_locked();
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	if (ok)
		generic_handle_irq(h.irq);
}

static void h_work_fn(struct irq_work *work)
{
	unsigned long flags;
	bool ok;

	raw_spin_lock_irqsave(&emu_lock, flags);
	ok = deliverable_locked();
	if (ok)
		deliver_locked();
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	if (!ok) {
		h.work_err = -EAGAIN;
		return;
	}
	h.work_err = generic_handle_irq(h.irq);
}

/* The actions */

static irqreturn_t h_primary(int irq, void *dev_id)
{
	struct h_action *act = dev_id;
	int a = act->index;
	bool had = false, again = false;
	unsigned long flags;

	h_log_add("handler a%d", a);
	raw_spin_lock_irqsave(&emu_lock, flags);
	if (!h.threaded[a]) {
		had = h.dev[a];
		h.dev[a] = false;
	}
	if (a == 0 && h.raise_again) {
		h.raise_again = false;
		raise_locked(0);
		again = true;
	}
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	if (again)
		h_deliver_now();	/* "another CPU" takes it, if the chip delivers it */
	if (h.threaded[a])
		return IRQ_WAKE_THREAD;
	return had ? IRQ_HANDLED : IRQ_NONE;
}

static irqreturn_t h_thread_fn(int irq, void *dev_id)
{
	struct h_action *act = dev_id;
	int a = act->index;
	unsigned long flags;

	h_log_add("thread a%d", a);
	raw_spin_lock_irqsave(&emu_lock, flags);
	h.at_gate[a] = true;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	wait_event(gate_wq, READ_ONCE(h.gate_open[a]) || READ_ONCE(h.release_all));
	raw_spin_lock_irqsave(&emu_lock, flags);
	h.gate_open[a] = false;
	h.at_gate[a] = false;
	h.passed[a]++;
	h.dev[a] = false;	/* the thread services its device */
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	h_log_add("thread a%d return", a);
	return IRQ_HANDLED;
}

/*
 * The irq threads have settled: every woken thread waits in its thread_fn,
 * no thread is between thread_fn and the end of irq_finalize_oneshot
 * (threads_active counts one per thread in thread_fn and one per pending
 * wakeup), and no software resend is in flight (IRQS_REPLAY).
 */
static bool settled(void)
{
	struct irq_desc *dsc = h_desc();
	unsigned long flags;
	int want = 0, a;
	bool ok = true;

	if (!dsc)
		return true;
	raw_spin_lock_irqsave(&emu_lock, flags);
	for (a = 0; a < h.nact; a++) {
		struct irqaction *act = action_of(a);
		bool run = act && test_bit(H_IRQTF_RUNTHREAD, &act->thread_flags);

		if (run && !h.at_gate[a])
			ok = false;
		want += h.at_gate[a] + run;
	}
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	if (atomic_read(&dsc->threads_active) != want)
		ok = false;
	if (READ_ONCE(dsc->core_internal_state__do_not_mess_with_it) & H_IRQS_REPLAY)
		ok = false;
	return ok;
}

static bool wait_settled(const char *what)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(H_SETTLE_MS);
	struct irq_desc *dsc;

	while (!settled()) {
		if (time_after(jiffies, deadline)) {
			dsc = h_desc();
			h_fail("%s: the irq threads did not settle in %d ms (threads_active %d, at the gates %d %d)",
			       what, H_SETTLE_MS,
			       dsc ? atomic_read(&dsc->threads_active) : -1,
			       h.at_gate[0], h.at_gate[1]);
			return false;
		}
		usleep_range(200, 500);	/* lets the SCHED_FIFO irq threads run */
	}
	return true;
}

/* Setup and teardown */

static int h_domain_map(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw)
{
	irq_set_chip_and_handler_name(virq, &h.chip, h_flow,
				      h.flow == H_FLOW_LEVEL ? "level" :
				      h.flow == H_FLOW_FASTEOI ? "fasteoi" : "edge");
	irq_set_chip_data(virq, &h);
	return 0;
}

static const struct irq_domain_ops h_domain_ops = {
	.map = h_domain_map,
	.xlate = irq_domain_xlate_onecell,
};

static void h_teardown(void)
{
	unsigned long flags;
	int a;

	raw_spin_lock_irqsave(&emu_lock, flags);
	h.release_all = true;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	wake_up_all(&gate_wq);
	for (a = 0; a < H_MAX_ACTIONS; a++) {
		if (h.have_action[a]) {
			free_irq(h.irq, &h.act[a]);
			h.have_action[a] = false;
		}
	}
	if (h.irq)
		irq_dispose_mapping(h.irq);
	if (h.domain)
		irq_domain_remove(h.domain);
	if (h.fwnode)
		irq_domain_free_fwnode(h.fwnode);
	raw_spin_lock_irqsave(&emu_lock, flags);
	memset(&h, 0, sizeof(h));
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	h_log_clear();
}

int h_request_irq(int flow, bool level, int sense, bool chip_active,
		  bool oneshot, bool oneshot_safe, bool eoi_threaded,
		  bool chip_disable, bool unlazy, bool resend_in_progress,
		  int nact, bool threaded0, bool threaded1)
{
	unsigned long irqflags;
	int a, ret;

	if (h_core->ended)
		return 0;
	if (h.domain) {
		h_fail("harness misuse: h_request_irq twice");
		return -EBUSY;
	}
	if (flow < H_FLOW_LEVEL || flow > H_FLOW_EDGE ||
	    sense < H_SENSE_LEVEL || sense > H_SENSE_EDGE_DROP ||
	    nact < 1 || nact > H_MAX_ACTIONS || (!level && sense == H_SENSE_LEVEL)) {
		h_fail("harness misuse: h_request_irq(flow %d, sense %d, %d actions, level %d)",
		       flow, sense, nact, level);
		return -EINVAL;
	}
	h.flow = flow;
	h.level = level;
	h.sense = sense;
	h.chip_active = chip_active;
	h.oneshot = oneshot;
	h.oneshot_safe = oneshot_safe;
	h.eoi_threaded = eoi_threaded;
	h.chip_disable = chip_disable;
	h.unlazy = unlazy;
	h.resend_in_progress = resend_in_progress;
	h.nact = nact;
	h.threaded[0] = threaded0;
	h.threaded[1] = threaded1;
	h.hw_masked = true;	/* a fresh descriptor is masked */
	h.work = IRQ_WORK_INIT_HARD(h_work_fn);

	h.chip.name = "irqspec";
	h.chip.irq_mask = hc_mask;
	h.chip.irq_unmask = hc_unmask;
	h.chip.irq_ack = hc_ack;
	h.chip.irq_eoi = hc_eoi;
	h.chip.irq_set_type = hc_set_type;
	if (chip_disable) {
		h.chip.irq_disable = hc_disable;
		h.chip.irq_enable = hc_enable;
	}
	h.chip.flags = (oneshot_safe ? IRQCHIP_ONESHOT_SAFE : 0) |
		       (eoi_threaded ? IRQCHIP_EOI_THREADED : 0);

	h.fwnode = irq_domain_alloc_named_fwnode("irqspec-genirq");
	if (!h.fwnode) {
		h_fail("irq_domain_alloc_named_fwnode failed");
		return -ENOMEM;
	}
	h.domain = irq_domain_create_simple(h.fwnode, 1, 0, &h_domain_ops, &h);
	if (!h.domain) {
		h_fail("irq_domain_create_simple failed");
		return -ENOMEM;
	}
	h.irq = irq_create_mapping(h.domain, 0);
	if (!h.irq) {
		h_fail("irq_create_mapping failed");
		return -ENOMEM;
	}
	ret = irq_set_irq_type(h.irq, level ? IRQ_TYPE_LEVEL_HIGH : IRQ_TYPE_EDGE_RISING);
	if (ret) {
		h_fail("irq_set_irq_type: %d", ret);
		return ret;
	}
	if (unlazy)
		irq_set_status_flags(h.irq, IRQ_DISABLE_UNLAZY);
	if (resend_in_progress) {
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 5, 0)
		irqd_set_resend_when_in_progress(irq_get_irq_data(h.irq));
#else
		h_diag("IRQD_RESEND_WHEN_IN_PROGRESS does not exist before v6.5: not set");
#endif
	}
	h_hist_add("irq %u: flow %d level %d sense %d actions %d", h.irq, flow, level, sense, nact);

	/* Only the request's own callbacks are the step's. */
	h_log_clear();
	for (a = 0; a < nact; a++) {
		h.act[a].index = a;
		irqflags = (oneshot ? IRQF_ONESHOT : 0) | (nact > 1 ? IRQF_SHARED : 0);
		ret = request_threaded_irq(h.irq, h_primary,
					   h.threaded[a] ? h_thread_fn : NULL,
					   irqflags, anames[a], &h.act[a]);
		if (ret) {
			h_fail("request_threaded_irq of action %d: %d", a, ret);
			return ret;
		}
		h.have_action[a] = true;
	}
	h.requested = true;
	wait_settled("request_irq");
	return 0;
}

int h_disable_irq_nosync(void)
{
	if (h_core->ended || !h.requested)
		return 0;
	h_hist_add("disable_irq_nosync(%u)", h.irq);
	disable_irq_nosync(h.irq);
	wait_settled("disable_irq_nosync");
	return 0;
}

int h_enable_irq(void)
{
	if (h_core->ended || !h.requested)
		return 0;
	h_hist_add("enable_irq(%u)", h.irq);
	/* The resend tasklet, if any, runs at local_bh_enable(). */
	local_bh_disable();
	enable_irq(h.irq);
	local_bh_enable();
	wait_settled("enable_irq");
	return 0;
}

int h_raise(int a)
{
	unsigned long flags;

	if (h_core->ended || !action_ok(a, "h_raise"))
		return 0;
	h_hist_add("raise a%d", a);
	raw_spin_lock_irqsave(&emu_lock, flags);
	raise_locked(a);
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	return 0;
}

int h_withdraw(int a)
{
	unsigned long flags;

	if (h_core->ended || !action_ok(a, "h_withdraw"))
		return 0;
	h_hist_add("withdraw a%d", a);
	raw_spin_lock_irqsave(&emu_lock, flags);
	h.dev[a] = false;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	return 0;
}

int h_interrupt(bool raise_again)
{
	unsigned long flags;
	bool ok;

	if (h_core->ended || !h.requested)
		return 0;
	raw_spin_lock_irqsave(&emu_lock, flags);
	ok = deliverable_locked();
	h.raise_again = raise_again;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	if (!ok) {
		h_fail("the chip would not deliver the interrupt now (latched %d masked %d active %d)",
		       h.latched, h.hw_masked, h.active);
		return -EAGAIN;
	}
	h_hist_add("interrupt%s", raise_again ? " (raise again in the handler)" : "");
	h.work_err = 0;
	irq_work_queue(&h.work);
	irq_work_sync(&h.work);
	if (h.work_err)
		h_fail("generic_handle_irq(%u) in hardirq context: %d", h.irq, h.work_err);
	wait_settled("interrupt");
	if (READ_ONCE(h.raise_again)) {
		h_fail("action 0's primary handler did not run, so nothing was raised in it");
		h.raise_again = false;
	}
	return 0;
}

int h_thread_done(int a)
{
	unsigned long deadline = jiffies + msecs_to_jiffies(H_SETTLE_MS);
	unsigned long flags;
	unsigned int passed;
	bool waiting;

	if (h_core->ended || !action_ok(a, "h_thread_done"))
		return 0;
	raw_spin_lock_irqsave(&emu_lock, flags);
	waiting = h.at_gate[a];
	passed = h.passed[a];
	if (waiting)
		h.gate_open[a] = true;
	raw_spin_unlock_irqrestore(&emu_lock, flags);
	if (!waiting) {
		h_fail("action %d's thread is not waiting in its thread_fn", a);
		return -EAGAIN;
	}
	h_hist_add("thread a%d done", a);
	wake_up_all(&gate_wq);
	while (READ_ONCE(h.passed[a]) == passed) {
		if (time_after(jiffies, deadline)) {
			h_fail("action %d's thread did not leave its thread_fn", a);
			return -ETIMEDOUT;
		}
		usleep_range(200, 500);
	}
	wait_settled("thread_done");
	return 0;
}

/* Observations */

bool h_requested(void)
{
	return h.requested;
}

bool h_dev(int a)
{
	return a >= 0 && a < H_MAX_ACTIONS && READ_ONCE(h.dev[a]);
}

bool h_latched(void)
{
	return READ_ONCE(h.latched);
}

bool h_masked(void)
{
	struct irq_data *d = h.irq ? irq_get_irq_data(h.irq) : NULL;
	bool m = d && irqd_irq_masked(d);

	if (d && m != READ_ONCE(h.hw_masked) && !h_core->ended)
		h_fail("IRQD_IRQ_MASKED is %d but the chip was last told %s", m,
		       READ_ONCE(h.hw_masked) ? "to mask" : "to unmask");
	return m;
}

bool h_active(void)
{
	return READ_ONCE(h.active);
}

int h_depth(void)
{
	struct irq_desc *dsc = h_desc();

	return dsc ? (int)dsc->depth : -1;
}

bool h_disabled(void)
{
	struct irq_data *d = h.irq ? irq_get_irq_data(h.irq) : NULL;

	return d && irqd_irq_disabled(d);
}

bool h_pending(void)
{
	struct irq_desc *dsc = h_desc();

	return dsc && (READ_ONCE(dsc->core_internal_state__do_not_mess_with_it) & H_IRQS_PENDING);
}

bool h_replay(void)
{
	struct irq_desc *dsc = h_desc();

	return dsc && (READ_ONCE(dsc->core_internal_state__do_not_mess_with_it) & H_IRQS_REPLAY);
}

bool h_threads_oneshot(int a)
{
	struct irq_desc *dsc = h_desc();
	struct irqaction *act = action_of(a);

	return dsc && act && (READ_ONCE(dsc->threads_oneshot) & act->thread_mask);
}

bool h_runthread(int a)
{
	struct irqaction *act = action_of(a);

	return act && test_bit(H_IRQTF_RUNTHREAD, &act->thread_flags);
}

bool h_in_thread(int a)
{
	return a >= 0 && a < H_MAX_ACTIONS && READ_ONCE(h.at_gate[a]);
}

/* The runner */

/* Set when a test thread hung: the later tests are not run. */
static const char *h_broken;

/* Run one test in a kthread (which tears its interrupt down): passed? */
static bool run_one(const struct h_test *t, int num, unsigned int timeout)
{
	bool warned = test_taint(TAINT_WARN);
	enum h_thread_end end;

	h_core_reset();
	end = h_run_thread(t, h_teardown, num, timeout);
	if (end == H_NOT_RUN)
		return false;
	if (end != H_DONE) {
		h_diag("%s: %s after %u s", h_step_prefix(),
		       end == H_DIED ? "the test thread died (oops)" : "timeout",
		       timeout);
		h_print_history();
		h_broken = "a test thread did not finish";
		/* Its interrupt is still requested, with our handlers: stay loaded. */
		__module_get(THIS_MODULE);
	}
	if (!warned && test_taint(TAINT_WARN)) {
		h_diag("%s: the kernel WARNed during the test (see the kernel log)",
		       h_step_prefix());
		h_core->failures++;
	}
	if (end == H_DONE && h_core->failures)
		h_print_history();
	return end == H_DONE && !h_core->failures;
}

static void print_header(unsigned int timeout)
{
	ktap_header();
	h_diag("genirq under test: kernel %s (%s), handle_level_irq %ps, handle_fasteoi_irq %ps, handle_edge_irq %ps",
	       init_utsname()->release, init_utsname()->version,
	       handle_level_irq, handle_fasteoi_irq, handle_edge_irq);
	h_diag("each test runs in a kthread, timeout %u s; %u CPU(s) online",
	       timeout, num_online_cpus());
	if (num_online_cpus() > 1)
		h_diag("warning: with more than one CPU, two irq threads woken by one interrupt may enter thread_fn in either order; boot with one CPU");
}

/* --no-crash is accepted: there are no crash steps to leave out. */
int h_run(int argc, char **argv, const struct h_test *tests, int n)
{
	struct ktap k = { };
	struct h_opts o;
	int i, ret;

	ret = h_opts_parse(argc, argv, tests, n, &o);
	if (ret || o.list)
		goto out;
	print_header(o.timeout);
	ktap_plan(&k, h_plan(&o, tests, n));
	for (i = 0; i < n; i++) {
		const struct h_test *t = &tests[i];

		if (!h_selected(&o, t->name))
			continue;
		if (h_broken)
			ktap_skip(&k, t->name, h_broken);
		else
			ktap_result(&k, run_one(t, i, o.timeout), t->name);
	}
	ktap_totals(&k);
	ret = k.fail || k.skip ? 1 : 0;
out:
	h_opts_free(&o);
	return ret;
}

/* Module glue */

void h_module_exit(void)
{
	/* Every test tore its interrupt down (a hung one pins the module). */
}
