#!/usr/bin/env bash
# Print the Python to build .venv with: 3.12 or 3.13 where found, else python3 (3.11+).
set -u
candidates=(python3.12 python3.13)
if command -v pyenv >/dev/null 2>&1; then
  root=$(pyenv root)
  for version in 3.12 3.13; do
    candidates+=("$(ls -d "$root"/versions/"$version".*/bin/python"$version" 2>/dev/null | sort -V | tail -n 1)")
  done
fi
for candidate in "${candidates[@]}" python3; do
  [ -n "$candidate" ] || continue
  if "$candidate" -c 'import sys, venv; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
    command -v "$candidate"
    exit 0
  fi
done
echo "locator needs Python 3.11 or newer (3.12+ preferred); none was found" >&2
echo python3
