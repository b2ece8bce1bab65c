# Reads a shell script; exits 0 when it runs sed at least once and only inside a heredoc fed to
# bash (`bash -s <<'EOF'`, `bash <<EOF`, `sudo bash -s <<-EOF` ...). Used by sed-in-heredoc.sh.
tag == "" && /^[[:space:]]*#/ { next }
tag != "" {
  line = $0
  if (strip_tabs) sub(/^\t+/, "", line)
  if (line == tag) { tag = ""; next }
  if ($0 ~ /(^|[^[:alnum:]_])sed[[:space:]]/) inside++
  next
}
/(^|[^[:alnum:]_])bash([[:space:]]+-[[:alnum:]]+)*["']?[[:space:]]*<</ {
  spec = $0
  sub(/.*<</, "", spec)
  strip_tabs = (spec ~ /^-/)
  sub(/^-/, "", spec)
  sub(/^[[:space:]]*/, "", spec)
  gsub(/["']/, "", spec)
  sub(/[^[:alnum:]_].*$/, "", spec)
  tag = spec
  next
}
/(^|[^[:alnum:]_])sed[[:space:]]/ { outside++ }
END { exit !(inside > 0 && outside == 0) }
