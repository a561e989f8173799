#!/bin/sh
# Example event hook: tell Keepsake that Syncthing finished a file, e.g. from a tool that runs a
# command per Syncthing ItemFinished event with the folder id and the item path as arguments:
#   syncthing-hook.sh FOLDER_ID ITEM
# The service follows Syncthing's events itself; a hook is a second, faster-than-reconcile signal,
# and works without a running service too (keepsake hook then ingests the file itself).
set -eu

if [ "$#" -lt 1 ]; then
  echo "usage: $0 FOLDER_ID [ITEM...]" >&2
  exit 2
fi
folder=$1
shift

exec java -jar /opt/keepsake/keepsake.jar hook --folder "$folder" --config /etc/keepsake/keepsake.yaml -- "$@"
