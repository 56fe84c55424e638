#!/usr/bin/env bash
# Installs everything rfcheck needs to build, test and run its suites on Debian 12,
# from Debian's archive only. Safe to run again: it installs only what is missing.
# Needs root (CI and the dev machines run as root; elsewhere run it with sudo).
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake ninja-build pkg-config clang-14 libclang-rt-14-dev
  # libraries (see docs/dependencies.md for why each one)
  libyaml-cpp-dev libboost-dev libboost-filesystem-dev libre2-dev libfmt-dev
  nlohmann-json3-dev libcli11-dev libgtest-dev libgmock-dev libssl-dev
  # real servers the suites run against, and the tools to drive them
  vsftpd iproute2 passwd procps
  exim4-daemon-light python3-aiosmtpd openssl
  dovecot-core dovecot-pop3d dovecot-imapd
  # bench/case_changes.py reads the suites' YAML
  python3-yaml
  # tests/reports/html_browser_test.py opens the HTML run report in a headless browser (no
  # console error, the filters hide rows, #case-<id> opens its case) and screenshots it
  chromium chromium-driver python3-selenium
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: need root to install: ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt_opts=(-y -q --no-install-recommends -o DPkg::Lock::Timeout=600)
  # Server packages must not start their system daemons: we launch private
  # instances on loopback. policy-rc.d exiting 101 forbids invoke-rc.d starts.
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod 755 /usr/sbin/policy-rc.d
    made_policy=1
  fi
  trap '[ $made_policy = 1 ] && rm -f /usr/sbin/policy-rc.d' EXIT
  apt-get update -q -o DPkg::Lock::Timeout=600 >/dev/null
  # Debian allows one package per server family (ftp-server, ...) and apt
  # resolves a conflict by removing the installed one: refuse instead.
  if apt-get -s "${apt_opts[@]}" install "${missing[@]}" | grep -q '^Remv'; then
    echo "install-deps: installing ${missing[*]} would remove packages; refusing:" >&2
    apt-get -s "${apt_opts[@]}" install "${missing[@]}" | grep '^Remv' >&2
    exit 1
  fi
  apt-get "${apt_opts[@]}" install "${missing[@]}"
fi

# Test accounts the target profiles log in with (see targets/*.yaml). A login
# shell listed in /etc/shells is required: vsftpd's PAM stack ends with pam_shells.
if [ "$(id -u)" -eq 0 ]; then
  if ! id ftptest >/dev/null 2>&1; then
    useradd --create-home --shell /bin/sh --user-group ftptest
  fi
  echo 'ftptest:ftptest' | chpasswd
  # SMTP/POP3/IMAP test user (targets/exim4.yaml authenticates as mailtest/mailtest).
  if ! id mailtest >/dev/null 2>&1; then
    useradd --create-home --shell /bin/sh --user-group mailtest
  fi
  echo 'mailtest:mailtest' | chpasswd
fi
# vsftpd insists on this directory existing (secure_chroot_dir).
mkdir -p /var/run/vsftpd/empty 2>/dev/null || true
echo "install-deps: ok"
