#!/bin/sh
# Install this locator bundle for the current user: the program in ~/.local/opt/locator, a
# `locator` command in ~/.local/bin, and an entry (with its icon) in the application menu.
# `install.sh --uninstall` removes all of these again (the user's settings, cache and
# shortlists stay: docs/install.md says where they are).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/locator
icons="48x48/apps/locator.png 128x128/apps/locator.png 256x256/apps/locator.png"
icons="$icons scalable/apps/locator.svg"

if [ "${1:-}" = --uninstall ]; then
    rm -rf "$target"
    [ "$(readlink "$HOME/.local/bin/locator" || true)" = "$target/locator" ] \
        && rm -f "$HOME/.local/bin/locator"
    rm -f "$data/applications/locator.desktop"
    for icon in $icons; do
        rm -f "$data/icons/hicolor/$icon"
    done
    # the icon folders install.sh made, once nothing else is in them
    for folder in 48x48/apps 48x48 128x128/apps 128x128 256x256/apps 256x256 scalable/apps \
        scalable; do
        rmdir "$data/icons/hicolor/$folder" 2>/dev/null || true
    done
    rmdir "$data/icons/hicolor" "$data/icons" "$HOME/.local/opt" 2>/dev/null || true
    echo "locator is uninstalled; your settings, cache and shortlists stay (docs/install.md says where)"
    exit 0
fi

mkdir -p "$HOME/.local/opt" "$HOME/.local/bin" "$data/applications"
if [ "$here" != "$target" ]; then
    rm -rf "$target"
    cp -a "$here" "$target"
fi
ln -sf "$target/locator" "$HOME/.local/bin/locator"
for size in 48 128 256; do
    mkdir -p "$data/icons/hicolor/${size}x${size}/apps"
    cp "$target/share/icons/locator-$size.png" "$data/icons/hicolor/${size}x${size}/apps/locator.png"
done
mkdir -p "$data/icons/hicolor/scalable/apps"
cp "$target/share/icons/locator.svg" "$data/icons/hicolor/scalable/apps/locator.svg"
# the desktop-entry spec: the program's path in double quotes (a home folder may have a space),
# with ", `, $ and \ escaped by a backslash and % doubled
exec_path=$(printf '%s' "$target/locator" | sed 's/[\\"`$]/\\&/g; s/%/%%/g')
while IFS= read -r line; do
    case $line in
        Exec=*) printf 'Exec="%s"\n' "$exec_path" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < "$target/share/locator.desktop" > "$data/applications/locator.desktop"
echo "locator is installed: find it in your application menu, or run $HOME/.local/bin/locator"
if [ "$here" != "$target" ]; then
    echo "It was copied to $target: you can delete $here now."
fi
echo "To remove it: sh $target/install.sh --uninstall"
