# SPDX-License-Identifier: GPL-2.0
#
# kbuild-style output for ftalias's own Makefiles (top level, selftests,
# tools): one short line per step, the full command lines with V=1.
#
#	$(call say,CC,selftests/nl_api)
#	$(Q)$(CC) ... -o $@ $<
#
# prints "  CC      selftests/nl_api", or, with V=1, the command itself.

ifeq ($(V),1)
Q :=
say =
else
Q := @
say = @printf '  %-7s %s\n' '$(1)' '$(2)'
endif
