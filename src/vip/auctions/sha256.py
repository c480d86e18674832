"""SHA-256 of many short messages that share a prefix (the tie keys `seed:id`), in bulk (numba).

hashlib costs a Python call, an object and a bytes each: about half a microsecond a key, most
of a tie-heavy clearing. Here the messages are laid out once in a byte buffer and hashed 16 at a
time, one message per lane of the same loop (the compiler vectorises it over the lanes); the
prefix's whole 64-byte blocks are compressed once for all of them. FIPS 180-4; the tests check
the digests against hashlib's.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numba
import numpy as np
from numpy.typing import NDArray

LANES = 16
BLOCK = 64
# Ids are read TOUCHED at a time before they are hashed: loaded one by one among the rounds, each
# id's cache miss waited alone (87,000 ids of 10M read at random: 26 ms, against 9 ms so).
TOUCHED = 256


def _root_bits(prime: int, degree: int) -> int:
    """The first 32 bits of the fractional part of prime's square (2) or cube (3) root: the
    constants of FIPS 180-4, section 4.2.2 and 5.3.3, computed exactly in integers."""
    scaled = prime << (32 * degree)
    root = round(math.pow(scaled, 1 / degree))
    while root**degree > scaled:
        root -= 1
    while (root + 1) ** degree <= scaled:
        root += 1
    return root & 0xFFFFFFFF


_PRIMES = [p for p in range(2, 312) if all(p % d for d in range(2, math.isqrt(p) + 1))]
_K = np.array([_root_bits(p, 3) for p in _PRIMES], dtype=np.uint32)  # the 64 round constants
_INITIAL = np.array([_root_bits(p, 2) for p in _PRIMES[:8]], dtype=np.uint32)
Words = NDArray[np.uint32]


@numba.njit(cache=True, nogil=True, inline="always")
def _rotr(x: int, n: int) -> int:
    """x (32 bits) rotated right by n; the bits above the 32nd are left for the store to drop."""
    return (x >> n) | (x << (32 - n))


@numba.njit(cache=True, nogil=True, inline="always")
def _blocks_rounds(w: Words, h: Words, s: Words) -> None:
    """Compress one block per lane into the states h[:, lane], its 16 words in w[:16, lane]:
    every operation is on uint32 values read from an array, so the high bits numba's wider
    integers carry never reach a right shift."""
    for t in range(16, 64):
        for lane in range(LANES):
            x = w[t - 15, lane]
            y = w[t - 2, lane]
            s0 = _rotr(x, 7) ^ _rotr(x, 18) ^ (x >> 3)
            s1 = _rotr(y, 17) ^ _rotr(y, 19) ^ (y >> 10)
            w[t, lane] = w[t - 16, lane] + s0 + w[t - 7, lane] + s1
    for j in range(8):
        for lane in range(LANES):
            s[j, lane] = h[j, lane]
    for t in range(64):
        k = _K[t]
        for lane in range(LANES):
            a, b, c, d = s[0, lane], s[1, lane], s[2, lane], s[3, lane]
            e, f, g, hh = s[4, lane], s[5, lane], s[6, lane], s[7, lane]
            sum1 = _rotr(e, 6) ^ _rotr(e, 11) ^ _rotr(e, 25)
            sum0 = _rotr(a, 2) ^ _rotr(a, 13) ^ _rotr(a, 22)
            t1 = hh + sum1 + ((e & f) ^ (~e & g)) + k + w[t, lane]
            t2 = sum0 + ((a & b) ^ (a & c) ^ (b & c))
            s[7, lane], s[6, lane], s[5, lane], s[4, lane] = g, f, e, d + t1
            s[3, lane], s[2, lane], s[1, lane], s[0, lane] = c, b, a, t1 + t2
    for j in range(8):
        for lane in range(LANES):
            h[j, lane] += s[j, lane]


@numba.njit(cache=True, nogil=True)
def _compress(words: Words, start: Words, out: Words) -> None:
    """out[i] = the state after compressing message i's blocks words[i] (16 big-endian words
    each) from the state `start`. Lane l of each pass is message base + l."""
    n, blocks = words.shape[0], words.shape[1]
    w = np.zeros((64, LANES), np.uint32)
    h = np.empty((8, LANES), np.uint32)
    s = np.empty((8, LANES), np.uint32)
    for base in range(0, n, LANES):
        m = min(LANES, n - base)
        for j in range(8):
            for lane in range(LANES):
                h[j, lane] = start[j]
        for block in range(blocks):
            for t in range(16):
                for lane in range(m):
                    w[t, lane] = words[base + lane, block, t]
            _blocks_rounds(w, h, s)
        for lane in range(m):
            for j in range(8):
                out[base + lane, j] = h[j, lane]


@numba.njit(cache=True, nogil=True)
def _compress_single(
    head: NDArray[np.uint8],
    data: NDArray[np.uint8],
    offsets: NDArray[np.int64],
    chosen: NDArray[np.intp],
    rows: NDArray[np.intp],
    hashed: int,
    start: Words,
    out: NDArray[np.uint64],
) -> None:
    """out[rows[k]] = the digest words of message chosen[rows[k]], whose padded tail (head, its
    bytes, 0x80, its bit length) fits one block: the block's words are put together from the
    bytes in the lanes themselves, with no padded copy of every message, and the state written
    as the digest's 64-bit words (the tie keys are nearly always this case: short ids)."""
    w = np.zeros((64, LANES), np.uint32)
    h = np.empty((8, LANES), np.uint32)
    s = np.empty((8, LANES), np.uint32)
    n = rows.size
    for base in range(0, n, LANES):
        if base % TOUCHED == 0:  # the next TOUCHED ids read at once, so that their misses overlap
            stop = min(n, base + TOUCHED)
            for k in range(base, stop):
                out[rows[k], 0] = data[offsets[chosen[rows[k]]]]
        m = min(LANES, n - base)
        for j in range(8):
            for lane in range(LANES):
                h[j, lane] = start[j]
        for t in range(16):
            for lane in range(LANES):
                w[t, lane] = 0
        for lane in range(m):
            i = chosen[rows[base + lane]]
            first = offsets[i]
            length = head.size + offsets[i + 1] - 1 - first  # less the NUL after it
            for p in range(length + 1):
                if p < head.size:
                    byte = head[p]
                elif p < length:
                    byte = data[first + p - head.size]
                else:
                    byte = 0x80
                w[p >> 2, lane] |= np.uint32(byte) << (24 - 8 * (p & 3))
            bits = (hashed + length) * 8
            w[14, lane] = bits >> 32
            w[15, lane] = bits & 0xFFFFFFFF
        _blocks_rounds(w, h, s)
        for lane in range(m):
            for q in range(4):
                high = np.uint64(h[2 * q, lane]) << np.uint64(32)
                out[rows[base + lane], q] = high | np.uint64(h[2 * q + 1, lane])


@numba.njit(cache=True, nogil=True)
def _pad(
    head: NDArray[np.uint8],
    data: NDArray[np.uint8],
    offsets: NDArray[np.int64],
    chosen: NDArray[np.intp],
    hashed: int,
    out: NDArray[np.uint8],
) -> None:
    """out[k] = the padded tail of message chosen[k] (its bytes data[offsets[i]:offsets[i + 1]],
    less the NUL that ends them): head (the prefix past its whole blocks),
    the message's bytes, 0x80, zeros, and the bit length of all (hashed prefix bytes too)."""
    size = out.shape[1]
    for k in range(chosen.size):
        i = chosen[k]
        first, last = offsets[i], offsets[i + 1] - 1  # less the NUL after it
        length = head.size + last - first
        out[k, : head.size] = head
        out[k, head.size : length] = data[first:last]
        out[k, length] = 0x80
        out[k, length + 1 : size - 8] = 0
        bits = (hashed + length) * 8
        for q in range(8):
            out[k, size - 1 - q] = (bits >> (8 * q)) & 0xFF


def _state_words(state: NDArray[np.uint32]) -> NDArray[np.uint64]:
    """Rows of 8 uint32 state words as the digests' 4 big-endian uint64 words."""
    return (state[:, 0::2].astype(np.uint64) << np.uint64(32)) | state[:, 1::2]


def encoded(messages: Sequence[str]) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    """The messages' UTF-8 bytes, each followed by one byte (a NUL), and where each starts (and
    the last's NUL ends). Where no message holds a NUL, the NULs found in the joined bytes say
    where each ends, without a length per message from Python."""
    n = len(messages)
    joined = "\0".join(messages) + "\0"
    data = np.frombuffer(joined.encode(), dtype=np.uint8)
    offsets = np.zeros(n + 1, dtype=np.int64)
    if joined.count("\0") == n:
        offsets[1:] = np.flatnonzero(data == 0) + 1
    else:
        lengths = (len(message.encode()) + 1 for message in messages)
        np.cumsum(np.fromiter(lengths, dtype=np.int64, count=n), out=offsets[1:])
    return data, offsets


def digest_words(
    prefix: str,
    data: NDArray[np.uint8],
    offsets: NDArray[np.int64],
    chosen: NDArray[np.intp],
    longest: int,
) -> NDArray[np.uint64]:
    """SHA-256 of prefix + message i for each i chosen from the messages laid out by `encoded`
    (none longer than `longest` bytes), as rows of four big-endian 64-bit words in the order
    chosen (rows in lexicographic order are the hex digests in ascending order)."""
    head = np.frombuffer(prefix.encode(), dtype=np.uint8)
    whole = head.size - head.size % BLOCK
    start = _INITIAL
    if whole:  # the prefix's whole blocks, once
        state = np.empty((1, 8), np.uint32)
        _compress(head[:whole].view(">u4").astype(np.uint32).reshape(1, -1, 16), start, state)
        start = state[0]
    head = head[whole:]
    out = np.empty((chosen.size, 4), np.uint64)
    everyone = np.arange(chosen.size)
    if (head.size + longest + 8) // BLOCK == 0:  # every tail fits one block: no length read
        _compress_single(head, data, offsets, chosen, everyone, whole, start, out)
        return out
    lengths = offsets[chosen + 1] - offsets[chosen] - 1  # less each message's NUL
    blocks = (head.size + lengths + 8) // BLOCK + 1  # the tail's blocks, padded
    for count in np.unique(blocks).tolist():
        rows = everyone[blocks == count]
        if count == 1:
            _compress_single(head, data, offsets, chosen, rows, whole, start, out)
            continue
        padded = np.empty((rows.size, count * BLOCK), np.uint8)
        _pad(head, data, offsets, chosen[rows], whole, padded)
        tails = padded.view(">u4").astype(np.uint32).reshape(rows.size, count, 16)
        state = np.empty((rows.size, 8), np.uint32)
        _compress(tails, start, state)
        out[rows] = _state_words(state)
    return out
