#!/usr/bin/env bash
# Builds the package the Azure Functions host expects (docs/deploy.md): host.json, one folder per function with its
# function.json, the released models, and the IcedServerless.Functions handler published self-contained for
# linux-x64 with ReadyToRun (no .NET on the Flex 'custom' image is assumed; R2R cuts JIT time at cold start).
# Usage: infra/package.sh [output.zip]   (default artifacts/functionapp.zip)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
zip_path="${1:-$root/artifacts/functionapp.zip}"
publish_dir="$root/artifacts/functionapp"
handler="IcedServerless.Functions"

rm -rf "$publish_dir"
dotnet publish "$root/src/IcedServerless.Functions/IcedServerless.Functions.csproj" \
  -c Release -r linux-x64 --self-contained true \
  -p:PublishReadyToRun=true -p:DebugType=none \
  -o "$publish_dir"

# The layout the host needs; fail here rather than after a deployment.
test -f "$publish_dir/host.json" || { echo "host.json missing from $publish_dir" >&2; exit 1; }
chmod +x "$publish_dir/$handler"
for source in "$root"/src/IcedServerless.Functions/*/function.json; do
  name="$(basename "$(dirname "$source")")"
  test -f "$publish_dir/$name/function.json" || { echo "$name/function.json missing from $publish_dir" >&2; exit 1; }
done

mkdir -p "$(dirname "$zip_path")"
rm -f "$zip_path"
# Python's zipfile keeps the Unix mode bits (the handler must stay executable in the zip) and needs no zip binary.
python3 - "$publish_dir" "$zip_path" <<'PY'
import os, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
    for folder, _, files in os.walk(source):
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, source))
PY
echo "$zip_path"
