#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Hostile TIPC traffic for the cluster tests: what any process of a node
can send to ftalias's node socket, or publish in its place.

  tipc_send.py send TYPE INSTANCE HEX...   one message per HEX payload,
                                          to the service {TYPE, INSTANCE}
  tipc_send.py hello TYPE INSTANCE NODE    a well-formed hello claiming
                                          to be from NODE
  tipc_send.py members TYPE INSTANCE NODE BOOT ALIAS [PORT:PRIO:ROLE:STATE]...
                     [-- NODE BOOT ALIAS [PORT:PRIO:ROLE:STATE]...]...
                                          well-formed MEMBERS messages
                                          (one per "--"), each claiming
                                          to be from NODE (boot id BOOT):
                                          the members of ALIAS (none: a
                                          withdrawal)
  tipc_send.py bind TYPE INSTANCE          publish {TYPE, INSTANCE} at
                                          cluster scope, print "bound",
                                          hold it until stdin closes
  tipc_send.py fuzz TYPE INSTANCE NODE SEED COUNT
                                          COUNT mutations of a hello
                                          claiming NODE (bit flips, cuts,
                                          growth, random bytes, fields
                                          set to edge values), drawn
                                          from SEED
  tipc_send.py fuzz-members TYPE INSTANCE NODE SEED COUNT ALIAS
                                          COUNT mutations of MEMBERS
                                          messages of ALIAS claiming NODE
                                          (those of fuzz, and the body's
                                          fields, count and length at
                                          edge values), drawn from SEED
  tipc_send.py data TYPE INSTANCE KIND [FIELD=VALUE]...
                     [-- KIND [FIELD=VALUE]...]...
                                          data messages (one per "--"):
                                          KIND req, reply, notice or
                                          nack, well formed but for the
                                          FIELDs given (data_msg() has
                                          their names and defaults)
  tipc_send.py fuzz-data TYPE INSTANCE NODE SEED COUNT ALIAS ID_NODE
                                          COUNT mutations of data
                                          messages (REQ, REPLY, NOTICE,
                                          NACK) claiming NODE, for ALIAS,
                                          IDs of node ID_NODE, drawn
                                          from SEED
Numbers may be given in hex (0x...)."""

import random
import socket
import struct
import sys

MAGIC = 0x46544c43
VERSION = 1
HELLO = 1
MEMBERS = 2
HDR_LEN = 24
MAX_MEMBERS = 256
# Data messages: requests and replies across nodes.
REQ = 3
REPLY = 4
NOTICE = 5
NACK = 6
PROBE = 7
KINDS = {'req': REQ, 'reply': REPLY, 'notice': NOTICE, 'nack': NACK,
         'probe': PROBE}
DATA_LEN = HDR_LEN + 56
MSG_MAX = 65536
F_REDELIVERED = 0x1
F_RESENT = 0x2


def num(s):
    return int(s, 0)


def sendto(typ, inst, payloads):
    s = socket.socket(socket.AF_TIPC, socket.SOCK_RDM)
    for p in payloads:
        s.sendto(p, (socket.TIPC_ADDR_NAME, typ, inst, 0))
    s.close()


def hello(node, boot=0x1234, flags=0, length=24, typ=HELLO, version=VERSION,
          magic=MAGIC):
    # magic, version, type, flags, len, node, boot id
    return struct.pack('>IBBHIIQ', magic, version, typ, flags, length, node,
                       boot)


def members(node, alias, mems, boot=0x1234, flags=0, nr=None, length=None):
    """A MEMBERS message: the header, alias id, count, then for each member
    (port, priority, role, state[, reserved]) port, priority, role, state
    and 16 reserved bits.  nr and length: the fields, if not the true
    ones."""
    body = struct.pack('>II', alias, len(mems) if nr is None else nr)
    for m in mems:
        port, prio, role, state = m[:4]
        body += struct.pack('>IIBBH', port, prio, role, state,
                            m[4] if len(m) > 4 else 0)
    if length is None:
        length = HDR_LEN + len(body)
    return hello(node, boot, flags, length, MEMBERS) + body


def data_msg(kind, node=0, boot=0x1234, flags=0, alias=0x80000001, port=None,
             id_node=0, id_alias=0, id_port=1, id_inc=0, xid=1, ack=0,
             err=None, rflags=0, reserved=0, rgen=1, reserved2=0, size=None,
             fill=0x61, length=None, typ=None, version=VERSION, magic=MAGIC,
             cut=None):
    """A data message of kind (REQ, REPLY, NOTICE, NACK, PROBE): the
    header, then alias, port, the request's ID (node, alias, port,
    incarnation, xid), ack, err, rflags, reserved, the requester's table
    generation rgen, reserved2 and the payload.  Well formed by default
    (REPLY: port 1; NOTICE: err EHOSTUNREACH; NACK: err 1, moved; REQ and
    REPLY: 4 bytes of payload); any field may be given.  length: the
    header's len field (default: the true length), typ: its type (default: kind), cut: the message cut to
    that many bytes."""
    if port is None:
        port = 1 if kind == REPLY else 0
    if err is None:
        err = {NOTICE: 113, NACK: 1}.get(kind, 0)
    if size is None:
        size = 4 if kind in (REQ, REPLY) else 0
    body = struct.pack('>IIIIIIQQIHHII', alias, port, id_node, id_alias,
                       id_port, id_inc, xid, ack, err, rflags, reserved,
                       rgen, reserved2)
    body += bytes([fill & 0xff]) * size
    total = HDR_LEN + len(body)
    if length is None:
        length = total
    m = hello(node, boot, flags, length, kind if typ is None else typ,
              version, magic) + body
    return m if cut is None else m[:cut]


def random_data(rng, node, alias, id_node):
    """A well-formed data message of any kind, random values."""
    kind = rng.choice([REQ, REPLY, NOTICE, NACK, PROBE])
    f = dict(alias=alias, id_node=id_node, rgen=rng.randint(1, 0xffffffff),
             id_alias=rng.choice([0, alias, rng.getrandbits(32)]),
             id_port=rng.getrandbits(32), id_inc=rng.getrandbits(32),
             xid=rng.randint(1, 0xffffffffffffffff), boot=rng.getrandbits(64))
    if kind == REQ:
        f.update(ack=rng.choice([0, rng.getrandbits(64)]),
                 rflags=rng.choice([0, F_REDELIVERED, F_RESENT,
                                    F_REDELIVERED | F_RESENT]),
                 size=rng.randint(0, 64), fill=rng.getrandbits(8))
    elif kind == REPLY:
        f.update(port=rng.randint(1, 0xffffffff), size=rng.randint(0, 64),
                 fill=rng.getrandbits(8))
    elif kind == NOTICE:
        f.update(err=rng.randint(1, 4095))
    elif kind == NACK:
        f.update(err=rng.randint(1, 4), rflags=rng.randrange(2))
    return data_msg(kind, node, **f)


def mutate_data(rng, node, alias, id_node):
    m = bytearray(random_data(rng, node, alias, id_node))
    kind = rng.randrange(9)
    if kind == 0:  # bit flips
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(m))
            m[i] ^= 1 << rng.randrange(8)
    elif kind == 1:  # cut, the len field kept or matching
        m = m[:rng.randrange(len(m))]
        if rng.randrange(2) and len(m) >= 12:
            m[8:12] = struct.pack('>I', len(m))
    elif kind == 2:  # grown, the len field kept or matching
        m += bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
        if rng.randrange(2):
            m[8:12] = struct.pack('>I', len(m))
    elif kind == 3:  # random bytes after a data header
        m = m[:HDR_LEN] + bytearray(rng.randrange(256)
                                    for _ in range(rng.randint(0, 80)))
        if rng.randrange(2):
            m[8:12] = struct.pack('>I', len(m))
    elif kind == 4:  # a header field at an edge value
        off, size = rng.choice([(0, 4), (4, 1), (5, 1), (6, 2), (8, 4),
                                (12, 4), (16, 8)])
        m[off:off + size] = rng.choice([b'\0', b'\xff']) * size
    elif kind == 5:  # a body field at an edge or a random value
        off, size = rng.choice([(24, 4), (28, 4), (32, 4), (36, 4), (40, 4),
                                (44, 4), (48, 8), (56, 8), (64, 4), (68, 2),
                                (70, 2), (72, 4), (76, 4)])
        v = rng.choice([0, 1, 2, 3, 4, 0xff, rng.getrandbits(8)])
        m[off:off + size] = bytes([v]) * size
    elif kind == 6:  # the type of another data message, or not one
        m[5] = rng.choice([0, HELLO, MEMBERS, REQ, REPLY, NOTICE, NACK, PROBE, 8,
                           0xff])
    elif kind == 7:  # the ID of another node, or of none
        m[32:36] = struct.pack('>I', rng.choice([0, node, id_node ^ 1,
                                                 rng.getrandbits(32)]))
    # else: well formed (refused: from a socket that is not ftalias's)
    if not m:
        m = bytearray(b'\0')
    return bytes(m)


def data_arg(kind, args):
    """A data message of kind ("req", ...) and FIELD=VALUE args."""
    if kind not in KINDS:
        sys.exit('tipc_send.py: unknown kind %r (%s)' %
                 (kind, ', '.join(KINDS)))
    f = {}
    for a in args:
        k, _, v = a.partition('=')
        f[k] = num(v)
    return data_msg(KINDS[kind], **f)


def random_members(rng, node, alias):
    """A well-formed MEMBERS message of 0 to 4 members, random values."""
    mems = [(rng.randint(1, 0xffffffff), rng.getrandbits(32),
             rng.randrange(2), rng.randrange(3))
            for _ in range(rng.randint(0, 4))]
    return members(node, alias, mems, boot=rng.getrandbits(64))


def mutate(rng, node):
    m = bytearray(hello(node))
    kind = rng.randrange(6)
    if kind == 0:  # bit flips
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(m))
            m[i] ^= 1 << rng.randrange(8)
    elif kind == 1:  # cut
        m = m[:rng.randrange(len(m))]
    elif kind == 2:  # grown, len field kept or matching
        m += bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
        if rng.randrange(2):
            m[8:12] = struct.pack('>I', len(m))
    elif kind == 3:  # random bytes
        m = bytearray(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    elif kind == 4:  # a field at an edge value
        off, size = rng.choice([(0, 4), (4, 1), (5, 1), (6, 2), (8, 4),
                                (12, 4), (16, 8)])
        m[off:off + size] = rng.choice([b'\0', b'\xff']) * size
    else:  # well formed, any flags and boot id
        m = bytearray(hello(node, rng.getrandbits(64), rng.getrandbits(16)))
    if not m:
        m = bytearray(b'\0')
    return bytes(m)


def mutate_members(rng, node, alias):
    m = bytearray(random_members(rng, node, alias))
    nr = (len(m) - 32) // 12
    kind = rng.randrange(9)
    if kind == 0:  # bit flips
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(m))
            m[i] ^= 1 << rng.randrange(8)
    elif kind == 1:  # cut, the len field kept or matching
        m = m[:rng.randrange(len(m))]
        if rng.randrange(2) and len(m) >= 12:
            m[8:12] = struct.pack('>I', len(m))
    elif kind == 2:  # grown, the len field kept or matching
        m += bytes(rng.randrange(256) for _ in range(rng.randint(1, 300)))
        if rng.randrange(2):
            m[8:12] = struct.pack('>I', len(m))
    elif kind == 3:  # random bytes after a MEMBERS header
        m = m[:HDR_LEN] + bytearray(rng.randrange(256)
                                    for _ in range(rng.randint(0, 64)))
        if rng.randrange(2):
            m[8:12] = struct.pack('>I', len(m))
    elif kind == 4:  # a header field at an edge value
        off, size = rng.choice([(0, 4), (4, 1), (5, 1), (6, 2), (8, 4),
                                (12, 4), (16, 8)])
        m[off:off + size] = rng.choice([b'\0', b'\xff']) * size
    elif kind == 5:  # a body field at an edge or a random value
        fields = [(24, 4), (28, 4)]
        for i in range(nr):
            o = 32 + 12 * i
            fields += [(o, 4), (o + 4, 4), (o + 8, 1), (o + 9, 1),
                       (o + 10, 2)]
        off, size = rng.choice(fields)
        v = rng.choice([0, 1, 2, 3, 0xff, rng.getrandbits(8)])
        m[off:off + size] = bytes([v]) * size
    elif kind == 6:  # the count off, the length kept or matching it
        n = rng.choice([nr + 1, max(nr - 1, 0), MAX_MEMBERS,
                        MAX_MEMBERS + 1, 0xffffffff, rng.getrandbits(32)])
        m[28:32] = struct.pack('>I', n)
        if rng.randrange(2) and n <= MAX_MEMBERS + 1:
            m = m[:32] + bytes(12 * n)
            m[8:12] = struct.pack('>I', len(m))
    elif kind == 7:  # a hello's type, or one unknown
        m[5] = rng.choice([0, HELLO, 3, 0xff])
    # else: well formed (refused: from a socket that is not ftalias's)
    if not m:
        m = bytearray(b'\0')
    return bytes(m)


def member_arg(s):
    port, prio, role, state = (num(x) for x in s.split(':'))
    return port, prio, role, state


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    cmd, typ, inst = argv[1], num(argv[2]), num(argv[3])
    if cmd == 'send':
        sendto(typ, inst, [bytes.fromhex(h) for h in argv[4:]])
    elif cmd == 'hello':
        sendto(typ, inst, [hello(num(argv[4]))])
    elif cmd == 'members':
        msgs, args = [], argv[4:]
        while args:
            end = args.index('--') if '--' in args else len(args)
            node, boot, alias = (num(a) for a in args[:3])
            msgs.append(members(node, alias,
                                [member_arg(a) for a in args[3:end]],
                                boot=boot))
            args = args[end + 1:]
        sendto(typ, inst, msgs)
    elif cmd == 'data':
        msgs, args = [], argv[4:]
        while args:
            end = args.index('--') if '--' in args else len(args)
            msgs.append(data_arg(args[0], args[1:end]))
            args = args[end + 1:]
        sendto(typ, inst, msgs)
    elif cmd == 'fuzz-data':
        node, seed, count, alias, id_node = (num(a) for a in argv[4:9])
        rng = random.Random(seed)
        sendto(typ, inst, [mutate_data(rng, node, alias, id_node)
                           for _ in range(count)])
    elif cmd == 'fuzz-members':
        node, seed, count, alias = (num(a) for a in argv[4:8])
        rng = random.Random(seed)
        sendto(typ, inst, [mutate_members(rng, node, alias)
                           for _ in range(count)])
    elif cmd == 'fuzz':
        node, seed, count = num(argv[4]), num(argv[5]), num(argv[6])
        rng = random.Random(seed)
        sendto(typ, inst, [mutate(rng, node) for _ in range(count)])
    elif cmd == 'bind':
        s = socket.socket(socket.AF_TIPC, socket.SOCK_RDM)
        s.bind((socket.TIPC_ADDR_NAMESEQ, typ, inst, inst))
        print('bound', flush=True)
        sys.stdin.read()
        s.close()
    else:
        sys.exit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
