#!/usr/bin/env bash
# The FTP suite against vsftpd: bench/suite_bench.sh with targets/vsftpd.yaml (see bench/README.md).
# Usage: bench/ftp_suite_bench.sh [RFCHECK] [REPS]
exec "$(dirname "$0")/suite_bench.sh" targets/vsftpd.yaml "$@"
