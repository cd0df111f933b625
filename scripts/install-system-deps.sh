#!/usr/bin/env bash
# Installs the system packages that some tests need (Chromium + CJK fonts for browser tests,
# poppler-utils for PDF checks, PostgreSQL for storage tests). Only where it can: as root on Debian.
# Elsewhere the tests that need them skip with a printed reason.
set -u
if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "install-system-deps: not root on Debian; browser/PostgreSQL tests will skip if their tools are missing"
  exit 0
fi
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium)
[ -d /usr/share/fonts/opentype/noto ] || want+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || want+=(poppler-utils)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || want+=(postgresql)
if [ ${#want[@]} -gt 0 ]; then
  echo "install-system-deps: installing ${want[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null 2>&1 || true
  apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null 2>&1 \
    || echo "install-system-deps: apt-get install failed; dependent tests will skip"
fi
exit 0
