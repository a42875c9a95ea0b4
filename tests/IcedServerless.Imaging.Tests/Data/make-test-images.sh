#!/usr/bin/env bash
# Regenerates the committed test images (png/, dicom/) from the closed-form patterns in patterns.py, with real
# encoders: ImageMagick 6 (convert), netpbm (pnmtopng) and DCMTK 3.6 (dump2dcm, img2dcm, dcmconv, dcmodify, dcmcrle).
#   apt-get install -y imagemagick netpbm dcmtk
# Every PNG's IHDR (and filter types) and every DICOM's transfer syntax is checked afterwards, so a tool that
# silently wrote something else fails the script instead of weakening the tests.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 patterns.py "$tmp"
mkdir -p png dicom
rm -f png/*.png dicom/*.dcm

# /usr/bin/convert explicitly: a stand-in may shadow it on PATH. Dates are left out so output is reproducible, and
# the background colour because ImageMagick adds it to small palettes, which then no longer fit 1 or 2 bits.
im() { /usr/bin/convert -define png:exclude-chunks=date,time,bKGD "$@"; }
size=(-size 37x23)

cd "$tmp"
# --- PNG, ImageMagick: every colour type and bit depth -------------------------------------------------------
for bits in 1 2 4; do
  im "${size[@]}" -depth 8 gray:gray$bits-as8.raw -define png:color-type=0 -define png:bit-depth=$bits "$here/png/gray$bits.png"
done
im "${size[@]}" -depth 8 gray:gray2-as8.raw -interlace PNG -define png:color-type=0 -define png:bit-depth=2 "$here/png/gray2-adam7.png"
im "${size[@]}" -depth 8 gray:gray8.raw -define png:color-type=0 -define png:bit-depth=8 "$here/png/gray8.png"
im "${size[@]}" -endian MSB -depth 16 gray:gray16.raw -define png:color-type=0 -define png:bit-depth=16 "$here/png/gray16.png"
im "${size[@]}" -depth 8 rgb:rgb8.raw -define png:color-type=2 -define png:bit-depth=8 "$here/png/rgb8.png"
im "${size[@]}" -depth 8 rgb:rgb8.raw -interlace PNG -define png:color-type=2 -define png:bit-depth=8 "$here/png/rgb8-adam7.png"
im "${size[@]}" -endian MSB -depth 16 rgb:rgb16.raw -define png:color-type=2 -define png:bit-depth=16 "$here/png/rgb16.png"
im "${size[@]}" -depth 8 rgba:graya8.raw -define png:color-type=4 -define png:bit-depth=8 "$here/png/graya8.png"
im "${size[@]}" -endian MSB -depth 16 rgba:graya16.raw -define png:color-type=4 -define png:bit-depth=16 "$here/png/graya16.png"
im "${size[@]}" -depth 8 rgba:rgba8.raw -define png:color-type=6 -define png:bit-depth=8 "$here/png/rgba8.png"
im "${size[@]}" -depth 8 rgba:rgba8.raw -interlace PNG -define png:color-type=6 -define png:bit-depth=8 "$here/png/rgba8-adam7.png"
im "${size[@]}" -endian MSB -depth 16 rgba:rgba16.raw -define png:color-type=6 -define png:bit-depth=16 "$here/png/rgba16.png"
for pair in 2:1 4:2 11:4 40:8; do
  n=${pair%%:*} bits=${pair##*:}
  im "${size[@]}" -depth 8 rgb:palette$n.raw -define png:color-type=3 -define png:bit-depth=$bits "$here/png/palette$n-$bits.png"
done

# --- PNG, netpbm: each row filter forced, interlace, tRNS colour keys and palette alphas --------------------
for f in nofilter sub up avg paeth; do
  pnmtopng -$f gray8.pgm > "$here/png/gray8-$f.png" 2>/dev/null
  pnmtopng -$f rgb16.ppm > "$here/png/rgb16-$f.png" 2>/dev/null
done
pnmtopng -interlace -paeth gray16.pgm > "$here/png/gray16-adam7-paeth.png" 2>/dev/null
pnmtopng -interlace -avg rgb8.ppm > "$here/png/rgb8-adam7-avg.png" 2>/dev/null
# Gray key 77 and the colour of pixel (5, 3) become fully transparent.
pnmtopng -transparent =rgb:4d/4d/4d gray8.pgm > "$here/png/gray8-trns.png" 2>/dev/null
pnmtopng -transparent =rgb:44/42/0f rgb8.ppm > "$here/png/rgb8-trns.png" 2>/dev/null
# 12 colours with alphas 0, 128 and 255: pnmtopng writes a 4-bit palette and a tRNS shorter than the palette
# (ImageMagick would alter the colours of half-transparent entries by premultiplying).
pnmtopng -alpha=palette12-alpha.pgm palette12.ppm > "$here/png/palette12-trns.png" 2>/dev/null

# --- DICOM, DCMTK ---------------------------------------------------------------------------------------------
# The shared attribute block; the pixel module and Pixel Data file are appended per image.
header() {
  cat <<DUMP
(0002,0002) UI =SecondaryCaptureImageStorage
(0002,0003) UI [2.25.$1]
(0002,0010) UI =LittleEndianExplicit
(0008,0016) UI =SecondaryCaptureImageStorage
(0008,0018) UI [2.25.$1]
(0008,0060) CS [OT]
(0010,0010) PN [Test^Pattern]
DUMP
}
pixel_module() { # rows cols spp photometric allocated stored high signed
  cat <<DUMP
(0028,0002) US $3
(0028,0004) CS [$4]
(0028,0010) US $1
(0028,0011) US $2
(0028,0100) US $5
(0028,0101) US $6
(0028,0102) US $7
(0028,0103) US $8
DUMP
}

# CT-like: signed 16-bit with rescale and two windows, a nested referenced-image sequence before the pixel module
# and an icon image sequence (with its own Rows, Columns and Pixel Data) after it.
{
  header 1001
  cat <<'DUMP'
(0008,1140) SQ (Sequence with undefined length)
  (fffe,e000) na (Item with undefined length)
    (0008,1150) UI =CTImageStorage
    (0008,1155) UI [2.25.1002]
    (0008,9215) SQ (Sequence with undefined length)
      (fffe,e000) na (Item with undefined length)
        (0008,0100) SH [113072]
        (0008,0102) SH [DCM]
        (0008,0104) LO [Multiplanar reformatting]
      (fffe,e00d) na (ItemDelimitationItem)
    (fffe,e0dd) na (SequenceDelimitationItem)
  (fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
DUMP
  pixel_module 23 37 1 MONOCHROME2 16 16 15 1
  cat <<'DUMP'
(0028,1050) DS [40\60]
(0028,1051) DS [400\800]
(0028,1052) DS [-100]
(0028,1053) DS [0.5]
(0088,0200) SQ (Sequence with undefined length)
  (fffe,e000) na (Item with undefined length)
    (0028,0002) US 1
    (0028,0004) CS [MONOCHROME2]
    (0028,0010) US 2
    (0028,0011) US 2
    (0028,0100) US 8
    (0028,0101) US 8
    (0028,0102) US 7
    (0028,0103) US 0
    (7fe0,0010) OB 01\02\03\04
  (fffe,e00d) na (ItemDelimitationItem)
(fffe,e0dd) na (SequenceDelimitationItem)
(7fe0,0010) OW =ct.le
DUMP
} > ct.dump
dump2dcm -e ct.dump "$here/dicom/ct-explicit-undefined-lengths.dcm"
dump2dcm ct.dump "$here/dicom/ct-explicit-defined-lengths.dcm"
dcmconv +ti -e "$here/dicom/ct-explicit-undefined-lengths.dcm" "$here/dicom/ct-implicit.dcm"
dcmconv +td "$here/dicom/ct-explicit-undefined-lengths.dcm" "$here/dicom/ct-deflated.dcm"
dcmconv -F +ti -e "$here/dicom/ct-explicit-undefined-lengths.dcm" "$here/dicom/ct-raw-implicit.dcm"
dcmconv -F +te "$here/dicom/ct-explicit-undefined-lengths.dcm" "$here/dicom/ct-raw-explicit.dcm"
cp "$here/dicom/ct-explicit-defined-lengths.dcm" "$here/dicom/ct-no-window.dcm"
dcmodify -nb -e "(0028,1050)" -e "(0028,1051)" "$here/dicom/ct-no-window.dcm"
# Refused syntaxes: big-endian and RLE-compressed copies of the same image.
dcmconv +tb "$here/dicom/ct-explicit-defined-lengths.dcm" "$here/dicom/ct-big-endian.dcm"
dcmcrle "$here/dicom/ct-explicit-defined-lengths.dcm" "$here/dicom/ct-rle.dcm"

# Computed-radiography-like: 12 of 16 bits, MONOCHROME1, no window; and the same values with High Bit 13.
{ header 1003; pixel_module 23 37 1 MONOCHROME1 16 12 11 0; echo '(7fe0,0010) OW =cr12.le'; } > cr12.dump
dump2dcm cr12.dump "$here/dicom/cr-mono1-12bit.dcm"
{ header 1004; pixel_module 23 37 1 MONOCHROME2 16 12 13 0; echo '(7fe0,0010) OW =cr12-highbit13.le'; } > cr12hb.dump
dump2dcm +ti cr12hb.dump "$here/dicom/cr-12bit-highbit13.dcm"

# Two 8-bit frames; the decoder takes the first.
{ header 1005; echo '(0028,0008) IS [2]'; pixel_module 23 37 1 MONOCHROME2 8 8 7 0; echo '(7fe0,0010) OB =gray8-2frames.raw'; } > frames.dump
dump2dcm frames.dump "$here/dicom/mono2-8bit-2frames.dcm"

# RGB: interleaved by img2dcm from a 24-bit BMP, and colour-by-plane written directly.
/usr/bin/convert "${size[@]}" -depth 8 rgb:rgb8.raw bmp3:rgb8.bmp
img2dcm -i BMP -k "SOPInstanceUID=2.25.1006" -k "StudyInstanceUID=2.25.1007" -k "SeriesInstanceUID=2.25.1008" \
  rgb8.bmp "$here/dicom/rgb-img2dcm.dcm"
{ header 1009; echo '(0028,0006) US 1'; pixel_module 23 37 3 RGB 8 8 7 0; echo '(7fe0,0010) OB =rgb8-planar.raw'; } > planar.dump
dump2dcm planar.dump "$here/dicom/rgb-planar.dcm"

# --- Checks ---------------------------------------------------------------------------------------------------
cd "$here"
python3 - <<'PY'
import glob, os, struct, zlib
expect = {  # name: (bit depth, colour type, interlace, filter types or None)
    "gray1": (1, 0, 0, None), "gray2": (2, 0, 0, None), "gray4": (4, 0, 0, None), "gray2-adam7": (2, 0, 1, None),
    "gray8": (8, 0, 0, None), "gray16": (16, 0, 0, None), "rgb8": (8, 2, 0, None), "rgb8-adam7": (8, 2, 1, None),
    "rgb16": (16, 2, 0, None), "graya8": (8, 4, 0, None), "graya16": (16, 4, 0, None), "rgba8": (8, 6, 0, None),
    "rgba8-adam7": (8, 6, 1, None), "rgba16": (16, 6, 0, None), "palette2-1": (1, 3, 0, None),
    "palette4-2": (2, 3, 0, None), "palette11-4": (4, 3, 0, None), "palette40-8": (8, 3, 0, None),
    "palette12-trns": (4, 3, 0, None), "gray16-adam7-paeth": (16, 0, 1, {4}), "rgb8-adam7-avg": (8, 2, 1, {3}),
    "gray8-trns": (8, 0, 0, None), "rgb8-trns": (8, 2, 0, None),
}
for i, f in enumerate(["nofilter", "sub", "up", "avg", "paeth"]):
    expect["gray8-" + f] = (8, 0, 0, {i})
    expect["rgb16-" + f] = (16, 2, 0, {i})
found = {os.path.basename(p)[:-4] for p in glob.glob("png/*.png")}
assert found == set(expect), sorted(found ^ set(expect))
for name, (depth, ctype, interlace, filters) in expect.items():
    data = open("png/%s.png" % name, "rb").read()
    pos, chunks, idat = 8, [], b""
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        chunks.append(data[pos + 4:pos + 8].decode())
        if chunks[-1] == "IHDR":
            w, h, d, c, _, _, il = struct.unpack(">IIBBBBB", data[pos + 8:pos + 21])
        if chunks[-1] == "IDAT":
            idat += data[pos + 8:pos + 8 + n]
        pos += 12 + n
    assert (w, h, d, c, il) == (37, 23, depth, ctype, interlace), (name, w, h, d, c, il)
    assert ("tRNS" in chunks) == name.endswith("trns"), (name, chunks)
    if filters is not None:
        raw = zlib.decompress(idat)
        stride = 1 + (37 * {0: 1, 2: 3}[ctype] * depth + 7) // 8
        if not interlace:
            assert {raw[r * stride] for r in range(23)} == filters, name
PY
for f in dicom/*.dcm; do printf '%-45s %s\n' "$f" "$(dcmdump -q +P 0002,0010 "$f" 2>/dev/null | sed 's/ *#.*//' || true)"; done
ls -l png dicom | awk '{s+=$5} END {print s " bytes in all"}'
