#!/bin/sh
# Assembles a class of submissions from the samples: make_class.sh DEST [COPIES].
# Each sample becomes DEST/<sample> (DEST/<sample>-<k> with COPIES > 1); the samples that
# run pop3_server.py get their own copy of it, as a student's folder would hold its code.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dest=$1
copies=${2:-1}
mkdir -p "$dest"
for sample in "$here"/samples/*/; do
  name=$(basename "$sample")
  k=1
  while [ "$k" -le "$copies" ]; do
    folder="$dest/$name"
    [ "$copies" -gt 1 ] && folder="$dest/$name-$k"
    rm -rf "$folder"
    cp -R "$sample" "$folder"
    if grep -q pop3_server.py "$sample/submission.yaml"; then cp "$here/pop3_server.py" "$folder/"; fi
    k=$((k + 1))
  done
done
