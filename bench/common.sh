# Shared by bench/run and bench/soak (sourced, not run).

# A JDK 21 or newer: pick_jdk and use_jdk, shared with ./mvnw, ./lambda-ledger and .ci/run.
# shellcheck source=.ci/jdk.sh
. "$(dirname "${BASH_SOURCE[0]}")/../.ci/jdk.sh"

# The commit: short SHA, plus "dirty" if tracked files have changes.
commit_label() {
  local commit
  commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
  if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit dirty"; fi
  echo "$commit"
}

# One line: cores, CPU model, memory, JDK.
machine_label() {
  local cpu mem
  cpu=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
  echo "$(nproc) cores (${cpu:-?}), ${mem:-?} memory; $(java -version 2>&1 | head -1)"
}

# Replaces the lines between the markers "<!-- $2:begin -->" and "<!-- $2:end -->" of file $1 with
# file $3 (which holds the markers itself); without the markers, appends $3 to the file.
replace_section() {
  local file=$1 name=$2 section=$3
  if [ -f "$file" ] && grep -q "<!-- $name:begin -->" "$file" && grep -q "<!-- $name:end -->" "$file"; then
    awk -v section="$section" -v begin="<!-- $name:begin -->" -v end="<!-- $name:end -->" '
      index($0, begin) { while ((getline line < section) > 0) print line; skipping = 1; next }
      index($0, end) { skipping = 0; next }
      !skipping { print }
    ' "$file" > "$file.tmp"
    mv "$file.tmp" "$file"
  else
    { [ -s "$file" ] && echo; cat "$section"; } >> "$file"
  fi
}
