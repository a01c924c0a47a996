#!/usr/bin/env bash
# Produce a Debian-12-compatible copy of TorchSharp 0.107.0's libLibTorchSharp.so.
# The packaged lib needs GLIBCXX_3.4.32 for one symbol (_ZSt21ios_base_library_initv);
# Debian 12 libstdc++ only provides up to GLIBCXX_3.4.30.
# Output: native/{libLibTorchSharp.so,libstdcxx_ios_shim.so} next to this script
# The csproj copies these over the packaged file after every build (target CopyPatchedNative).
# Rerunnable. Requires: patchelf (apt-get install -y patchelf), g++, python3. Run after `dotnet restore`.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PKG="${NUGET_PACKAGES:-$HOME/.nuget/packages}/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so"
OUT="$HERE/native"
SYM=_ZSt21ios_base_library_initv
VER=GLIBCXX_3.4.32

command -v patchelf >/dev/null || { echo "installing patchelf" >&2; (apt-get install -y patchelf || sudo apt-get install -y patchelf) >/dev/null; }
[ -f "$PKG" ] || { echo "missing $PKG (run dotnet restore first)" >&2; exit 1; }
mkdir -p "$OUT"

# 1) shim defining an empty std::ios_base_library_init()
printf 'namespace std { void ios_base_library_init() {} }\n' > "$OUT/ios_shim.cpp"
g++ -O2 -shared -fPIC -o "$OUT/libstdcxx_ios_shim.so" "$OUT/ios_shim.cpp"
rm -f "$OUT/ios_shim.cpp"

# 2) patched copy: unversion the symbol, depend on the shim (found via RUNPATH $ORIGIN)
cp -f "$PKG" "$OUT/libLibTorchSharp.so"
chmod u+w "$OUT/libLibTorchSharp.so"
patchelf --clear-symbol-version "$SYM" "$OUT/libLibTorchSharp.so"
if ! readelf -d "$OUT/libLibTorchSharp.so" | grep -q 'libstdcxx_ios_shim.so'; then
  patchelf --add-needed libstdcxx_ios_shim.so "$OUT/libLibTorchSharp.so"
fi

# 3) mark the GLIBCXX_3.4.32 Vernaux entry weak (VER_FLG_WEAK = 0x2)
python3 - "$OUT/libLibTorchSharp.so" "$VER" <<'PY'
import struct, sys
path, want = sys.argv[1], sys.argv[2].encode()
data = bytearray(open(path, 'rb').read())
assert data[:4] == b'\x7fELF' and data[4] == 2 and data[5] == 1, "need ELF64 little-endian"
e_shoff, = struct.unpack_from('<Q', data, 0x28)
e_shentsize, e_shnum = struct.unpack_from('<HH', data, 0x3A)
def sh(i):
    # name,type,flags,addr,offset,size,link,info,addralign,entsize
    return struct.unpack_from('<IIQQQQIIQQ', data, e_shoff + i * e_shentsize)
SHT_GNU_verneed = 0x6ffffffe
hits = 0
for i in range(e_shnum):
    s = sh(i)
    if s[1] != SHT_GNU_verneed:
        continue
    vr_off, vr_cnt = s[4], s[7]
    strtab_off = sh(s[6])[4]
    def cstr(o):
        o += strtab_off
        return bytes(data[o:data.index(b'\0', o)])
    off = vr_off
    for _ in range(vr_cnt):
        vn_version, vn_cnt, vn_file, vn_aux, vn_next = struct.unpack_from('<HHIII', data, off)
        a = off + vn_aux
        for _ in range(vn_cnt):
            vna_hash, vna_flags, vna_other, vna_name, vna_next = struct.unpack_from('<IHHII', data, a)
            if cstr(vna_name) == want:
                struct.pack_into('<H', data, a + 4, vna_flags | 0x2)
                hits += 1
            if not vna_next: break
            a += vna_next
        if not vn_next: break
        off += vn_next
if hits != 1:
    sys.exit("expected exactly one %s entry, found %d" % (want.decode(), hits))
open(path, 'wb').write(data)
print("marked %s weak" % want.decode())
PY

echo "check:" >&2
objdump -T "$OUT/libLibTorchSharp.so" | grep "$SYM" >&2 || true
readelf -V "$OUT/libLibTorchSharp.so" | grep "$VER" >&2 || true

# if the app is already built, drop the files into the output too
for d in "$HERE"/bin/*/net10.0/runtimes/linux-x64/native; do
  [ -d "$d" ] && cp -f "$OUT/libLibTorchSharp.so" "$OUT/libstdcxx_ios_shim.so" "$d/"
done
echo "done: $OUT" >&2
