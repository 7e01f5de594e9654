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
Numbers may be given in hex (0x...)."""

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


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    cmd, typ, inst = argv[1], num(argv[2]), num(argv[3])
    if cmd == 'send':
        sendto(typ, inst, [bytes.fromhex(h) for h in argv[4:]])
    elif cmd == 'hello':
        node = num(argv[4])
        # magic, version, type, len, node, flags, boot id
        msg = struct.pack('>IBBHIIQ', MAGIC, VERSION, HELLO, 24, node, 0,
                          0x1234)
        sendto(typ, inst, [msg])
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
