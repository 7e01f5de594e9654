#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Hostile TIPC traffic for the cluster tests: what any process of a node
can send to ftalias's node socket, or publish in its place.

  tipc_send.py send TYPE INSTANCE HEX...   one message per HEX payload,
                                          to the service {TYPE, INSTANCE}
  tipc_send.py hello TYPE INSTANCE NODE    a well-formed hello claiming
                                          to be from NODE
  tipc_send.py bind TYPE INSTANCE          publish {TYPE, INSTANCE} at
                                          cluster scope, print "bound",
                                          hold it until stdin closes
  tipc_send.py fuzz TYPE INSTANCE NODE SEED COUNT
                                          COUNT mutations of a hello
                                          claiming NODE (bit flips, cuts,
                                          growth, random bytes, fields
                                          set to edge values), drawn
                                          from SEED
Numbers may be given in hex (0x...)."""

import random
import socket
import struct
import sys

MAGIC = 0x46544c43
VERSION = 1
HELLO = 1


def num(s):
    return int(s, 0)


def sendto(typ, inst, payloads):
    s = socket.socket(socket.AF_TIPC, socket.SOCK_RDM)
    for p in payloads:
        s.sendto(p, (socket.TIPC_ADDR_NAME, typ, inst, 0))
    s.close()


def hello(node, boot=0x1234, flags=0, length=24, typ=HELLO, version=VERSION,
          magic=MAGIC):
    # magic, version, type, len, node, flags, boot id
    return struct.pack('>IBBHIIQ', magic, version, typ, length, node, flags,
                       boot)


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
            m[6:8] = struct.pack('>H', len(m) & 0xffff)
    elif kind == 3:  # random bytes
        m = bytearray(rng.randrange(256) for _ in range(rng.randint(1, 64)))
    elif kind == 4:  # a field at an edge value
        off, size = rng.choice([(0, 4), (4, 1), (5, 1), (6, 2), (8, 4),
                                (12, 4), (16, 8)])
        m[off:off + size] = rng.choice([b'\0', b'\xff']) * size
    else:  # well formed, any flags and boot id
        m = bytearray(hello(node, rng.getrandbits(64), rng.getrandbits(32)))
    if not m:
        m = bytearray(b'\0')
    return bytes(m)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    cmd, typ, inst = argv[1], num(argv[2]), num(argv[3])
    if cmd == 'send':
        sendto(typ, inst, [bytes.fromhex(h) for h in argv[4:]])
    elif cmd == 'hello':
        sendto(typ, inst, [hello(num(argv[4]))])
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
