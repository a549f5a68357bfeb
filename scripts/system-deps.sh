#!/usr/bin/env bash
# System packages the project and its test suite need, installed from Debian when missing (as root, after
# apt-get update, non-interactive).
# - PostgreSQL: the tests use the server at 127.0.0.1:5432 when one runs, otherwise they start a throwaway
#   cluster from the installed binaries, so the server binaries must be present.
# - LibreOffice Writer and Calc (headless): the report and document tests convert .docx to PDF, the export
#   tests open the .xlsx exports.
# - poppler-utils: pdftotext/pdfimages read that PDF back.
# - fonts-noto-cjk + fontconfig: report charts (matplotlib) and the PDF render Chinese text with Noto CJK.
# - chromium: the console's browser tests (Playwright drives /usr/bin/chromium; never `playwright install`).
set -euo pipefail

# (no `| grep -q` under pipefail: grep exiting early would fail the pipeline with SIGPIPE)
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
available() {
  local policy
  policy="$(apt-cache policy "$1" 2>/dev/null)"
  [[ "$policy" =~ Candidate:\ [0-9] ]]
}

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer)   # resolved to the -nogui flavour below
installed libreoffice-calc-nogui || installed libreoffice-calc || need+=(libreoffice-calc)  # xlsx exports' test
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v fc-match >/dev/null 2>&1 || need+=(fontconfig)
installed fonts-noto-cjk || need+=(fonts-noto-cjk)
[ -x /usr/bin/chromium ] || need+=(chromium)

if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing system packages: ${need[*]} (install them as root: $0)" >&2
    exit 1
  fi
  apt-get update -qq
  pkgs=()
  for p in "${need[@]}"; do
    if [ "$p" = libreoffice-writer ] && available libreoffice-writer-nogui; then
      p=libreoffice-writer-nogui
    elif [ "$p" = libreoffice-calc ] && available libreoffice-calc-nogui; then
      p=libreoffice-calc-nogui
    fi
    pkgs+=("$p")
  done
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${pkgs[@]}"
  fc-cache -f >/dev/null 2>&1 || true
fi
