#!/usr/bin/python3
"""Unauthenticated HTTP/2 floods against a running biopolisd, from a raw client
(hyperframe + hpack: frames written by hand, no gRPC library, no flow control
honoured, so it can do what a hostile peer does):

  1. headers: one connection opens 20,000 streams (HEADERS without END_STREAM,
     no key) and never finishes them;
  2. half-messages: 500 streams each announce a 1 MiB gRPC message and send
     half of it.

During each, a normal call (grpcio, a real key) is timed; afterwards the
server's peak RSS (VmHWM) is read. Exits non-zero when the peak passes
--max-rss-mib or the normal call's median passes --max-call-ms.

  http2_flood.py PORT PID KEY [--max-rss-mib 256] [--max-call-ms 100] [--ack-settings]
"""
import argparse
import socket
import statistics
import threading
import time

import grpc
import hpack
from hyperframe.frame import DataFrame, HeadersFrame, SettingsFrame

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
METHOD = "/biopolis.v1.PolicyService/ListZonePolicies"


def peak_rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return 0.0


class RawConnection:
    def __init__(self, port, ack_settings):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.encoder = hpack.Encoder()
        self.closed = False
        self.sock.sendall(PREFACE + SettingsFrame(0).serialize())
        # Drain whatever the server sends (SETTINGS, RST_STREAM, GOAWAY) so it never blocks on us.
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()
        if ack_settings:
            # Acknowledge the server's SETTINGS (sent at once on connect), as
            # every HTTP/2 client library does: its MAX_CONCURRENT_STREAMS then binds.
            time.sleep(0.2)
            ack = SettingsFrame(0)
            ack.flags.add("ACK")
            self.sock.sendall(ack.serialize())

    def _drain(self):
        try:
            while self.sock.recv(65536):
                pass
        except OSError:
            pass
        self.closed = True

    def send(self, data):
        try:
            self.sock.sendall(data)
            return True
        except OSError:
            self.closed = True
            return False

    def headers(self, stream_id, port):
        block = self.encoder.encode([(":method", "POST"), (":scheme", "http"), (":path", METHOD),
                                     (":authority", f"127.0.0.1:{port}"), ("content-type", "application/grpc"),
                                     ("te", "trailers")])
        frame = HeadersFrame(stream_id, block)
        frame.flags.add("END_HEADERS")
        return frame.serialize()

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass


def time_normal_calls(port, key, stop, samples):
    channel = grpc.insecure_channel(f"127.0.0.1:{port}")
    call = channel.unary_unary(METHOD, request_serializer=None, response_deserializer=None)
    while not stop.is_set():
        t0 = time.monotonic()
        try:
            call(b"", metadata=[("authorization", "Bearer " + key)], timeout=10)
            samples.append((time.monotonic() - t0) * 1000.0)
        except grpc.RpcError as e:
            samples.append(float("inf"))
            print("  normal call failed:", e.code(), e.details())
        time.sleep(0.05)
    channel.close()


def run(name, attack, args):
    stop = threading.Event()
    samples = []
    timer = threading.Thread(target=time_normal_calls, args=(args.port, args.key, stop, samples))
    timer.start()
    t0 = time.monotonic()
    held = attack(args)
    # Keep the attack's streams open a moment while the normal calls go on.
    time.sleep(1.0)
    stop.set()
    timer.join()
    rss_during = rss_mib(args.pid)
    for c in held:
        c.close()
    median = statistics.median(samples) if samples else float("inf")
    print(f"{name}: {time.monotonic() - t0:.1f}s, server RSS during {rss_during:.1f} MiB, "
          f"peak {peak_rss_mib(args.pid):.1f} MiB; normal calls n={len(samples)} "
          f"median={median:.1f}ms max={max(samples) if samples else float('inf'):.1f}ms")
    return median


def headers_flood(args):
    c = RawConnection(args.port, args.ack_settings)
    sent = 0
    for i in range(20000):
        if not c.send(c.headers(2 * i + 1, args.port)):
            break
        sent += 1
    print(f"  headers flood: {sent} HEADERS frames sent, connection {'closed by the server' if c.closed else 'open'}")
    return [c]


def half_message_flood(args):
    conns = []
    streams = 0
    chunk = b"\x00" * 16384
    half = 512 * 1024
    for _ in range(5):
        c = RawConnection(args.port, args.ack_settings)
        conns.append(c)
        for i in range(100):
            sid = 2 * i + 1
            if not c.send(c.headers(sid, args.port)):
                break
            # The gRPC message prefix announces 1 MiB; half of it follows.
            body = b"\x00" + (1024 * 1024).to_bytes(4, "big")
            ok = c.send(DataFrame(sid, body).serialize())
            sent = 0
            while ok and sent < half:
                ok = c.send(DataFrame(sid, chunk).serialize())
                sent += len(chunk)
            if not ok:
                break
            streams += 1
    print(f"  half-message flood: {streams} streams sent half of an announced 1 MiB message")
    return conns


def main():
    p = argparse.ArgumentParser()
    p.add_argument("port", type=int)
    p.add_argument("pid", type=int)
    p.add_argument("key")
    p.add_argument("--max-rss-mib", type=float, default=256)
    p.add_argument("--max-call-ms", type=float, default=100)
    p.add_argument("--ack-settings", action="store_true",
                   help="acknowledge the server's SETTINGS, as HTTP/2 client libraries do")
    args = p.parse_args()
    print(f"server RSS before: {rss_mib(args.pid):.1f} MiB")
    ok = True
    for name, attack in (("headers flood", headers_flood), ("half-message flood", half_message_flood)):
        median = run(name, attack, args)
        if median > args.max_call_ms:
            print(f"FAIL: {name}: a normal call's median took {median:.1f} ms (limit {args.max_call_ms})")
            ok = False
    peak = peak_rss_mib(args.pid)
    if peak > args.max_rss_mib:
        print(f"FAIL: server peak RSS {peak:.1f} MiB (limit {args.max_rss_mib})")
        ok = False
    print("http2 floods:", "1 passed, 0 failed" if ok else "0 passed, 1 failed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
