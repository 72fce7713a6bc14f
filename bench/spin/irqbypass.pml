/* SPDX-License-Identifier: GPL-2.0 */
/*
 * models/irqbypass.irqspec (Era C: Debian 6.1/6.12), written in Promela for
 * SPIN, to compare the two tools on the same state space: the same state,
 * the same actions as atomic steps (d_step), the same parameters chosen
 * nondeterministically, and the pairing and 1:1 invariants asserted after
 * every step. N producers = consumers = tokens (compile with -DN=...).
 * Parameters are chosen by `select` in an atomic sequence; each step's body
 * is a d_step, so only the states between steps are stored.
 */
#ifndef N
#define N 2
#endif
#define NONE 255
#define NULL_TOKEN 0

/* kinds */
#define PROD_BARE 0
#define PROD_FULL 1
#define CONS_NONE 0
#define CONS_X86 1
#define CONS_ARM64 2
#define CONS_NO_ADD 3

byte prod_token[N];
byte prod_kind[N];
bool prod_add_fails[N];
byte cons_token[N];
byte cons_kind[N];
bool cons_add_fails[N];
bool prod_listed[N];
bool cons_listed[N];
byte module_refs;
bool module_going;
byte prod_peer[N];
byte cons_peer[N];
bool prod_stopped[N];
bool cons_stopped[N];

/* scratch, reset at the end of every step so it is not part of the state */
byte p, c, i, j, t, k;
bool f, found, added, connected;

inline connect(pp, cc) {
	if :: prod_kind[pp] == PROD_FULL -> prod_stopped[pp] = 1 :: else -> skip fi;
	if :: cons_kind[cc] == CONS_ARM64 -> cons_stopped[cc] = 1 :: else -> skip fi;
	added = (prod_kind[pp] != PROD_FULL || !prod_add_fails[pp]);
	if :: prod_kind[pp] == PROD_FULL && added -> prod_peer[pp] = cc :: else -> skip fi;
	if
	:: added ->
		if
		:: cons_add_fails[cc] ->
			if :: prod_kind[pp] == PROD_FULL -> prod_peer[pp] = NONE :: else -> skip fi
		:: else -> cons_peer[cc] = pp
		fi
	:: else -> skip
	fi;
	connected = added && !cons_add_fails[cc];
	if :: cons_kind[cc] == CONS_ARM64 -> cons_stopped[cc] = 0 :: else -> skip fi;
	if :: prod_kind[pp] == PROD_FULL -> prod_stopped[pp] = 0 :: else -> skip fi
}

inline disconnect(pp, cc) {
	cons_peer[cc] = NONE;
	if :: prod_kind[pp] == PROD_FULL -> prod_peer[pp] = NONE :: else -> skip fi
}

inline check_invariants() {
	/* pairing */
	i = 0;
	do
	:: i < N ->
		j = 0;
		do
		:: j < N ->
			assert((cons_peer[j] == i) ==
			       (prod_listed[i] && cons_listed[j] && prod_token[i] == cons_token[j]));
			j++
		:: else -> break
		od;
		i++
	:: else -> break
	od;
	/* one_to_one */
	i = 0;
	do
	:: i < N ->
		j = 0;
		do
		:: j < N ->
			assert(!(i != j && cons_peer[i] != NONE) || cons_peer[i] != cons_peer[j]);
			j++
		:: else -> break
		od;
		i++
	:: else -> break
	od
}

inline reset_scratch() {
	p = 0; c = 0; i = 0; j = 0; t = 0; k = 0; f = 0; found = 0; added = 0; connected = 0
}

active proctype driver()
{
	d_step {
		i = 0;
		do :: i < N -> prod_peer[i] = NONE; cons_peer[i] = NONE; i++ :: else -> break od;
		i = 0
	}
	do
	:: atomic { /* producer.setup */
		select(p : 0 .. N - 1); select(t : 0 .. N); select(k : 0 .. 1); select(f : 0 .. 1);
		d_step {
			if :: !prod_listed[p] ->
				prod_token[p] = t; prod_kind[p] = k; prod_add_fails[p] = f && k == PROD_FULL
			:: else -> skip fi;
			check_invariants(); reset_scratch() } }
	:: atomic { /* consumer.setup */
		select(c : 0 .. N - 1); select(t : 0 .. N); select(k : 0 .. 3); select(f : 0 .. 1);
		d_step {
			if :: !cons_listed[c] ->
				cons_token[c] = t; cons_kind[c] = k;
				cons_add_fails[c] = f && (k == CONS_X86 || k == CONS_ARM64)
			:: else -> skip fi;
			check_invariants(); reset_scratch() } }
	:: atomic { /* producer.register */
		select(p : 0 .. N - 1);
		d_step {
			if
			:: prod_token[p] == NULL_TOKEN || module_going -> skip
			:: else ->
				found = 0; i = 0;
				do :: i < N -> if :: prod_listed[i] && prod_token[i] == prod_token[p] -> found = 1 :: else -> skip fi; i++
				   :: else -> break od;
				if
				:: !found ->
					connected = 1; c = 0;
					do
					:: c < N && cons_listed[c] && cons_token[c] == prod_token[p] -> connect(p, c); break
					:: c < N && !(cons_listed[c] && cons_token[c] == prod_token[p]) -> c++
					:: c >= N -> break
					od;
					if :: connected -> prod_listed[p] = 1; module_refs++ :: else -> skip fi
				:: else -> skip
				fi
			fi;
			check_invariants(); reset_scratch() } }
	:: atomic { /* consumer.register */
		select(c : 0 .. N - 1);
		d_step {
			if
			:: cons_token[c] == NULL_TOKEN || cons_kind[c] == CONS_NONE || cons_kind[c] == CONS_NO_ADD || module_going -> skip
			:: else ->
				found = 0; i = 0;
				do :: i < N -> if :: cons_listed[i] && (cons_token[i] == cons_token[c] || i == c) -> found = 1 :: else -> skip fi; i++
				   :: else -> break od;
				if
				:: !found ->
					connected = 1; p = 0;
					do
					:: p < N && prod_listed[p] && prod_token[p] == cons_token[c] -> connect(p, c); break
					:: p < N && !(prod_listed[p] && prod_token[p] == cons_token[c]) -> p++
					:: p >= N -> break
					od;
					if :: connected -> cons_listed[c] = 1; module_refs++ :: else -> skip fi
				:: else -> skip
				fi
			fi;
			check_invariants(); reset_scratch() } }
	:: atomic { /* producer.unregister, only where list_del is safe */
		select(p : 0 .. N - 1);
		d_step {
			if
			:: prod_token[p] != NULL_TOKEN && !module_going && prod_listed[p] ->
				c = 0;
				do
				:: c < N && cons_listed[c] && cons_token[c] == prod_token[p] -> disconnect(p, c); break
				:: c < N && !(cons_listed[c] && cons_token[c] == prod_token[p]) -> c++
				:: c >= N -> break
				od;
				prod_listed[p] = 0; module_refs--
			:: else -> skip
			fi;
			check_invariants(); reset_scratch() } }
	:: atomic { /* consumer.unregister */
		select(c : 0 .. N - 1);
		d_step {
			if
			:: cons_token[c] != NULL_TOKEN && !module_going && cons_listed[c] ->
				p = 0;
				do
				:: p < N && prod_listed[p] && prod_token[p] == cons_token[c] -> disconnect(p, c); break
				:: p < N && !(prod_listed[p] && prod_token[p] == cons_token[c]) -> p++
				:: p >= N -> break
				od;
				cons_listed[c] = 0; module_refs--
			:: else -> skip
			fi;
			check_invariants(); reset_scratch() } }
	:: d_step { module_refs == 0 && !module_going -> module_going = 1 }
	od
}
