// SPDX-License-Identifier: GPL-2.0
/*
 * Prints every transition of the automaton table dot2k generated, one
 * "FROM EVENT TO" line each: what the kernel's monitor would enforce.
 * Built with -DNAME=<monitor> -include <monitor>.h (see rv-export.sh).
 */
#include <stdio.h>

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)
#define AUTOMATON CAT(automaton_, NAME)

int main(void)
{
	for (int s = 0; s < CAT(state_max_, NAME); s++)
		for (int e = 0; e < CAT(event_max_, NAME); e++) {
			int to = AUTOMATON.function[s][e];

			if (to != INVALID_STATE)
				printf("%s %s %s\n", AUTOMATON.state_names[s],
				       AUTOMATON.event_names[e], AUTOMATON.state_names[to]);
		}
	printf("initial %s\n", AUTOMATON.state_names[AUTOMATON.initial_state]);
	return 0;
}
