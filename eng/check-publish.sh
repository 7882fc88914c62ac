#!/usr/bin/env bash
# Publishes a service for linux-x64 (what the container image holds, without needing the base image) and
# checks the output: the service, and the pinned kubectl and helm in kube-tools/ with their .verified stamp.
# Usage: eng/check-publish.sh [Homelab.Infrastructure|Homelab.Applications]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
project=${1:-Homelab.Infrastructure}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
dotnet publish "$root/src/$project" -c Release -r linux-x64 -o "$out" --nologo -v quiet
for file in "$project.dll" kube-tools/kubectl kube-tools/helm kube-tools/.verified; do
  [ -e "$out/$file" ] || { echo "check-publish: $file is missing from the publish output" >&2; exit 1; }
done
"$out/kube-tools/kubectl" version --client >/dev/null
"$out/kube-tools/helm" version --short >/dev/null
echo "check-publish: $project publish output holds the service, kubectl and helm"
