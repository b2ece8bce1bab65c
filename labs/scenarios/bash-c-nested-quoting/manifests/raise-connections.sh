#!/usr/bin/env bash
# Raises max_connections in the app's config on a node.
# It keeps the previous file as app.conf.orig (sed -i.orig works with GNU and BSD sed alike).
#
# On the real nodes this runs as root over SSH, through a remote `sudo bash`. In the lab the node
# is the node/ folder next to this script, and the local `bash` below stands in for that remote
# shell: the quoting has to survive one more shell either way.
set -euo pipefail
cd "$(dirname "$0")"

bash -c 'sed -i.orig 's/max_connections = 100/max_connections = 500/' node/app.conf'
echo "max_connections raised to 500"
