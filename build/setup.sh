#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks for building and testing Numerics.Native.
# Idempotent and quiet when everything is present.
set -euo pipefail

PACKAGES=(
  cmake gcc g++ make pkg-config
  libopenblas0-pthread libopenblas-pthread-dev   # the chosen OpenBLAS build (see README "Architecture")
  libopenblas0-openmp libopenblas-openmp-dev     # the other build: kept so the probe test can re-check the choice
  liblapacke liblapacke-dev
  libblas3 liblapack3                            # reference BLAS/LAPACK: the second backend for tests
  libblis4-pthread                               # BLIS: an optional level-3 backend
  libsleef3 libsleef-dev
  python3-numpy python3-threadpoolctl            # the test oracle and the NumPy benchmark script (/usr/bin/python3)
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq >/dev/null
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
