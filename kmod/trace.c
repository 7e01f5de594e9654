// SPDX-License-Identifier: GPL-2.0
/*
 * The tracepoints of ftalias (trace.h), instantiated here only.
 */

#define CREATE_TRACE_POINTS
#include "trace.h"
