#!/usr/bin/env python3
"""Writes the raw pixel patterns the test images are made from into the folder given as the only argument.

Every value is a closed formula of (x, y) on a 37 x 23 grid; Decoders/TestPatterns.cs in the tests holds the same
formulas, so the expected pixels of each file are computed, not stored. Raw 16-bit files for ImageMagick and netpbm
are big-endian; the DICOM pixel files are little-endian, as DICOM stores them.
"""
import os
import struct
import sys

W, H = 37, 23
out = sys.argv[1]


def grid():
    return [(x, y) for y in range(H) for x in range(W)]


def g8(x, y): return (7 * x + 11 * y) % 256
def g16(x, y): return (1733 * x + 2579 * y) % 65536
def glow(x, y, bits): return (x + 3 * y) % (1 << bits)
def rgb8(x, y): return ((13 * x + y) % 256, (17 * y + 3 * x) % 256, (x * y) % 256)
def rgb16(x, y): return ((1733 * x + 97 * y) % 65536, (2579 * y + x) % 65536, (131 * x * y) % 65536)
def a8(x, y): return (5 * x + 9 * y) % 256
def a16(x, y): return (3001 * x + 4001 * y) % 65536
def pal(i): return ((37 * i) % 256, (91 * i + 17) % 256, (53 * i + 111) % 256)
def pidx(x, y, n): return (x + 2 * y) % n
def palpha(i): return 0 if i % 5 == 0 else 128 if i % 5 == 1 else 255
def ct(x, y): return (211 * x + 97 * y) % 4096 - 1024
def cr12(x, y): return (101 * x + 37 * y) % 4096


def write(name, data):
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def be16(values): return struct.pack(">%dH" % len(values), *values)
def le16(values): return struct.pack("<%dH" % len(values), *values)


write("gray8.raw", bytes(g8(x, y) for x, y in grid()))
write("gray16.raw", be16([g16(x, y) for x, y in grid()]))
for bits in (1, 2, 4):
    # ImageMagick reads 8-bit input; v * 255 / (2^bits - 1) is exact at every lower depth it writes back.
    write("gray%d-as8.raw" % bits, bytes(glow(x, y, bits) * 255 // ((1 << bits) - 1) for x, y in grid()))
write("rgb8.raw", bytes(c for x, y in grid() for c in rgb8(x, y)))
write("rgb16.raw", be16([c for x, y in grid() for c in rgb16(x, y)]))
write("graya8.raw", bytes(c for x, y in grid() for c in (g8(x, y),) * 3 + (a8(x, y),)))
write("graya16.raw", be16([c for x, y in grid() for c in (g16(x, y),) * 3 + (a16(x, y),)]))
write("rgba8.raw", bytes(c for x, y in grid() for c in rgb8(x, y) + (a8(x, y),)))
write("rgba16.raw", be16([c for x, y in grid() for c in rgb16(x, y) + (a16(x, y),)]))
for n in (2, 4, 11, 40):
    write("palette%d.raw" % n, bytes(c for x, y in grid() for c in pal(pidx(x, y, n))))

# netpbm inputs: binary PGM/PPM with the same samples.
write("gray8.pgm", b"P5 %d %d 255\n" % (W, H) + bytes(g8(x, y) for x, y in grid()))
write("gray16.pgm", b"P5 %d %d 65535\n" % (W, H) + be16([g16(x, y) for x, y in grid()]))
write("rgb8.ppm", b"P6 %d %d 255\n" % (W, H) + bytes(c for x, y in grid() for c in rgb8(x, y)))
write("rgb16.ppm", b"P6 %d %d 65535\n" % (W, H) + be16([c for x, y in grid() for c in rgb16(x, y)]))
write("palette12.ppm", b"P6 %d %d 255\n" % (W, H) + bytes(c for x, y in grid() for c in pal(pidx(x, y, 12))))
write("palette12-alpha.pgm", b"P5 %d %d 255\n" % (W, H) + bytes(palpha(pidx(x, y, 12)) for x, y in grid()))

# DICOM pixel data, little-endian.
write("ct.le", struct.pack("<%dh" % (W * H), *[ct(x, y) for x, y in grid()]))
write("cr12.le", le16([cr12(x, y) for x, y in grid()]))
# High bit 13 for 12 stored bits: the value sits in bits 2..13; bits 0, 1 and 15 carry noise the decoder must drop.
write("cr12-highbit13.le", le16([(cr12(x, y) << 2) | 0b11 | 0x8000 for x, y in grid()]))
write("gray8-2frames.raw", bytes(g8(x, y) for x, y in grid()) + bytes(255 - g8(x, y) for x, y in grid()))
write("rgb8-planar.raw", bytes(rgb8(x, y)[c] for c in range(3) for x, y in grid()))
