#!/usr/bin/env bash
# Installs the build into a temporary prefix and runs the installed rfcheck from /, so that
# nothing can come from the build or source tree: --version, lint and list on the installed
# specs, RFCHECK_SPECS, and a run against fault_ftpd, launched and stopped by rfcheck.
# MODE install: cmake --install into the prefix. MODE deb: the Debian package CPack builds,
# unpacked into an empty root (its /usr is the prefix).
# Usage: install_test.sh install|deb BUILD_DIR SOURCE_DIR FAULT_FTPD
set -euo pipefail
mode=$1 build=$2 source=$3 fault_ftpd=$4

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "install_test: $*" >&2; exit 1; }

case $mode in
  install)
    prefix=$work/prefix
    cmake --install "$build" --prefix "$prefix" > "$work/install.log"
    ;;
  deb)
    cpack -G DEB -B "$work/package" --config "$build/CPackConfig.cmake" > "$work/cpack.log" 2>&1 ||
      fail "cpack failed: $(tail -20 "$work/cpack.log")"
    deb=$(ls "$work"/package/rfcheck_*.deb)
    depends=$(dpkg-deb -f "$deb" Depends)
    for lib in libyaml-cpp libre2 libssl; do
      [[ $depends == *"$lib"* ]] || fail "the package does not depend on $lib: $depends"
    done
    dpkg-deb -x "$deb" "$work/root"
    prefix=$work/root/usr
    ;;
  *) fail "mode must be install or deb, not '$mode'" ;;
esac
rfcheck=$prefix/bin/rfcheck
specs=$prefix/share/rfcheck/specs
[ -x "$rfcheck" ] || fail "no bin/rfcheck under the prefix"
for path in "$specs/ftp/protocol.yaml" "$specs/requirements/rfc959.yaml" "$specs/rfc/rfc959.txt" \
            "$prefix/share/rfcheck/targets/vsftpd.yaml" "$prefix/share/doc/rfcheck/README.md" \
            "$prefix/share/doc/rfcheck/docs/spec-format.md"; do
  [ -f "$path" ] || fail "not installed: ${path#"$prefix"/}"
done
cd /

# --version names the commit the build came from.
version=$("$rfcheck" --version)
if commit=$(git -C "$source" rev-parse --short=12 HEAD 2>/dev/null); then
  [[ $version == "rfcheck "*" (commit $commit"* ]] || fail "--version says '$version', HEAD is $commit"
else
  [[ $version == "rfcheck "*" (commit "*")" ]] || fail "--version says '$version'"
fi

# lint and list read the installed specs, never the source tree's.
"$rfcheck" lint > "$work/lint.out" || fail "lint of the installed specs failed: $(cat "$work/lint.out")"
grep -q "^lint: $specs/ftp: " "$work/lint.out" || fail "lint did not read $specs/ftp: $(cat "$work/lint.out")"
! grep -q "$source" "$work/lint.out" || fail "lint names the source tree: $(cat "$work/lint.out")"
"$rfcheck" list --protocol ftp > "$work/list.out"
grep -q "ftp.noop.replies-ok" "$work/list.out" || fail "list shows no FTP case"
"$rfcheck" coverage --summary --rfc 959 > "$work/coverage.out" || fail "coverage failed"

# RFCHECK_SPECS wins over the installed specs, and a wrong one is named.
if RFCHECK_SPECS=$work/nowhere "$rfcheck" lint > "$work/nowhere.out" 2>&1; then
  fail "lint passed with RFCHECK_SPECS pointing nowhere"
fi
grep -q "$work/nowhere/ftp" "$work/nowhere.out" || fail "the error does not name RFCHECK_SPECS: $(cat "$work/nowhere.out")"

# A run against a server the installed rfcheck launches from a profile (and stops), whose
# fixture files the installed specs upload and whose replies they judge.
cat > "$work/fault-ftpd.yaml" <<PROFILE
name: fault-ftpd
protocol: ftp
host: 127.0.0.1
port: auto
credentials: {user: alice, password: s3cret}
launch:
  command: [$fault_ftpd, --host, "{host}", --port, "{port}", --root, "{root}",
            --user, alice, --password, s3cret]
  root: root
  ready: {timeout: 5s}
PROFILE
"$rfcheck" run --target "$work/fault-ftpd.yaml" --id ftp.noop --id ftp.retr.binary-exact \
  --report "json:$work/run.json" > "$work/run.out" 2>&1 || fail "the run failed: $(cat "$work/run.out")"
grep -q '"verdict": *"pass"' "$work/run.json" || fail "no case passed: $(cat "$work/run.out")"
grep -q "stopped: SIGTERM" "$work/run.out" || fail "the launched server was not stopped: $(cat "$work/run.out")"
echo "install_test ($mode): installed under $prefix, ran from /: $version"
