#!/usr/bin/env bash
# Fetches the test fixtures (real photos, ImageNet labels, the nsfwjs TF.js model) into <repo>/.fixtures/.
#
# Where: $TRT4J_FIXTURES if set, else .fixtures/ at the root of the git checkout holding the CURRENT directory
# (so `cd /work/main && bash /path/to/.ci/fetch-fixtures.sh` fills /work/main/.fixtures), else ./.fixtures.
# Idempotent: a file already present is not fetched again. Any failed download or missing file stops the script
# with a non-zero status. Needs apt-get (run as root for `apt-get update`), dpkg-deb, npm and tar.
#
# Layout:
#   images/{coffee,chelsea,astronaut}.png         python3-skimage
#   images/{dog,eagle}.jpg                        darknet
#   images/{fruits,baboon}.jpg                    opencv-doc
#   labels/classification_classes_ILSVRC2012.txt  opencv-doc (1000 ImageNet labels, one a line)
#   nsfwjs/mobilenet_v2_mid/*.min.js              npm nsfwjs@4.3.0, dist/models/mobilenet_v2_mid/
set -euo pipefail

root="$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
fixtures="${TRT4J_FIXTURES:-$root/.fixtures}"
mkdir -p "$fixtures/images" "$fixtures/labels" "$fixtures/nsfwjs"
fixtures="$(cd "$fixtures" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

die() { echo "fetch-fixtures: $*" >&2; exit 1; }
log() { echo "fetch-fixtures: $*" >&2; }

apt_updated=0
# deb_extract PACKAGE DEST_DIR PATH_IN_PACKAGE... : copies each file (by base name) from the package into DEST_DIR.
deb_extract() {
  local pkg="$1" dest="$2"; shift 2
  local missing=()
  for p in "$@"; do [[ -s "$dest/$(basename "$p")" ]] || missing+=("$p"); done
  if [[ ${#missing[@]} -eq 0 ]]; then log "$pkg: cached"; return 0; fi
  local dir="$work/$pkg"
  mkdir -p "$dir"
  if ls "$dir"/*.deb >/dev/null 2>&1; then
    :  # already downloaded by an earlier call in this run
  elif ! (cd "$dir" && apt-get download "$pkg" >/dev/null 2>&1); then
    if [[ $apt_updated -eq 0 ]]; then
      log "apt-get download $pkg failed; running apt-get update"
      apt-get update -qq >/dev/null || die "apt-get update failed"
      apt_updated=1
    fi
    (cd "$dir" && apt-get download "$pkg") || die "apt-get download $pkg failed"
  fi
  local deb
  deb="$(ls "$dir"/*.deb 2>/dev/null | head -n 1)"
  [[ -n "$deb" ]] || die "apt-get download $pkg produced no .deb"
  [[ -d "$dir/x" ]] || dpkg-deb -x "$deb" "$dir/x" || die "dpkg-deb -x $deb failed"
  for p in "${missing[@]}"; do
    [[ -s "$dir/x/$p" ]] || die "$pkg has no $p"
    cp "$dir/x/$p" "$dest/$(basename "$p").part" && mv "$dest/$(basename "$p").part" "$dest/$(basename "$p")"
    log "$pkg: $dest/$(basename "$p")"
  done
}

skimage=/usr/lib/python3/dist-packages/skimage/data
deb_extract python3-skimage "$fixtures/images" "$skimage/coffee.png" "$skimage/chelsea.png" "$skimage/astronaut.png"
deb_extract darknet "$fixtures/images" /usr/share/darknet/data/dog.jpg /usr/share/darknet/data/eagle.jpg
opencv=/usr/share/doc/opencv-doc/examples/data
deb_extract opencv-doc "$fixtures/images" "$opencv/fruits.jpg" "$opencv/baboon.jpg"
deb_extract opencv-doc "$fixtures/labels" "$opencv/dnn/classification_classes_ILSVRC2012.txt"

nsfw="$fixtures/nsfwjs/mobilenet_v2_mid"
if [[ -s "$nsfw/model.min.js" ]]; then
  log "nsfwjs: cached"
else
  (cd "$work" && npm pack --silent nsfwjs@4.3.0 >/dev/null) || die "npm pack nsfwjs@4.3.0 failed"
  tgz="$(ls "$work"/nsfwjs-*.tgz 2>/dev/null | head -n 1)"
  [[ -n "$tgz" ]] || die "npm pack produced no tarball"
  mkdir -p "$work/npm"
  tar -xzf "$tgz" -C "$work/npm" package/dist/models/mobilenet_v2_mid || die "nsfwjs tarball has no dist/models/mobilenet_v2_mid"
  rm -rf "$nsfw.part" && mkdir -p "$nsfw.part"
  cp "$work/npm/package/dist/models/mobilenet_v2_mid/"* "$nsfw.part/"
  [[ -s "$nsfw.part/model.min.js" ]] || die "nsfwjs dist/models/mobilenet_v2_mid has no model.min.js"
  rm -rf "$nsfw" && mv "$nsfw.part" "$nsfw"
  log "nsfwjs: $nsfw"
fi

for f in images/coffee.png images/chelsea.png images/astronaut.png images/dog.jpg images/eagle.jpg \
         images/fruits.jpg images/baboon.jpg labels/classification_classes_ILSVRC2012.txt; do
  [[ -s "$fixtures/$f" ]] || die "missing $fixtures/$f"
done
log "fixtures ready in $fixtures"
