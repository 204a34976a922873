#!/usr/bin/env bash
# Make sure the system libraries a real Qt window (xcb) and QtWebEngine need are present.
# Installs the missing ones with apt-get when run as root on Debian/Ubuntu, else prints the
# command to run. Never fails the build: offscreen tests need none of these libraries.
set -u
venv=${VENV:-.venv}
qt=$("$venv/bin/python" - <<'PY' 2>/dev/null
import pathlib, PySide6
print(pathlib.Path(PySide6.__file__).parent / "Qt")
PY
)
[ -n "$qt" ] || { echo "system-libs: PySide6 is not installed yet"; exit 0; }
[ "$(uname -s)" = Linux ] || exit 0

# Shared objects Qt loads at run time without linking them (ldd cannot see them).
wanted=(libxcb-cursor.so.0)
mapfile -t missing < <(
  { for lib in "${wanted[@]}"; do ldconfig -p | grep -q "$lib" || echo "$lib"; done
    # the GTK platform theme: the contrast test reads the dark palette a desktop gives through it
    ldd "$qt/plugins/platforms/libqxcb.so" "$qt/lib/libQt6WebEngineCore.so.6" \
        "$qt/plugins/platformthemes/libqgtk3.so" \
        "$qt/libexec/QtWebEngineProcess" 2>/dev/null | awk '/not found/ {print $1}'
  } | sort -u)
# Xvfb gives the tests a real X11 display, so the window users get is tested too.
command -v Xvfb >/dev/null 2>&1 || xvfb_missing=1
# The accessibility-tree test reads the app as a screen reader does, over AT-SPI: a session bus
# of its own, AT-SPI's bus and registry, and pyatspi on the system's python3.
tools=()
command -v dbus-run-session >/dev/null 2>&1 || tools+=(dbus-daemon)
[ -x /usr/libexec/at-spi-bus-launcher ] || tools+=(at-spi2-core)
/usr/bin/python3 -c 'import pyatspi' >/dev/null 2>&1 || tools+=(python3-pyatspi)
# The install script's test checks the menu entry it writes with desktop-file-validate.
command -v desktop-file-validate >/dev/null 2>&1 || tools+=(desktop-file-utils)
# `make dist` compresses the bundle with libdeflate's gzip, the smallest .tar.gz.
command -v libdeflate-gzip >/dev/null 2>&1 || tools+=(libdeflate-tools)
[ ${#missing[@]} -eq 0 ] && [ -z "${xvfb_missing:-}" ] && [ ${#tools[@]} -eq 0 ] && exit 0

# Debian names a package after its library: libxcb-icccm.so.4 -> libxcb-icccm4,
# libxkbcommon-x11.so.0 -> libxkbcommon-x11-0.
packages=()
for lib in "${missing[@]}"; do
  base=${lib%%.so*}; version=${lib##*.so.}; version=${version%%.*}
  case $base in *[0-9]) packages+=("$base-$version") ;; *) packages+=("$base$version") ;; esac
done
[ -n "${xvfb_missing:-}" ] && packages+=(xvfb)
packages+=("${tools[@]}")
command="apt-get install -y --no-install-recommends ${packages[*]}"
[ ${#missing[@]} -gt 0 ] && echo "system-libs: a real Qt window needs ${missing[*]}"
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "system-libs: installing ${packages[*]}"
  if (apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null 2>&1 && apt-get install -y --no-install-recommends "${packages[@]}" >/dev/null; }); then
    echo "system-libs: installed"
  else
    echo "system-libs: could not install them; run: sudo $command"
  fi
else
  echo "system-libs: run: sudo $command"
fi
exit 0
