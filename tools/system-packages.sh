#!/bin/sh
# Bring the machine to a testable state: the browser tests drive Debian's chromium (through Playwright, which
# downloads no browser) and need a CJK font to render Chinese. Installs what is missing with apt-get (sudo when
# not root) and says so in one line; where it cannot, stops with one message naming the command to run.
# Used by `make test` and `make bench`; .ci/run calls `make test`, so CI and a newcomer take the same path.
set -u
# npm installs the test-only tools of package.json (axe-core) from the registry.
PACKAGES="chromium fonts-wqy-microhei fontconfig"

have_chromium() { [ -x /usr/bin/chromium ]; }
have_cjk_font() { command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q .; }
have_npm() { command -v npm >/dev/null 2>&1; }

if ! have_npm; then
  PACKAGES="$PACKAGES nodejs npm"
fi
if have_chromium && have_cjk_font && have_npm; then
  exit 0
fi

advice="install them once with: sudo apt-get install $PACKAGES"
if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: the browser tests need Debian's chromium and a CJK font, and this is not a Debian machine (no apt-get);" \
       "install chromium at /usr/bin/chromium and a Chinese font, or run only the other tests: .venv/bin/python -m pytest -m 'not browser'" >&2
  exit 1
fi
if [ "$(id -u)" = "0" ]; then
  run=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run="sudo"
else
  echo "error: the browser tests need chromium and a CJK font, and installing them needs root; $advice" >&2
  exit 1
fi

echo "installing what the browser tests need from Debian: $PACKAGES"
log=$(mktemp)
if ! { $run apt-get update -qq && DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends $PACKAGES; } >"$log" 2>&1; then
  tail -n 20 "$log" >&2
  rm -f "$log"
  echo "error: apt-get could not install $PACKAGES (see above); $advice" >&2
  exit 1
fi
rm -f "$log"
if ! have_chromium || ! have_cjk_font || ! have_npm; then
  echo "error: after installing $PACKAGES, /usr/bin/chromium or a CJK font is still missing; $advice" >&2
  exit 1
fi
