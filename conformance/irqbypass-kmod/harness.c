// SPDX-License-Identifier: GPL-2.0
/*
 * irqspec irqbypass-kmod harness: see harness.h and NOTES.md.
 *
 * The code under test is the real irqbypass.ko of the running kernel.  The
 * harness reaches it through its four exported functions, and sees a few of
 * its internals for the white-box views:
 *
 *  - its struct module: the entry of THIS_MODULE->target_list (the modules
 *    whose symbols we use) that contains irq_bypass_register_producer;
 *  - its static `lock`, `producers` and `consumers`: looked up by name in
 *    that module's own symbol table (mod->kallsyms, CONFIG_KALLSYMS_ALL).
 *    Without them the harness falls back to probe objects (see cleanup).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/errno.h>
#include <linux/irqbypass.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/kmsg_dump.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/poison.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/utsname.h>

#include "harness.h"
#include "h_checks.h"
#include "h_kmod.h"
#include "h_ibobj.h"
#include "ktap.h"

#define H_WALK_MAX	4096	/* longest list walk before calling it a loop */
#define H_KMSG_LINES	6	/* kernel log lines quoted after a crash */

static bool h_param_probe;
module_param_named(probe, h_param_probe, bool, 0444);
MODULE_PARM_DESC(probe, "ignore irqbypass's symbols, check isolation with probes");

/* The state of one test beyond h_cur; zeroed before each test. */
struct h_state {
	enum h_crash crash_armed;
	char crash_call[H_LINE];
	int crash_want_n;		/* -1: the log is not checked */
	char crash_want[H_LOG_MAX][H_LINE];
	bool deferred;		/* first pass: stopped before a crash step */
	bool crash_returned;	/* the kernel reported it and returned */
	u64 start_seq;		/* printk sequence number at the start */
	u64 crash_seq;		/* the same at the crash step */
	bool warn_tainted;	/* TAINT_WARN was set at the crash step */
	int ref_base;		/* module_refcount(irqbypass) at the start */
	bool going;
};

static struct h_state hs;

/* The checks (common/h_checks.c) labelled as in the userspace harness. */
const struct h_check_ops h_check_ops = {
	.no_step = "(no step)",
};

static bool h_crash_pass;	/* false: defer the crash steps */

static char tokens[H_MAX_TOKENS];	/* only their addresses matter */
/* One token per object, which no test uses: see cleanup_objects(). */
static char cleanup_tokens[H_MAX_PRODUCERS + H_MAX_CONSUMERS];

/* The real irqbypass module and, if found, its internals. */
static struct module *ib_mod;
static struct mutex *ib_lock;
static struct list_head *ib_producers;
static struct list_head *ib_consumers;
static int ib_foreign_producers, ib_foreign_consumers;

/* Set when irqbypass can no longer be used safely in this boot. */
static const char *h_broken;
static bool h_pinned;

/*
 * A wrong object or token number.  The userspace harness aborts the child;
 * here the test fails and ends: every later call is a no-op.
 */
static __printf(1, 2) void h_misuse(const char *fmt, ...)
{
	char buf[H_LINE];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	h_fail("harness misuse: %s", buf);
	h_core->ended = true;
}

/* Objects (their callbacks are h_ibobj.c's) */

static struct h_prod *prod(int p)
{
	if (p < 0 || p >= H_MAX_PRODUCERS) {
		h_misuse("no producer p%d", p);
		return NULL;
	}
	return &h_prods[p];
}

static struct h_cons *cons(int c)
{
	if (c < 0 || c >= H_MAX_CONSUMERS) {
		h_misuse("no consumer c%d", c);
		return NULL;
	}
	return &h_conss[c];
}

static bool token_ok(int token)
{
	if (token == H_TOKEN_NULL || (token >= 0 && token < H_MAX_TOKENS))
		return true;
	h_misuse("no token %d", token);
	return false;
}

static void *token_ptr(int token)
{
	return token == H_TOKEN_NULL ? NULL : &tokens[token];
}

/* Only the fields a driver sets; the list node stays as it is. */
static void prod_apply(struct h_prod *hp)
{
	struct irq_bypass_producer *kp = &hp->kp;

	kp->token = token_ptr(hp->token);
	kp->irq = 32 + (int)(hp - h_prods);
	h_prod_set_callbacks(hp);
}

static void cons_apply(struct h_cons *hc)
{
	struct irq_bypass_consumer *kc = &hc->kc;

	kc->token = token_ptr(hc->token);
	h_cons_set_callbacks(hc);
}

void h_producer_init(int p, int token, unsigned int cbs, int add_ret)
{
	struct h_prod *hp;

	if (h_core->ended)
		return;
	hp = prod(p);
	if (!hp || !token_ok(token))
		return;
	hp->token = token;
	hp->cbs = cbs;
	hp->add_ret = add_ret;
	prod_apply(hp);
}

void h_consumer_init(int c, int token, unsigned int cbs, int add_ret)
{
	struct h_cons *hc;

	if (h_core->ended)
		return;
	hc = cons(c);
	if (!hc || !token_ok(token))
		return;
	hc->token = token;
	hc->cbs = cbs;
	hc->add_ret = add_ret;
	cons_apply(hc);
}

void h_producer_set_token(int p, int token)
{
	struct h_prod *hp;

	if (h_core->ended)
		return;
	hp = prod(p);
	if (!hp || !token_ok(token))
		return;
	hp->token = token;
	prod_apply(hp);
}

void h_consumer_set_token(int c, int token)
{
	struct h_cons *hc;

	if (h_core->ended)
		return;
	hc = cons(c);
	if (!hc || !token_ok(token))
		return;
	hc->token = token;
	cons_apply(hc);
}

void h_producer_set_add_ret(int p, int add_ret)
{
	struct h_prod *hp;

	if (h_core->ended)
		return;
	hp = prod(p);
	if (hp)
		hp->add_ret = add_ret;
}

void h_consumer_set_add_ret(int c, int add_ret)
{
	struct h_cons *hc;

	if (h_core->ended)
		return;
	hc = cons(c);
	if (hc)
		hc->add_ret = add_ret;
}

/*
 * As in the userspace harness: a node is linked if its next pointer is
 * neither NULL (never added, or zeroed) nor LIST_POISON1 (list_del()ed) and
 * its successor points back at it.
 */
static bool node_linked(const struct list_head *n)
{
	const struct list_head *next = READ_ONCE(n->next);

	return next && next != LIST_POISON1 && READ_ONCE(next->prev) == n;
}

bool h_producer_linked(int p)
{
	struct h_prod *hp;

	if (h_core->ended)
		return false;
	hp = prod(p);
	return hp && node_linked(&hp->kp.node);
}

bool h_consumer_linked(int c)
{
	struct h_cons *hc;

	if (h_core->ended)
		return false;
	hc = cons(c);
	return hc && node_linked(&hc->kc.node);
}

/* The calls under test */

static void after_call(const char *call, const char *name, int ret)
{
	h_hist_add("ret %s(%s) = %d", call, name, ret);
	if (ib_lock && mutex_is_locked(ib_lock))
		h_fail("%s(%s) returned with irqbypass's mutex held", call,
		       name);
}

int h_register_producer(int p)
{
	struct h_prod *hp;
	int ret;

	if (h_core->ended)
		return 0;
	hp = prod(p);
	if (!hp)
		return 0;
	h_hist_add("call register_producer(%s)", h_pnames[p]);
	ret = irq_bypass_register_producer(&hp->kp);
	after_call("register_producer", h_pnames[p], ret);
	return ret;
}

int h_register_consumer(int c)
{
	struct h_cons *hc;
	int ret;

	if (h_core->ended)
		return 0;
	hc = cons(c);
	if (!hc)
		return 0;
	h_hist_add("call register_consumer(%s)", h_cnames[c]);
	ret = irq_bypass_register_consumer(&hc->kc);
	after_call("register_consumer", h_cnames[c], ret);
	return ret;
}

int h_unregister_producer(int p)
{
	struct h_prod *hp;

	if (h_core->ended)
		return 0;
	hp = prod(p);
	if (!hp)
		return 0;
	h_hist_add("call unregister_producer(%s)", h_pnames[p]);
	irq_bypass_unregister_producer(&hp->kp);
	after_call("unregister_producer", h_pnames[p], 0);
	return 0;
}

int h_unregister_consumer(int c)
{
	struct h_cons *hc;

	if (h_core->ended)
		return 0;
	hc = cons(c);
	if (!hc)
		return 0;
	h_hist_add("call unregister_consumer(%s)", h_cnames[c]);
	irq_bypass_unregister_consumer(&hc->kc);
	after_call("unregister_consumer", h_cnames[c], 0);
	return 0;
}

/*
 * The real module's count, less its value at the start of the test: that
 * takes out the reference our own module holds (we use irqbypass's
 * symbols) and any other user's.
 */
int h_module_refcount(void)
{
	return module_refcount(ib_mod) - hs.ref_base;
}

/*
 * The shim counts module_put() calls that took the count below zero.  The
 * real count cannot go below our module's own reference without a WARN,
 * so this is how far it is below its value at the start of the test.
 */
int h_module_underflows(void)
{
	int refs = h_module_refcount();

	return refs < 0 ? -refs : 0;
}

/*
 * try_module_get() fails while the module is MODULE_STATE_GOING (it checks
 * module_is_live() first).  Only the state word is changed; nothing in the
 * kernel acts on a state change it did not make itself.  See NOTES.md.
 */
static void set_module_state(bool going)
{
	WRITE_ONCE(ib_mod->state,
		   going ? MODULE_STATE_GOING : MODULE_STATE_LIVE);
}

void h_module_set_going(bool going)
{
	if (h_core->ended)
		return;
	h_hist_add("module going = %d", going);
	hs.going = going;
	set_module_state(going);
}

/* The kernel log: what the kernel said about a crash */

static u64 kmsg_end(void)
{
	struct kmsg_dump_iter it;

	kmsg_dump_rewind(&it);
	return it.next_seq;
}

static bool is_corruption(const char *line)
{
	return strstr(line, "list_del corruption") ||
	       strstr(line, "list_add corruption");
}

static bool is_crash_line(const char *line)
{
	return is_corruption(line) || strstr(line, "kernel BUG at") ||
	       strstr(line, "WARNING: CPU:") || strstr(line, "Oops:") ||
	       strstr(line, "invalid opcode:") ||
	       strstr(line, "BUG: unable to handle");
}

/*
 * Quote the kernel's report of a crash (the lines logged since @from that
 * name it), and say whether it contains a list corruption report.
 */
static bool kmsg_report(u64 from)
{
	struct kmsg_dump_iter it;
	bool corruption = false;
	int quoted = 0;
	char *line;
	size_t len;
	u64 end;

	line = kmalloc(512, GFP_KERNEL);
	if (!line)
		return false;
	kmsg_dump_rewind(&it);
	end = it.next_seq;	/* not the lines quoted below */
	if (it.cur_seq < from)
		it.cur_seq = from;
	while (it.cur_seq < end &&
	       kmsg_dump_get_line(&it, false, line, 511, &len)) {
		char *text;

		line[len] = '\0';
		text = strim(line);
		if (text[0] == '[') {	/* printk time */
			char *end = strstr(text, "] ");

			if (end)
				text = end + 2;
		}
		if (!strncmp(text, KBUILD_MODNAME ": ",
			     strlen(KBUILD_MODNAME ": ")) ||
		    !is_crash_line(text))
			continue;
		corruption |= is_corruption(text);
		if (quoted++ < H_KMSG_LINES)
			h_diag("kernel: %s", text);
	}
	kfree(line);
	return corruption;
}

void h_crash_expect(enum h_crash kind, const char *call,
		    const char *const *want_log)
{
	int n = 0;

	if (h_core->ended)
		return;
	snprintf(hs.crash_call, H_LINE, "%s", call);
	if (!h_crash_pass) {
		/* First pass: stop here, run the test again at the end. */
		h_hist_add("crash step deferred: %s", call);
		hs.deferred = true;
		h_core->ended = true;
		return;
	}
	hs.crash_armed = kind;
	hs.crash_want_n = -1;
	if (want_log) {
		for (; want_log[n]; n++) {
			if (n == H_LOG_MAX) {
				h_misuse("more than %d expected log lines",
					 H_LOG_MAX);
				return;
			}
			snprintf(hs.crash_want[n], H_LINE, "%s", want_log[n]);
		}
		hs.crash_want_n = n;
	}
	h_hist_add("crash expected in %s", call);
	h_diag("%s: calling %s, which the model says must crash%s",
	       h_step_prefix(), call,
	       kind == H_CRASH_LIST ? " (list corruption)" : "");
	hs.warn_tainted = test_taint(TAINT_WARN);
	hs.crash_seq = kmsg_end();
}

static bool crash_log_ok(void)
{
	static const char *want[H_LOG_MAX];	/* one test runs at a time */
	int i;

	if (hs.crash_want_n < 0)
		return true;
	for (i = 0; i < hs.crash_want_n; i++)
		want[i] = hs.crash_want[i];
	return h_log_matches(want, hs.crash_want_n);
}

/*
 * The call the model says must crash returned.  On a kernel whose list
 * checks WARN and skip the operation (CONFIG_BUG_ON_DATA_CORRUPTION=n),
 * that is how the corruption shows: count it as the crash and end the
 * test, as the child's death ends it in userspace.
 */
void h_crash_missed(void)
{
	enum h_crash kind = hs.crash_armed;
	bool corruption, warned;

	if (h_core->ended)
		return;
	hs.crash_armed = H_CRASH_NONE;
	corruption = kmsg_report(hs.crash_seq);
	warned = !hs.warn_tainted && test_taint(TAINT_WARN);
	if (corruption || (kind == H_CRASH_ANY && warned)) {
		h_diag("%s returned after the kernel reported %s",
		       hs.crash_call,
		       corruption ? "a list corruption" : "a warning");
		if (!crash_log_ok())
			h_core->failures++;
		hs.crash_returned = true;
		h_core->ended = true;
		return;
	}
	h_fail("%s returned, but the model expects %s", hs.crash_call,
	       kind == H_CRASH_LIST ? "a list corruption report" : "a crash");
}

/* irqbypass's internals */

static unsigned long ib_symbol(const char *name)
{
	struct mod_kallsyms *ks;
	unsigned long val = 0;
	unsigned int i;

	preempt_disable();
	ks = rcu_dereference_sched(ib_mod->kallsyms);
	for (i = 0; ks && i < ks->num_symtab; i++) {
		const Elf_Sym *sym = &ks->symtab[i];

		if (sym->st_shndx == SHN_UNDEF ||
		    ELF_ST_TYPE(sym->st_info) != STT_OBJECT)
			continue;
		if (!strcmp(ks->strtab + sym->st_name, name)) {
			val = sym->st_value;
			break;
		}
	}
	preempt_enable();
	if (val && !within_module(val, ib_mod))
		val = 0;
	return val;
}

static bool list_head_sane(const struct list_head *head)
{
	return head->next && head->prev && head->next->prev == head &&
	       head->prev->next == head;
}

/* find_irqbypass(): the whole plan is skipped, this kernel cannot run it. */
#define H_SKIP_ALL 1

static int find_irqbypass(void)
{
	unsigned long fn = (unsigned long)irq_bypass_register_producer;
	struct list_head *producers = NULL, *consumers = NULL;
	char sym[KSYM_SYMBOL_LEN];
	struct module_use *use;
	struct mutex *lock;
	bool sane = false;

#ifndef CONFIG_MODULE_UNLOAD
#error "THIS_MODULE->target_list needs CONFIG_MODULE_UNLOAD"
#endif
	/*
	 * Our module uses irqbypass's symbols, so the loader linked it into
	 * our target_list and took a reference on it.  The list changes only
	 * when this module is loaded or unloaded.
	 */
	list_for_each_entry(use, &THIS_MODULE->target_list, target_list) {
		if (within_module(fn, use->target)) {
			ib_mod = use->target;
			break;
		}
	}
	if (!ib_mod) {
		/*
		 * Not in a module: irqbypass is built into the kernel
		 * (CONFIG_IRQ_BYPASS_MANAGER=y, as on Debian's arm64
		 * kernels), where try_module_get(NULL) always succeeds.  The
		 * tests check irqbypass's module count and state, which do
		 * not exist there.  sprint_symbol() adds " [MOD]" to a
		 * module's symbols only.
		 */
		sprint_symbol(sym, fn);
		if (!strchr(sym, '[')) {
			/* Not applicable here: a skipped plan, not a failure. */
			h_out("1..0 # SKIP irqbypass is built into kernel %s (%s), not a module: the tests need irqbypass.ko (its module count and state)",
			      init_utsname()->release, sym);
			return H_SKIP_ALL;
		}
		h_out("Bail out! the module of irq_bypass_register_producer was not found (%s)",
		      sym);
		return -ENOENT;
	}
	if (READ_ONCE(ib_mod->state) != MODULE_STATE_LIVE) {
		h_out("Bail out! module %s is not live", ib_mod->name);
		return -EBUSY;
	}
	lock = (struct mutex *)ib_symbol("lock");
	if (lock && !mutex_trylock(lock)) {
		/*
		 * A test thread of an earlier load died holding it (busybox
		 * insmod loads a module a second time when init fails).
		 * irqbypass cannot be used, and its lists may point into the
		 * freed earlier instance of this module: do not read them.
		 */
		h_out("Bail out! irqbypass's mutex is held (by a test thread that died?): reboot");
		return -EBUSY;
	}
	if (lock) {
		producers = (struct list_head *)ib_symbol("producers");
		consumers = (struct list_head *)ib_symbol("consumers");
		sane = producers && consumers && list_head_sane(producers) &&
		       list_head_sane(consumers);
		mutex_unlock(lock);
	}
	if (sane && !h_param_probe) {
		ib_lock = lock;
		ib_producers = producers;
		ib_consumers = consumers;
	}
	sprint_symbol(sym, fn);
	h_diag("irqbypass under test: module %s of kernel %s (%s)",
	       ib_mod->name, init_utsname()->release, sym);
	if (ib_lock) {
		h_diag("white-box: mutex %ps, lists %ps and %ps", ib_lock,
		       ib_producers, ib_consumers);
	} else {
		h_diag("white-box: irqbypass's lock and lists not used (%s); isolation checked with probes",
		       h_param_probe ? "probe=1" : lock ? "lists not sane" :
		       "not found");
	}
	return 0;
}

/* Isolation between tests */

static int our_producer(const struct list_head *n)
{
	int i;

	for (i = 0; i < H_MAX_PRODUCERS; i++)
		if (n == &h_prods[i].kp.node)
			return i;
	return -1;
}

static int our_consumer(const struct list_head *n)
{
	int i;

	for (i = 0; i < H_MAX_CONSUMERS; i++)
		if (n == &h_conss[i].kc.node)
			return i;
	return -1;
}

/*
 * Walk one of irqbypass's lists (with its mutex held): mark our objects in
 * @ours, count the others.  Returns the number of foreign entries, or -1
 * if the list is not a sane ring.
 */
static int walk_list(const struct list_head *head, bool producers,
		     bool *ours)
{
	const struct list_head *n, *prev = head;
	int foreign = 0, steps = 0;

	for (n = head->next; n != head; prev = n, n = n->next) {
		int i;

		if (!n || n == LIST_POISON1 || n->prev != prev ||
		    ++steps > H_WALK_MAX)
			return -1;
		i = producers ? our_producer(n) : our_consumer(n);
		if (i >= 0)
			ours[i] = true;
		else
			foreign++;
	}
	return head->prev == prev ? foreign : -1;
}

/*
 * With irqbypass's mutex held, nothing changes the lists.  Never block on
 * it: in a test VM nobody else takes it, so a busy mutex means that a test
 * thread died holding it.
 */
static const char *scan_lists(bool *pmark, bool *cmark, int *fp, int *fc)
{
	if (!mutex_trylock(ib_lock))
		return "irqbypass's mutex is held";
	*fp = walk_list(ib_producers, true, pmark);
	*fc = walk_list(ib_consumers, false, cmark);
	mutex_unlock(ib_lock);
	if (*fp < 0)
		return "irqbypass's producer list is corrupt";
	if (*fc < 0)
		return "irqbypass's consumer list is corrupt";
	return NULL;
}

/*
 * Without irqbypass's lists: a probe producer per token that an object of
 * ours may hold.  -EBUSY means a producer with that token is registered; a
 * connect (callbacks) means a consumer is.
 */
static int probe_tokens(void)
{
	static struct h_prod probe;
	int i, left = 0;

	for (i = 0; i < H_MAX_TOKENS + ARRAY_SIZE(cleanup_tokens); i++) {
		int ret;

		memset(&probe, 0, sizeof(probe));
		probe.cbs = H_CB_ALL;
		prod_apply(&probe);
		probe.kp.token = i < H_MAX_TOKENS ? &tokens[i] :
				 &cleanup_tokens[i - H_MAX_TOKENS];
		h_log_clear();
		ret = irq_bypass_register_producer(&probe.kp);
		if (ret == -EBUSY)
			left++;
		if (ret)
			continue;
		if (h_log_count())
			left++;
		irq_bypass_unregister_producer(&probe.kp);
	}
	h_log_clear();
	return left;
}

/*
 * Unregister every object of ours that is on irqbypass's lists, and check
 * that none is left.  Each one first gets a token of its own that no other
 * object has: unregister_producer() matches by token and list_del()s the
 * object it was given, so a unique token makes the match the object
 * itself; a consumer is matched by pointer anyway.  With unique tokens
 * there is no partner to disconnect, so no callback runs.  Returns NULL or
 * why irqbypass cannot be used any more.
 */
static const char *cleanup_objects(void)
{
	bool pmark[H_MAX_PRODUCERS] = { }, cmark[H_MAX_CONSUMERS] = { };
	int i, fp, fc;
	const char *why;

	if (ib_lock && mutex_is_locked(ib_lock))
		return "irqbypass's mutex is held after the test";
	h_log_clear();	/* what the test left unchecked */
	if (ib_lock) {
		why = scan_lists(pmark, cmark, &fp, &fc);
		if (why)
			return why;
	} else {
		for (i = 0; i < H_MAX_PRODUCERS; i++)
			pmark[i] = node_linked(&h_prods[i].kp.node);
		for (i = 0; i < H_MAX_CONSUMERS; i++)
			cmark[i] = node_linked(&h_conss[i].kc.node);
	}
	for (i = 0; i < H_MAX_CONSUMERS; i++) {
		if (!cmark[i])
			continue;
		h_conss[i].kc.token = &cleanup_tokens[H_MAX_PRODUCERS + i];
		irq_bypass_unregister_consumer(&h_conss[i].kc);
	}
	for (i = 0; i < H_MAX_PRODUCERS; i++) {
		if (!pmark[i])
			continue;
		h_prods[i].kp.token = &cleanup_tokens[i];
		irq_bypass_unregister_producer(&h_prods[i].kp);
	}
	if (h_log_count())
		h_diag("cleanup: %d unexpected callback(s), first: %s",
		       h_log_count(), h_log_entry(0));

	if (ib_lock) {
		memset(pmark, 0, sizeof(pmark));
		memset(cmark, 0, sizeof(cmark));
		why = scan_lists(pmark, cmark, &fp, &fc);
		if (why)
			return why;
		for (i = 0; i < H_MAX_PRODUCERS; i++)
			if (pmark[i])
				return "a producer of ours is still on irqbypass's list";
		for (i = 0; i < H_MAX_CONSUMERS; i++)
			if (cmark[i])
				return "a consumer of ours is still on irqbypass's list";
		if (fp != ib_foreign_producers || fc != ib_foreign_consumers)
			h_diag("cleanup: foreign entries changed: producers %d -> %d, consumers %d -> %d",
			       ib_foreign_producers, fp,
			       ib_foreign_consumers, fc);
	} else if (probe_tokens()) {
		return "a probe found an object of ours still registered";
	}
	return NULL;
}

/* Called with no test running: make the state a fresh test starts from. */
static void reset_objects(void)
{
	memset(h_prods, 0, sizeof(h_prods));
	memset(h_conss, 0, sizeof(h_conss));
	memset(&hs, 0, sizeof(hs));
	h_core_reset();
	hs.ref_base = module_refcount(ib_mod);
	hs.start_seq = kmsg_end();
}

/* The runner */

/*
 * Run one test: 1 passed, 0 failed, -1 deferred (first pass, it reached
 * a crash step).  Sets h_broken if irqbypass cannot be used any more.
 */
static int run_one(const struct h_test *t, int num, unsigned int timeout)
{
	enum h_thread_end out;
	const char *why;
	bool ok = false;

	reset_objects();
	out = h_run_thread(t, NULL, num, timeout);
	if (hs.going)
		set_module_state(false);

	switch (out) {
	case H_DONE:
		if (hs.deferred && !h_core->failures) {
			ok = true;
			break;
		}
		if (hs.deferred)
			h_diag("%s: checks failed before the crash step; %s was not called",
			       h_step_prefix(), hs.crash_call);
		ok = !h_core->failures;
		break;
	case H_DIED:
		if (hs.crash_armed != H_CRASH_NONE && !h_core->failures) {
			bool corruption = kmsg_report(hs.crash_seq);

			if (hs.crash_armed == H_CRASH_LIST && !corruption) {
				h_diag("%s: the test thread died in %s, but the kernel reported no list corruption",
				       h_step_prefix(), hs.crash_call);
			} else if (crash_log_ok()) {
				h_diag("expected crash in %s: the test thread died%s",
				       hs.crash_call,
				       corruption ? " after a list corruption report" : "");
				ok = true;
			}
			if (ok) {
				h_diag("after the crash: irqbypass's count %+d since the test started, mutex %s",
				       h_module_refcount(),
				       ib_lock ? (mutex_is_locked(ib_lock) ?
						  "held" : "free") : "not known");
			}
		} else {
			h_diag("%s: the test thread died (oops); the kernel's report is above",
			       h_step_prefix());
			kmsg_report(hs.start_seq);
		}
		if (!ok)
			h_print_history();
		if (ib_lock && mutex_is_locked(ib_lock))
			h_broken = "irqbypass's mutex is held by the dead test thread";
		else if (!ib_lock)
			h_broken = "a test thread died and irqbypass's mutex cannot be checked";
		break;
	case H_TIMEOUT:
		h_diag("%s: timeout after %u s", h_step_prefix(), timeout);
		h_print_history();
		h_broken = "a test thread is still running";
		break;
	case H_NOT_RUN:
		break;
	}

	if (!h_broken) {
		why = cleanup_objects();
		if (why) {
			h_diag("cleanup after %s: %s", t->name, why);
			h_broken = why;
			ok = false;
		} else if (module_refcount(ib_mod) != hs.ref_base) {
			h_diag("cleanup after %s: irqbypass's count is %d, %d at the start of the test",
			       t->name, module_refcount(ib_mod), hs.ref_base);
		}
	}
	if (h_broken) {
		h_diag("irqbypass is unusable until reboot: %s", h_broken);
		if (!h_pinned) {
			/* Our objects may still be on its lists: stay loaded. */
			__module_get(THIS_MODULE);
			h_pinned = true;
		}
	}
	if (out == H_DONE && hs.deferred && !h_core->failures)
		return -1;
	return ok;
}

struct h_tally {
	struct ktap k;
	int unrun;	/* skipped because irqbypass was unusable */
};

static void report(struct h_tally *tl, const struct h_test *t, bool ok,
		   const char *skip)
{
	if (skip) {
		ktap_skip(&tl->k, t->name, skip);
		tl->unrun += skip == h_broken;	/* not asked for */
		return;
	}
	ktap_result(&tl->k, ok, t->name);
}

/*
 * Before the plan: find irqbypass and what is on its lists.  0, a
 * negative errno after a "Bail out!", or H_SKIP_ALL after the skip line.
 */
static int prepare(void)
{
	int ret = find_irqbypass();
	bool pm[H_MAX_PRODUCERS] = { }, cm[H_MAX_CONSUMERS] = { };
	const char *why;

	if (ret || !ib_lock)
		return ret;
	why = scan_lists(pm, cm, &ib_foreign_producers, &ib_foreign_consumers);
	if (why) {
		h_out("Bail out! %s", why);
		return -EIO;
	}
	if (ib_foreign_producers || ib_foreign_consumers)
		h_diag("irqbypass already has %d producer(s) and %d consumer(s) of other drivers",
		       ib_foreign_producers, ib_foreign_consumers);
	return 0;
}

/* First pass: every test, up to its crash step if it has one. */
static int first_pass(const struct h_test *tests, int n,
		      const struct h_opts *o, struct h_tally *tl, int *deferred)
{
	int i, ndeferred = 0;

	h_crash_pass = false;
	for (i = 0; i < n; i++) {
		const struct h_test *t = &tests[i];
		int r;

		if (!h_selected(o, t->name))
			continue;
		if (h_broken) {
			report(tl, t, false, h_broken);
			continue;
		}
		r = run_one(t, i, o->timeout);
		if (r < 0) {
			deferred[ndeferred++] = i;
			continue;
		}
		report(tl, t, r, NULL);
	}
	return ndeferred;
}

/* Second pass: the tests with a crash step, in full. */
static void crash_pass(const struct h_test *tests, const struct h_opts *o,
		       struct h_tally *tl, const int *deferred, int ndeferred)
{
	int j;

	h_crash_pass = true;
	for (j = 0; j < ndeferred; j++) {
		const struct h_test *t = &tests[deferred[j]];

		h_diag("%s reaches a crash step: run after the others",
		       t->name);
		if (!o->crash)
			report(tl, t, false, "crash step not run (crash=0)");
		else if (h_broken)
			report(tl, t, false, h_broken);
		else
			report(tl, t, run_one(t, deferred[j], o->timeout) > 0,
			       NULL);
	}
}

int h_run(int argc, char **argv, const struct h_test *tests, int n)
{
	struct h_tally tl = { };
	struct h_opts o;
	int *deferred, ndeferred, ret;

	ret = h_opts_parse(argc, argv, tests, n, &o);
	if (ret || o.list)
		goto out;
	ret = 1;
	deferred = kcalloc(n + 1, sizeof(*deferred), GFP_KERNEL);
	if (!deferred)
		goto out;
	ktap_header();
	ret = prepare();
	if (ret) {
		ret = ret == H_SKIP_ALL ? 0 : 1;
		goto out_free;
	}
	h_diag("each test runs in a kthread, timeout %u s; tests that reach a crash step run last",
	       o.timeout);
	ktap_plan(&tl.k, h_plan(&o, tests, n));
	ndeferred = first_pass(tests, n, &o, &tl, deferred);
	crash_pass(tests, &o, &tl, deferred, ndeferred);
	ktap_totals(&tl.k);
	/* Skips asked for (crash=0) are no failure; the others are. */
	ret = tl.k.fail || tl.unrun ? 1 : 0;
out_free:
	kfree(deferred);
out:
	h_opts_free(&o);
	return ret;
}

/* Module glue */

void h_module_exit(void)
{
	/*
	 * Only reached when every test cleaned up (otherwise the module
	 * pinned itself): no object of ours is on irqbypass's lists.
	 */
	if (ib_mod && READ_ONCE(ib_mod->state) == MODULE_STATE_GOING)
		set_module_state(false);
}
