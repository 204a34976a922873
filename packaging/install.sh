#!/bin/sh
# Install this locator bundle for the current user: the program in ~/.local/opt/locator, a
# `locator` command in ~/.local/bin, and an entry (with its icon) in the application menu.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
target=$HOME/.local/opt/locator
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
sed "s|^Exec=.*|Exec=$target/locator|" "$target/share/locator.desktop" > "$data/applications/locator.desktop"
echo "locator is installed: find it in your application menu, or run $HOME/.local/bin/locator"
