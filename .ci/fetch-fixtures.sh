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
#   bin/djpeg                                     libjpeg-turbo-progs (the reference decoder of the JPEG tests; links
#                                                 the system libjpeg.so.62, libjpeg62-turbo, which must be installed)
#   tf-python/ (opt-in: TRT4J_FIXTURES_PYTHON_TF=1)  models written by Python TensorFlow 2.18 (pip tensorflow-cpu):
#     x.bin (float32 [2,8,8,3] input), tf2_saved/ (TF2 SavedModel, signature serving_default: images -> probs, logits),
#     tf2_probs.bin, tf2_logits.bin, tf1_ckpt/model.ckpt-1{.meta,.index,.data-*} (TF1 checkpoint after one training
#     step; ref and resource variables; output "logits"), tf1_logits.bin, tf1_saved/ (TF1 SavedModel, images -> logits).
#     Uses $TRT4J_PYTHON if it already has tensorflow, else a venv in .fixtures/.venv-tf. Outputs: raw little-endian
#     float32 as Python TensorFlow computed them.
set -euo pipefail

root="$(git rev-parse --show-toplevel 2>/dev/null || pwd)"
fixtures="${TRT4J_FIXTURES:-$root/.fixtures}"
mkdir -p "$fixtures/images" "$fixtures/labels" "$fixtures/nsfwjs" "$fixtures/bin"
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
deb_extract libjpeg-turbo-progs "$fixtures/bin" /usr/bin/djpeg
chmod +x "$fixtures/bin/djpeg"
"$fixtures/bin/djpeg" -version >/dev/null 2>&1 || die "$fixtures/bin/djpeg does not run (is libjpeg62-turbo installed?)"

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

if [[ "${TRT4J_FIXTURES_PYTHON_TF:-0}" == "1" ]]; then
  pytf="$fixtures/tf-python"
  if [[ -f "$pytf/.done" ]]; then
    log "tf-python: cached"
  else
    py="${TRT4J_PYTHON:-}"
    if [[ -z "$py" ]] || ! "$py" -c "import tensorflow" >/dev/null 2>&1; then
      py="$fixtures/.venv-tf/bin/python"
      if ! "$py" -c "import tensorflow" >/dev/null 2>&1; then
        python3 -m venv "$fixtures/.venv-tf" || die "python3 -m venv failed"
        "$fixtures/.venv-tf/bin/pip" install -q tensorflow-cpu==2.18.0 || die "pip install tensorflow-cpu failed"
      fi
    fi
    rm -rf "$pytf" && mkdir -p "$pytf"
    cat > "$work/make_tf_models.py" <<'PY'
import numpy as np, tensorflow as tf, os
import sys
out = sys.argv[1]
rng = np.random.default_rng(0)
x = rng.standard_normal((2, 8, 8, 3)).astype(np.float32)
x.tofile(f"{out}/x.bin")

# TF2 SavedModel with variables read inside functions, conv + bn-ish + dense
class M(tf.Module):
    def __init__(self):
        self.k = tf.Variable(rng.standard_normal((3, 3, 3, 4)).astype(np.float32), name="conv_kernel")
        self.b = tf.Variable(rng.standard_normal((4,)).astype(np.float32), name="conv_bias")
        self.w = tf.Variable(rng.standard_normal((4, 5)).astype(np.float32), name="dense_w")
        self.step = tf.Variable(0, name="step")
    @tf.function(input_signature=[tf.TensorSpec([None, 8, 8, 3], tf.float32, name="images")])
    def serve(self, images):
        h = tf.nn.relu6(tf.nn.conv2d(images, self.k, 1, "SAME") + self.b)
        h = tf.reduce_mean(h, axis=[1, 2])
        return {"probs": tf.nn.softmax(tf.matmul(h, self.w)), "logits": tf.matmul(h, self.w)}
m = M()
ref = m.serve(tf.constant(x))
ref["probs"].numpy().tofile(f"{out}/tf2_probs.bin"); ref["logits"].numpy().tofile(f"{out}/tf2_logits.bin")
tf.saved_model.save(m, f"{out}/tf2_saved", signatures={"serving_default": m.serve})

# TF1 checkpoint (.meta + ckpt) with ref variables and a resource variable, plus TF1 SavedModel
g = tf.Graph()
with g.as_default():
    inp = tf.compat.v1.placeholder(tf.float32, [None, 8, 8, 3], name="input")
    with tf.compat.v1.variable_scope("net"):
        k = tf.compat.v1.get_variable("k", initializer=rng.standard_normal((3, 3, 3, 4)).astype(np.float32), use_resource=False)
        b = tf.compat.v1.get_variable("b", initializer=rng.standard_normal((4,)).astype(np.float32), use_resource=True)
        w = tf.compat.v1.get_variable("w", initializer=rng.standard_normal((4, 5)).astype(np.float32), use_resource=False)
    h = tf.nn.relu(tf.nn.conv2d(inp, k, [1, 1, 1, 1], "SAME") + b)
    h = tf.reduce_mean(h, axis=[1, 2])
    logits = tf.identity(tf.matmul(h, w), name="logits")
    gs = tf.compat.v1.train.get_or_create_global_step()
    train = tf.compat.v1.train.GradientDescentOptimizer(0.1).minimize(tf.reduce_sum(logits), global_step=gs)
    saver = tf.compat.v1.train.Saver()
    with tf.compat.v1.Session(graph=g) as s:
        s.run(tf.compat.v1.global_variables_initializer())
        s.run(train, {inp: x})  # one training step
        s.run(logits, {inp: x}).tofile(f"{out}/tf1_logits.bin")
        os.makedirs(f"{out}/tf1_ckpt", exist_ok=True)
        saver.save(s, f"{out}/tf1_ckpt/model.ckpt", global_step=1)
        tf.compat.v1.saved_model.simple_save(s, f"{out}/tf1_saved", inputs={"images": inp}, outputs={"logits": logits})
print(os.listdir(f"{out}/tf1_ckpt"))
PY
    TF_CPP_MIN_LOG_LEVEL=2 "$py" "$work/make_tf_models.py" "$pytf" >/dev/null || die "generating tf-python models failed"
    touch "$pytf/.done"
    log "tf-python: $pytf"
  fi
fi

for f in images/coffee.png images/chelsea.png images/astronaut.png images/dog.jpg images/eagle.jpg \
         images/fruits.jpg images/baboon.jpg labels/classification_classes_ILSVRC2012.txt bin/djpeg; do
  [[ -s "$fixtures/$f" ]] || die "missing $fixtures/$f"
done
log "fixtures ready in $fixtures"
