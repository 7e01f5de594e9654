#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
#
# ftaliasctl's tables of the YNL spec, which it would otherwise copy by
# hand (make regen, scripts/ynl-regen.sh):
#   scripts/ynl-ctl-gen.py SPEC tools/ctl/spec-gen.h tools/ctl/spec-gen.c
#
# ftaliasctl speaks libnl-3, so the generated client of tools/ynl (YNL
# library types, KSRC at build time) is not for it; this writes what it
# needs from the spec in libnl's terms: the name of every attribute
# (CTL_NAME_<its UAPI constant>: the CLI keyword and JSON key), a struct
# nla_policy per attribute set (the spec's types, for nla_parse()), the
# names of every enum's values (printing) with a keyword table of them
# (parsing), and the names of the operations (monitor).  The constants are
# those of the UAPI header ynl-gen-c.py writes, so a spec change that this
# misnames fails to compile.
import sys

import yaml

NLA = {
    'u8': 'NLA_U8', 'u16': 'NLA_U16', 'u32': 'NLA_U32', 'u64': 'NLA_U64',
    's8': 'NLA_S8', 's16': 'NLA_S16', 's32': 'NLA_S32', 's64': 'NLA_S64',
    'string': 'NLA_STRING', 'nest': 'NLA_NESTED', 'flag': 'NLA_FLAG',
    'binary': 'NLA_UNSPEC',
}


def c_upper(name):
    return name.upper().replace('-', '_')


def c_lower(name):
    return name.lower().replace('-', '_')


def main():
    spec_path, h_path, c_path = sys.argv[1:4]
    spec = yaml.safe_load(open(spec_path))
    fam = c_upper(spec['name'])
    head = ('/* Do not edit directly, auto-generated from: */\n'
            '/*\t%s */\n'
            '/* by scripts/ynl-ctl-gen.py (make regen) */\n' % spec_path)
    h = ['/* SPDX-License-Identifier: GPL-2.0 */\n' + head]
    c = ['// SPDX-License-Identifier: GPL-2.0\n' + head]
    h.append('/*\n'
             ' * ftaliasctl\'s tables of the spec, in libnl-3\'s terms.  Included by\n'
             ' * ctl.h (struct keyword), defined in spec-gen.c.\n'
             ' */\n'
             '#ifndef FTALIASCTL_SPEC_GEN_H\n'
             '#define FTALIASCTL_SPEC_GEN_H\n\n'
             '#include <netlink/attr.h>\n\n'
             '#include <linux/ftalias_genl.h>')
    c.append('#include <stddef.h>\n\n'
             '#include "ctl.h"')

    # Attribute names and policies.
    for aset in spec['attribute-sets']:
        # A subset uses its parent's constants, names and policy.
        if 'subset-of' in aset:
            continue
        pre = '%s_A_%s_' % (fam, c_upper(aset['name']))
        attrs = [a for a in aset['attributes'] if a['type'] != 'pad']
        h.append('\n/* Attribute-set "%s" */' % aset['name'])
        for a in attrs:
            h.append('#define CTL_NAME_%s%s\t"%s"' %
                     (pre, c_upper(a['name']), a['name']))
        pol = 'ctl_%s_policy[%sMAX + 1]' % (c_lower(aset['name']), pre)
        h.append('extern struct nla_policy %s;' % pol)
        c.append('\nstruct nla_policy %s = {' % pol)
        for a in attrs:
            c.append('\t[%s%s] = { .type = %s },' %
                     (pre, c_upper(a['name']), NLA[a['type']]))
        c.append('};')

    # Enum names by value, and keyword tables of them.
    for d in spec.get('definitions', []):
        if d['type'] != 'enum':
            continue
        pre = '%s_%s_' % (fam, c_upper(d['name']))
        names = [e if isinstance(e, str) else e['name'] for e in d['entries']]
        low = 'ctl_%s' % c_lower(d['name'])
        size = '%s%s + 1' % (pre, c_upper(names[-1]))
        h.append('\n/* Enum "%s": names by value, keyword table */' % d['name'])
        h.append('extern const char *const %s_names[%s];' % (low, size))
        h.append('extern const struct keyword %s_kw[];' % low)
        c.append('\nconst char *const %s_names[%s] = {' % (low, size))
        for n in names:
            c.append('\t[%s%s] = "%s",' % (pre, c_upper(n), n))
        c.append('};')
        c.append('\nconst struct keyword %s_kw[] = {' % low)
        for n in names:
            c.append('\t{ "%s", %s%s },' % (n, pre, c_upper(n)))
        c.append('\t{ NULL, 0 }')
        c.append('};')

    # Operation names by command number.
    h.append('\n/* Operations: names by command number */')
    h.append('extern const char *const ctl_op_names[%s_CMD_MAX + 1];' % fam)
    c.append('\nconst char *const ctl_op_names[%s_CMD_MAX + 1] = {' % fam)
    for op in spec['operations']['list']:
        c.append('\t[%s_CMD_%s] = "%s",' % (fam, c_upper(op['name']), op['name']))
    c.append('};')

    h.append('\n#endif /* FTALIASCTL_SPEC_GEN_H */')
    open(h_path, 'w').write('\n'.join(h) + '\n')
    open(c_path, 'w').write('\n'.join(c) + '\n')


if __name__ == '__main__':
    main()
